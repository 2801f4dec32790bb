/// Every web page and file the server serves besides the JSON API, once, with who may see it: the router registers
/// from this table, and the access check reads each route's `access` after the route has matched.
struct PageRoute: Sendable {
    /// Hummingbird path, with `:id` parameters.
    var path: String
    var access: RouteAccess
    var summary: String

    static let all: [PageRoute] = [
        PageRoute(path: "", access: .open, summary: "the tour by nation and stop, recently changed songs"),
        PageRoute(path: "songs", access: .open, summary: "every song, filtered, fifty a page"),
        PageRoute(path: "search", access: .open, summary: "songs found by words"),
        PageRoute(path: "songs/:id", access: .open, summary: "a song: words, chords, the player, downloads, versions"),
        PageRoute(path: "songs/:id/print", access: .open, summary: "a large-print sheet"),
        PageRoute(path: "songs/:id/capture", access: .private, summary: "the facilitator's page: everyone's private name, adding lines"),
        PageRoute(path: "people", access: .private, summary: "everyone's private name and consent"),
        PageRoute(path: "facilitator", access: .open, summary: "signing a tablet in"),
    ] + assets.map { PageRoute(path: "public/\($0.name)", access: .open, summary: "a file the pages use") }

    /// The files under Resources/Public and their types.
    static let assets: [(name: String, type: String)] = [
        ("print.css", "text/css; charset=utf-8"), ("app.css", "text/css; charset=utf-8"),
        ("capture.js", "text/javascript; charset=utf-8"), ("song.js", "text/javascript; charset=utf-8"),
        ("people.js", "text/javascript; charset=utf-8"), ("facilitator.js", "text/javascript; charset=utf-8"),
    ]
}
