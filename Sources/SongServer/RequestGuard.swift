import Foundation
import Hummingbird

/// Checks every request makes before its route's own: the Host it names, the method, and where a change comes from.
struct RequestGuard: RouterMiddleware {
    typealias Context = SongRequestContext
    let settings: ServerSettings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // DNS rebinding: a page on another site whose name has been pointed at 127.0.0.1 reaches a loopback server
        // with its own name in Host. On loopback, where no token is asked, only loopback names are answered.
        if settings.isLoopback, let host = request.head.authority, !Self.isLoopbackHost(host) {
            throw HTTPError(.misdirectedRequest, message: "this server answers only to 127.0.0.1, localhost or [::1], not \(String(host.prefix(100)))")
        }
        // An API path asked with a method it does not serve: 405 with the ones it does (RFC 9110 §15.5.6).
        let path = request.uri.path
        if path.lowercased().hasPrefix("/api/") {
            let methods = APIRoute.methods(at: Substring(path))
            let asked = request.method == .head ? APIRoute.Method.get.rawValue : request.method.rawValue.lowercased()
            if !methods.isEmpty, !methods.map(\.rawValue).contains(asked) {
                let allowed = methods.map { $0.rawValue.uppercased() }.joined(separator: ", ")
                var response = try json(["error": ["message": "\(request.method.rawValue) is not served here; use \(allowed)"]], status: .methodNotAllowed)
                response.headers[.allow] = allowed
                return response
            }
        }
        if request.method != .get, request.method != .head, request.method != .options {
            let route = APIRoute.all.first { $0.method.rawValue == request.method.rawValue.lowercased() && $0.matches(path: Substring(path)) }
            try Self.checkOrigin(request, uploads: route?.uploads ?? [], json: route.map { $0.uploads.isEmpty || $0.body != nil } ?? true)
        }
        return try await next(request, context)
    }

    /// A change must be one that another site's page could not have sent without the browser asking first (CORS):
    /// JSON (or, on a route that takes a recording, one of its audio types, which are no more a form's than JSON
    /// is), or something else only from this server's own pages (a same-origin `Origin`) or a script with a token
    /// in a header. A form, `text/plain`, multipart or no type at all from elsewhere is refused.
    static func checkOrigin(_ request: Request, uploads: [String] = [], json: Bool = true) throws {
        let origin = request.headers[.origin]
        let sameOrigin = origin.map { given in request.head.authority.map { given == "http://\($0)" || given == "https://\($0)" } ?? false }
        if sameOrigin == false {
            throw HTTPError(.forbidden, message: "changes from another site's pages are refused")
        }
        guard let given = request.mediaType else {
            if sameOrigin == true || request.headers[.authorization] != nil { return }
            throw HTTPError(.unsupportedMediaType, message: "changes are sent as JSON (Content-Type: application/json), or from this server's own pages")
        }
        if !uploads.isEmpty, !(json && given == "application/json") {
            guard uploads.contains(given) else { throw HTTPError(.unsupportedMediaType, message: "send the file as one of \(uploads.joined(separator: ", "))") }
        } else if given != "application/json" {
            throw HTTPError(.unsupportedMediaType, message: "changes are sent as JSON (Content-Type: application/json)")
        }
    }

    /// Whether `authority` (a Host header: name, optional port) names this machine's loopback.
    static func isLoopbackHost(_ authority: String) -> Bool {
        var name = Substring(authority.lowercased())
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            let rest = name[name.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isASCII) && rest.dropFirst().allSatisfy(\.isNumber)) else { return false }
            return name[name.index(after: name.startIndex)..<close] == "::1"
        }
        if let colon = name.lastIndex(of: ":") {
            let port = name[name.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            name = name[..<colon]
        }
        if name == "localhost" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { p in !p.isEmpty && p.count <= 3 && p.allSatisfy { $0.isASCII && $0.isNumber } && (Int(p) ?? 256) < 256 }
    }
}
