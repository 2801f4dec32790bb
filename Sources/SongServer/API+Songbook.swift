import Foundation
import Hummingbird
import SongCore
import Songbook

extension API {
    /// The printer and engraver songbooks use.
    static let songbook = Songbook()

    /// GET /api/v1/songbook?stop=…&nation=…&year=…&generation=…&theme=…&style=…|q=…|all=true&profile=…&chords=true: the chosen songs as a PDF songbook,
    /// through the consent projection with today's consent. One book prints at a time; another ask meanwhile is a
    /// 503 with Retry-After. Nothing chosen, or nothing matching, is a 4xx, never an empty book.
    func songbookPDF(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let q = request.uri.queryParameters
        func asked(_ name: String) -> String? { q.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        let selection = SongbookSelection(stop: asked("stop"), nation: asked("nation"), year: asked("year"), search: asked("q"),
                                          generation: asked("generation"), theme: asked("theme"), style: asked("style"))
        guard selection.choosesAny || q.get("all") == "true" else {
            throw HTTPError(.badRequest, message: "choose the songs: stop, nation, year, q, or all=true")
        }
        let profile = SongbookProfile(rawValue: asked("profile") ?? SongbookProfile.largePrint.rawValue) ?? .largePrint
        let songs: [(id: Int64, song: Song)]
        do { songs = try selection.songs(in: archive) } catch let problem as SongbookSelection.Problem {
            throw HTTPError(.notFound, message: problem.description)
        }
        guard songbooks.enter() else { throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "10"], message: "a songbook is printing; ask again in a little while") }
        defer { songbooks.leave() }
        let options = SongbookOptions(subtitle: selection.description(in: archive), profile: profile, chords: q.get("chords") == "true",
                                      publicAddress: settings.publicAddress)
        let made: Songbook.Made
        do { made = try await Self.songbook.make(songs, options: options) } catch {
            throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "30"], message: error.description)
        }
        return download(Array(made.pdf), type: "application/pdf", name: "songbook-\(profile.rawValue).pdf")
    }
}
