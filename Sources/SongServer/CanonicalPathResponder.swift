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
        let canonical = RequestPath.canonical(path)
        guard canonical != path else { return try await inner.respond(to: request, context: context) }
        var head = request.head
        head.path = canonical + query
        return try await inner.respond(to: Request(head: head, body: request.body), context: context)
    }
}
