import Foundation
import Hummingbird
import SongArchive

/// A route's access, checked after the route has matched (it is added to each route with that route's `access`
/// from the route tables). Loopback by default; beyond it, writes and the pages that name people need a facilitator
/// token: made with `songbridge token create` (kept hashed in the archive) or given to `serve --token`, and sent as
/// `Authorization: Bearer …` or as the cookie that `/facilitator` sets on a tablet.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = SongRequestContext
    let access: RouteAccess
    let settings: ServerSettings
    let archive: TourArchive
    static let cookie = "songbridge_facilitator"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The token is looked up where the route needs one, and for every write: the token's label is named as the
        // maker of every record the request writes (`TourArchive.writer`), on loopback too.
        let needed = access.needsToken && (!settings.isLoopback || access == .sync)
        let writes = request.method != .get && request.method != .head
        // (Looked up on loopback too, where a route that names people is open: a partner's token still sees only its own.)
        let facilitator = writes || access.needsToken ? try Self.facilitator(request, settings: settings, archive: archive) : nil
        guard needed, facilitator == nil else {
            // What the request may see of people's private details: its token's organisation's; without a token, the
            // archive's own on this machine's loopback, nobody's from anywhere else.
            let viewer = facilitator?.viewer ?? (settings.isLoopback ? .home : .nobody)
            return try await TourArchive.$viewer.withValue(viewer) {
                try await TourArchive.$writer.withValue(facilitator.map { "token \($0.label)" }) { try await next(request, context) }
            }
        }
        if access == .private, request.headers[.accept]?.contains("text/html") == true {
            let next = (request.head.path ?? "/").split(separator: "?").first.map(String.init) ?? "/"
            let escaped = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_.~"))) ?? "/"
            return text("""
                <!doctype html><html lang="en"><meta charset="utf-8"><title>For facilitators · Songbridge</title>
                <link rel="stylesheet" href="/public/app.css"><main><h1>This page is for facilitators</h1>
                <p>It names the people in the room. <a href="/facilitator?next=\(escaped)">Sign in with your facilitator token</a>.</p></main></html>
                """, type: "text/html; charset=utf-8", status: .unauthorized)
        }
        if access == .sync { throw HTTPError(.unauthorized, message: "a facilitator token is needed to sync (make one with songbridge token create on this laptop)") }
        throw HTTPError(.unauthorized, message: "a facilitator token is needed to change the archive or see who took part from another machine")
    }

    /// Whose token the request carries, if the archive (or `--token`) accepts it: the token's own label (or
    /// `serve --token` for the one given when the server started) and what it may see.
    static func facilitator(_ request: Request, settings: ServerSettings, archive: TourArchive) throws -> (label: String, viewer: ArchiveViewer)? {
        let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        guard let given = bearer ?? request.cookies[Self.cookie]?.value, !given.isEmpty else { return nil }
        return try facilitator(given, settings: settings, archive: archive)
    }

    /// Whether `token` is `serve --token`'s or one the archive made and has not revoked.
    static func accepts(_ token: String, settings: ServerSettings, archive: TourArchive) throws -> Bool {
        try facilitator(token, settings: settings, archive: archive) != nil
    }

    /// Whose `token` is, if it is accepted (`serve --token`'s is the archive's own). The fixed token is compared in
    /// constant time; the archive's are found by their SHA-256, which says nothing of the token.
    static func facilitator(_ token: String, settings: ServerSettings, archive: TourArchive) throws -> (label: String, viewer: ArchiveViewer)? {
        if let fixed = settings.token, !fixed.isEmpty, constantTimeEqual(Array(token.utf8), Array(fixed.utf8)) { return ("serve --token", .home) }
        do { return try archive.facilitator(token) } catch { throw HTTPError(.serviceUnavailable, message: error.publicMessage) }
    }

    /// Equal bytes, compared without stopping at the first difference.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference: UInt8 = a.count == b.count ? 0 : 1
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0
    }
}
