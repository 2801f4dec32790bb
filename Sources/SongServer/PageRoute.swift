import Hummingbird

/// Every web page and file the server serves besides the JSON API, once, with who may see it: the router registers
/// from this table, and the access check reads each route's `access` after the route has matched.
struct PageRoute: Sendable {
    /// Hummingbird path, with `:id` parameters.
    var path: String
    var access: RouteAccess
    var summary: String
    /// What answers it: given the pages and the API, a handler (so a page without one does not compile).
    var handle: @Sendable (Pages, API) -> API.Handler
    /// Whether its answers are kept in memory while the archive is unchanged (`AnswerCache`).
    var kept = false

    /// The `:id` of a page's path, a positive number.
    static func id(_ context: SongRequestContext) throws -> Int64 { try API.id(context) }

    static let all: [PageRoute] = [
        PageRoute(path: "", access: .open, summary: "the tour by nation and stop, recently changed songs",
                  handle: { pages, api in { _, _ in try pages.home(api) } }, kept: true),
        PageRoute(path: "songs", access: .open, summary: "every song, filtered, fifty a page",
                  handle: { pages, api in { request, _ in try pages.browse(api, query: request.uri.queryParameters) } }, kept: true),
        PageRoute(path: "search", access: .open, summary: "songs found by words",
                  handle: { pages, api in { request, _ in try pages.search(api, query: request.uri.queryParameters.get("q") ?? "") } }, kept: true),
        PageRoute(path: "search/tune", access: .open, summary: "hum, play or type a tune to find the songs and reference tunes like it",
                  handle: { pages, _ in { _, _ in try pages.findTune() } }),
        PageRoute(path: "songs/:id", access: .open, summary: "a song: words, chords, the player, downloads, versions",
                  handle: { pages, api in { _, context in try await pages.song(api, id: try id(context)) } }, kept: true),
        PageRoute(path: "songs/:id/print", access: .open, summary: "a large-print sheet",
                  handle: { pages, api in { request, context in
                      try await pages.printSheet(api, id: try id(context), wordsOnly: request.uri.queryParameters.get("words") == "only",
                                                 key: request.uri.queryParameters.get("key"))
                  } }),
        PageRoute(path: "songs/:id/capture", access: .private, summary: "the facilitator's page: everyone's private name, adding lines",
                  handle: { pages, api in { _, context in try pages.capture(api, id: try id(context)) } }),
        PageRoute(path: "people", access: .private, summary: "everyone's private name and consent",
                  handle: { pages, api in { _, _ in try pages.people(api) } }),
        PageRoute(path: "facilitator", access: .open, summary: "signing a tablet in",
                  handle: { pages, _ in { request, _ in try pages.facilitator(next: request.uri.queryParameters.get("next") ?? "/") } }),
        PageRoute(path: "songbridge-ca.crt", access: .open, summary: "the laptop's certificate authority, for a tablet to install (HTTPS only)",
                  handle: { _, api in { _, _ in
                      guard let pem = api.settings.tls?.authorityPEM else { throw HTTPError(.notFound, message: "this server is not serving HTTPS") }
                      return download(Array(pem.utf8), type: "application/x-x509-ca-cert", name: "songbridge-ca.crt")
                  } }),
    ] + assets.map { asset in
        PageRoute(path: "public/\(asset.name)", access: .open, summary: "a file the pages use",
                  handle: { pages, _ in { _, _ in pages.asset(asset.name, type: asset.type) } })
    }

    /// The files under Resources/Public and their types.
    static let assets: [(name: String, type: String)] = [
        ("print.css", "text/css; charset=utf-8"), ("app.css", "text/css; charset=utf-8"),
        ("capture.js", "text/javascript; charset=utf-8"), ("song.js", "text/javascript; charset=utf-8"),
        ("people.js", "text/javascript; charset=utf-8"), ("facilitator.js", "text/javascript; charset=utf-8"),
        ("take-recorder.js", "text/javascript; charset=utf-8"), ("listen.js", "text/javascript; charset=utf-8"),
        ("find-tune.js", "text/javascript; charset=utf-8"),
    ]
}
