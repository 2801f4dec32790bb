import Foundation
import Hummingbird
import Mustache
import SongArchive
import SongCore

/// The web pages, rendered on the server from Mustache templates; no scripts from elsewhere, so they work offline.
struct Pages: Sendable {
    let library: MustacheLibrary
    let assets: URL?

    static func load() async throws -> Pages {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else { throw HTTPError(.internalServerError, message: "templates missing") }
        return Pages(library: try await MustacheLibrary(directory: folder.path), assets: Bundle.module.url(forResource: "Public", withExtension: nil))
    }

    func page(_ name: String, _ object: [String: Any]) throws -> Response {
        guard let html = library.render(object, withTemplate: name) else { throw HTTPError(.internalServerError, message: "template \(name) missing") }
        return text(html, type: "text/html; charset=utf-8")
    }

    func rows(_ songs: [ArchivedSong]) -> [[String: Any]] {
        songs.map { ["id": $0.id, "title": $0.title, "place": $0.place ?? "", "date": $0.date ?? ""] }
    }

    func home(_ api: API) throws -> Response {
        let archive = api.archive
        let songs = try api.call { () throws(ArchiveError) in try archive.list() }
        let stops = try api.stops()
        let nations = TourStop.Nation.allCases.compactMap { nation -> [String: Any]? in
            let here = stops.filter { $0.nation == nation.rawValue }
            guard !here.isEmpty else { return nil }
            let name = nation == .northernIreland ? "Northern Ireland" : nation.rawValue.capitalized
            return ["name": name, "stops": here.map { ["place": $0.place, "date": $0.date ?? "", "songs": $0.songs, "plural": $0.songs == 1 ? "" : "s"] as [String: Any] }]
        }
        return try page("home", ["title": "The tour", "query": "", "nations": nations, "songs": rows(songs)])
    }

    func search(_ api: API, query: String) throws -> Response {
        let archive = api.archive
        let songs = try api.call { () throws(ArchiveError) in try archive.search(query) }
        return try page("search", ["title": "Search", "query": query, "songs": rows(songs)])
    }

    func song(_ api: API, id: Int64) throws -> Response {
        let song = SongJSON(id: id, song: try api.publicSong(id))
        let data = try JSONEncoder().encode(song)
        let object = try JSONSerialization.jsonObject(with: data)
        return try page("song", ["title": song.title, "query": "", "song": object])
    }

    func asset(_ name: String, type: String) -> Response {
        guard let url = assets?.appendingPathComponent(name), let body = try? String(contentsOf: url, encoding: .utf8) else { return text("", type: type, status: .notFound) }
        return text(body, type: type)
    }
}
