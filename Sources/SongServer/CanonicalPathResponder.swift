import Hummingbird

/// Puts every request's path in one form before the router sees it, so the route that answers `/people/`,
/// `//people`, `/./people`, `/songs/../people` or `/peop%6Ce` is the route that answers `/people`, with the same
/// access (the router itself also matches without regard to case). The form is RFC 3986's: percent-encoded
/// unreserved characters decoded (§2.3, §6.2.2.2), dot segments removed (§5.2.4), and, as the router does, empty
/// segments and a trailing slash ignored.
struct CanonicalPathResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == SongRequestContext {
    let inner: Inner

    func respond(to request: Request, context: SongRequestContext) async throws -> Response {
        let raw = request.head.path ?? "/"
        let (path, query) = raw.firstIndex(of: "?").map { (raw[..<$0], raw[$0...]) } ?? (raw[...], "")
        let canonical = Self.canonical(path)
        guard canonical != path else { return try await inner.respond(to: request, context: context) }
        var head = request.head
        head.path = canonical + query
        return try await inner.respond(to: Request(head: head, body: request.body), context: context)
    }

    /// `path` in the one form routes are matched in.
    static func canonical(_ path: Substring) -> String {
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            let segment = decodeUnreserved(raw)
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return "/" + segments.joined(separator: "/")
    }

    /// `%XX` decoded where XX is an unreserved character (letters, digits, `-._~`); every other escape kept as it
    /// is, so an escaped slash stays part of its segment.
    static func decodeUnreserved(_ segment: Substring) -> String {
        guard segment.contains("%") else { return String(segment) }
        var bytes = Array(segment.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let high = hex(bytes[i + 1]), let low = hex(bytes[i + 2]) {
                let byte = high << 4 | low
                if isUnreserved(byte) {
                    out.append(byte)
                    i += 3
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        bytes = out
        return String(decoding: bytes, as: UTF8.self)
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func isUnreserved(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
