import Foundation
import Hummingbird

/// A file as an HTTP response: conditional requests by ETag, and single byte ranges (RFC 9110 §14), which
/// audio players use to seek.
enum FileResponse {
    static func make(_ url: URL, type: String, etag: String, request: Request) throws -> Response {
        let data: Data
        do { data = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw HTTPError(.gone, message: "the rendered file is no longer there; ask for the render again")
        }
        let tag = "\"\(etag)\""
        var headers: HTTPFields = [.contentType: type, .eTag: tag, .acceptRanges: "bytes", .cacheControl: "no-cache"]
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag || $0 == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        guard let header = request.headers[.range] else {
            headers[.contentLength] = String(data.count)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        guard let range = byteRange(header, size: data.count) else {
            headers[.contentRange] = "bytes */\(data.count)"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        }
        headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(data.count)"
        headers[.contentLength] = String(range.count)
        return Response(status: .partialContent, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data[range])))
    }

    /// `bytes=a-b`, `bytes=a-` or `bytes=-n` against a file of `size` bytes; nil when it cannot be met.
    /// Several ranges are answered with the first (allowed: a server may ignore or coalesce ranges).
    static func byteRange(_ header: String, size: Int) -> Range<Int>? {
        guard header.hasPrefix("bytes="), size > 0 else { return nil }
        let first = header.dropFirst(6).split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let parts = first.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        if parts[0].isEmpty {
            guard let suffix = Int(parts[1]), suffix > 0 else { return nil }
            return max(0, size - suffix)..<size
        }
        guard let start = Int(parts[0]), start >= 0, start < size else { return nil }
        if parts[1].isEmpty { return start..<size }
        guard let end = Int(parts[1]), end >= start else { return nil }
        return start..<(min(end, size - 1) + 1)
    }
}
