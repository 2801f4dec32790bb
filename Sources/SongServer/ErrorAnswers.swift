import Foundation
import Hummingbird
import SongArchive
import SongCore
import SongText

/// How a refusal reaches whoever asked, for every route and for a path no route serves. Two things the router and the
/// handlers leave undone:
/// - A path that no route serves answered 404 with an empty body. It now says what was asked, as every other 4xx
///   does: `{"error": {"message": "nothing is served at /x"}}`.
/// - A browser that follows a stale link or a mistyped QR code (its `Accept` names `text/html`, on a path outside
///   `/api/`) was shown the raw JSON. It now gets a page with the same status, headers (`Retry-After`, `Allow`) and
///   reason, and a way back to the tour's songs. Scripts (`fetch` asks `*/*`) and the API keep the JSON.
struct ErrorAnswers: RouterMiddleware {
    typealias Context = SongRequestContext

    /// How much of an unserved path the answer repeats.
    static let pathShown = 200

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            // The router's own 404 carries no message: say what was asked.
            var refusal = error
            if refusal.body == nil, refusal.status == .notFound { refusal.body = "nothing is served at \(Self.shown(request.uri.path))" }
            guard Self.wantsPage(request), let message = refusal.body else { throw refusal }
            return Self.page(status: refusal.status, headers: refusal.headers, message: message)
        } catch let error as ArchiveError {
            guard Self.wantsPage(request) else { throw error }
            // The JSON answer logs a 503's whole message; the page does the same.
            if error.status == .serviceUnavailable { ArchiveTrouble.shared.log(error.message, on: context.logger) }
            return Self.page(status: error.status, headers: error.status == .serviceUnavailable ? [.retryAfter: "5"] : [:], message: error.publicMessage)
        }
    }

    /// Whether the request is a browser's visit to a page: it asks for HTML, and not under `/api/`.
    static func wantsPage(_ request: Request) -> Bool {
        guard request.headers[.accept]?.lowercased().contains("text/html") == true else { return false }
        return !request.uri.path.lowercased().hasPrefix("/api/")
    }

    /// `path` as an answer may repeat it: at most `pathShown` characters, without the characters no text may hold
    /// (`OneLineText.isUnsafe`; JSON and HTML escape the rest where they are written).
    static func shown(_ path: String) -> String {
        let kept = String(String.UnicodeScalarView(path.unicodeScalars.filter { !OneLineText.isUnsafe($0) }))
        return kept.count > pathShown ? String(kept.prefix(pathShown)) + "…" : kept
    }

    /// A page saying why: its status as the heading, the reason escaped, and a link home.
    static func page(status: HTTPResponse.Status, headers: HTTPFields, message: String) -> Response {
        let heading = status == .notFound ? "Not found" : status.reasonPhrase
        var response = text("""
            <!doctype html><html lang="en"><meta charset="utf-8"><title>\(XMLText.escape(heading)) · Songbridge</title>
            <link rel="stylesheet" href="/public/app.css"><main><h1>\(XMLText.escape(heading))</h1>
            <p class="refusal">\(XMLText.escape(message))</p><p><a href="/">The tour's songs</a></p></main></html>
            """, type: "text/html; charset=utf-8", status: status)
        for field in headers where field.name != .contentType && field.name != .contentLength { response.headers.append(field) }
        return response
    }
}
