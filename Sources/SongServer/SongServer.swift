import Foundation
import Hummingbird
import Lyrics
import Mustache
import SongArchive
import SongCore
import SongText

/// Builds the Songbridge server: the JSON API under /api/v1 and the web pages, over one archive.
public enum SongServer {
    /// The largest request body accepted (a contribution is a few lines of text or ABC).
    static let maximumBody = 256 * 1024

    /// The application for `settings`; `onRunning` gets the port it listens on (useful with port 0).
    public static func buildApplication(_ settings: ServerSettings, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws -> some ApplicationProtocol {
        let archive = try Archive(path: settings.archivePath, source: "server")
        let router = try await buildRouter(archive: archive, settings: settings)
        return Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "Songbridge"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? settings.port) })
    }

    /// The router: every API route from `APIRoute.all`, and the pages.
    public static func buildRouter(archive: Archive, settings: ServerSettings) async throws -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: AccessMiddleware(settings: settings, archive: archive))
        let pages = try await Pages.load()
        let api = API(archive: archive, renders: RenderJobs(folder: URL(fileURLWithPath: settings.renderFolder), cacheBytes: settings.renderCacheBytes), settings: settings)
        for route in APIRoute.all {
            let served = api.handler(for: route)
            let handler: API.Handler = { request, context in
                try route.check(request.uri.queryParameters)
                return try await served(request, context)
            }
            switch route.method {
            case .get: router.get(RouterPath(route.path), use: handler)
            case .post: router.post(RouterPath(route.path), use: handler)
            case .patch: router.patch(RouterPath(route.path), use: handler)
            }
        }
        router.get("/") { _, _ in try pages.home(api) }
        router.get("/songs") { request, _ in try pages.browse(api, query: request.uri.queryParameters) }
        router.get("/search") { request, _ in try pages.search(api, query: request.uri.queryParameters.get("q") ?? "") }
        router.get("/songs/:id") { _, context in try pages.song(api, id: try context.parameters.require("id", as: Int64.self)) }
        router.get("/songs/:id/capture") { _, context in try pages.capture(api, id: try context.parameters.require("id", as: Int64.self)) }
        router.get("/songs/:id/print") { request, context in
            try pages.printSheet(api, id: try context.parameters.require("id", as: Int64.self), wordsOnly: request.uri.queryParameters.get("words") == "only")
        }
        router.get("/people") { _, _ in try pages.people(api) }
        router.get("/facilitator") { request, _ in try pages.facilitator(next: request.uri.queryParameters.get("next") ?? "/") }
        router.get("/public/print.css") { _, _ in pages.asset("print.css", type: "text/css; charset=utf-8") }
        router.get("/public/app.css") { _, _ in pages.asset("app.css", type: "text/css; charset=utf-8") }
        router.get("/public/capture.js") { _, _ in pages.asset("capture.js", type: "text/javascript; charset=utf-8") }
        router.get("/public/song.js") { _, _ in pages.asset("song.js", type: "text/javascript; charset=utf-8") }
        router.get("/public/people.js") { _, _ in pages.asset("people.js", type: "text/javascript; charset=utf-8") }
        router.get("/public/facilitator.js") { _, _ in pages.asset("facilitator.js", type: "text/javascript; charset=utf-8") }
        return router
    }
}

/// Loopback by default; beyond it, writes and the pages that name people need a facilitator token: made with
/// `songbridge token create` (kept hashed in the archive) or given to `serve --token`, and sent as
/// `Authorization: Bearer …` or as the cookie that `/facilitator` sets on a tablet.
struct AccessMiddleware: RouterMiddleware {
    let settings: ServerSettings
    let archive: Archive
    typealias Context = BasicRequestContext
    static let cookie = "songbridge_facilitator"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // An API path asked with a method it does not serve: 405 with the ones it does (RFC 9110 §15.5.6).
        if request.uri.path.hasPrefix("/api/") {
            let methods = APIRoute.methods(at: Substring(request.uri.path))
            let asked = request.method == .head ? APIRoute.Method.get.rawValue : request.method.rawValue.lowercased()
            if !methods.isEmpty, !methods.map(\.rawValue).contains(asked) {
                let allowed = methods.map { $0.rawValue.uppercased() }.joined(separator: ", ")
                var response = try json(["error": ["message": "\(request.method.rawValue) is not served here; use \(allowed)"]], status: .methodNotAllowed)
                response.headers[.allow] = allowed
                return response
            }
        }
        let writes = request.method == .post || request.method == .patch || request.method == .put || request.method == .delete
        // Writes take JSON only: a cross-site HTML form cannot send it without the browser asking first (CORS),
        // so no other site can make a visitor's browser change the archive.
        if writes, request.headers[.contentType].map({ !$0.lowercased().hasPrefix("application/json") }) ?? false {
            throw HTTPError(.unsupportedMediaType, message: "changes are sent as JSON (Content-Type: application/json)")
        }
        if writes, let origin = request.headers[.origin], let host = request.head.authority, origin != "http://\(host)", origin != "https://\(host)" {
            throw HTTPError(.forbidden, message: "changes from another site's pages are refused")
        }
        // Signing in is the one write that needs no token (it checks the one it is given).
        let signingIn = request.uri.path == "/api/v1/facilitator"
        // The pages that name people: capturing a line, and the people with their consent.
        let privateView = request.uri.path.hasSuffix("/capture") || request.uri.path == "/people"
        let needsToken = (writes && !signingIn) || privateView
        if needsToken, !settings.isLoopback, try !isFacilitator(request) {
            if privateView, request.headers[.accept]?.contains("text/html") == true {
                let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "/"
                return text("""
                    <!doctype html><html lang="en"><meta charset="utf-8"><title>For facilitators · Songbridge</title>
                    <link rel="stylesheet" href="/public/app.css"><main><h1>This page is for facilitators</h1>
                    <p>It names the people in the room. <a href="/facilitator?next=\(next)">Sign in with your facilitator token</a>.</p></main></html>
                    """, type: "text/html; charset=utf-8", status: .unauthorized)
            }
            throw HTTPError(.unauthorized, message: "a facilitator token is needed to change the archive or see who took part from another machine")
        }
        return try await next(request, context)
    }

    /// Whether the request carries a token the archive (or `--token`) accepts.
    func isFacilitator(_ request: Request) throws -> Bool {
        let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        guard let given = bearer ?? request.cookies[Self.cookie]?.value, !given.isEmpty else { return false }
        return try accepts(given)
    }

    func accepts(_ token: String) throws -> Bool { try Self.accepts(token, settings: settings, archive: archive) }

    /// Whether `token` is `serve --token`'s or one the archive made and has not revoked.
    static func accepts(_ token: String, settings: ServerSettings, archive: Archive) throws -> Bool {
        if let fixed = settings.token, !fixed.isEmpty, token == fixed { return true }
        do { return try archive.acceptsToken(token) } catch { throw HTTPError(.serviceUnavailable, message: error.message) }
    }
}
