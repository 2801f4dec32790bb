import Foundation
import Hummingbird

/// A file as an HTTP response: conditional requests by ETag (If-None-Match, and If-Range for a range), and single
/// byte ranges (RFC 9110 §13–14), which audio players use to seek. The bytes are streamed from disk by Hummingbird's
/// FileIO, a range read alone, not the whole file mapped and copied for each request.
enum FileResponse {
    static let fileIO = FileIO()

    static func make(_ url: URL, type: String, etag: String, request: Request, context: some RequestContext) async throws -> Response {
        var info = stat()
        guard stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw HTTPError(.gone, message: "the rendered file is no longer there; ask for the render again")
        }
        let size = Int(info.st_size)
        let tag = "\"\(etag)\""
        var headers: HTTPFields = [.contentType: type, .eTag: tag, .acceptRanges: "bytes", .cacheControl: "no-cache"]
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag || $0 == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        // A range is for the file the client already has part of: with If-Range naming another, the whole is sent.
        // A range in a unit other than bytes is ignored, as RFC 9110 §14.1 says it must be: the whole is sent.
        let inBytes = request.headers[.range]?.lowercased().hasPrefix("bytes=") ?? false
        let wantsRange = inBytes && (request.headers[.ifRange].map { $0.trimmingCharacters(in: .whitespaces) == tag } ?? true)
        guard wantsRange, let header = request.headers[.range] else {
            headers[.contentLength] = String(size)
            return Response(status: .ok, headers: headers, body: try await body(url, 0..<size, context))
        }
        guard let range = byteRange(header, size: size) else {
            headers[.contentRange] = "bytes */\(size)"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        }
        headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(size)"
        headers[.contentLength] = String(range.count)
        return Response(status: .partialContent, headers: headers, body: try await body(url, range, context))
    }

    /// The bytes of `range`, streamed in chunks; the file gone meanwhile is 410, as above.
    static func body(_ url: URL, _ range: Range<Int>, _ context: some RequestContext) async throws -> ResponseBody {
        guard !range.isEmpty else { return ResponseBody() }
        do { return try await fileIO.loadFile(path: url.path, range: range.lowerBound...(range.upperBound - 1), context: context) } catch {
            throw HTTPError(.gone, message: "the rendered file is no longer there; ask for the render again")
        }
    }

    /// `bytes=a-b`, `bytes=a-` or `bytes=-n` against a file of `size` bytes; nil when it cannot be met.
    /// Several ranges are answered with the first (allowed: a server may ignore or coalesce ranges).
    static func byteRange(_ header: String, size: Int) -> Range<Int>? {
        guard header.lowercased().hasPrefix("bytes="), size > 0 else { return nil }
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
