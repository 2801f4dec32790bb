import Arrangement
import Foundation
import Hummingbird
import Lyrics
import SongArchive
import SongCore
import SongMIDI
import SongText
import TourExport

/// Songs: the list, one song through the consent projection, its versions, and the API's own document.
extension API {
    /// GET /api/v1/songs
    func listSongs(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        try json(try songs(request.uri.queryParameters))
    }

    /// GET /api/v1/songs/:id
    func showSong(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: try Self.songJSON(try id(c), archive: archive, kept: kept)))
    }

    /// A song's JSON: its newest version as the public may see it (`SongJSON`). Kept whole (`KeptParts.answer`)
    /// under a digest of everything it is made from (`keptKey`), it is answered from there, neither parsed nor
    /// projected, as a kept song page is (`Pages.song`).
    static func songJSON(_ id: Int64, archive: TourArchive, kept: KeptParts?) throws -> ByteBuffer {
        enum Read { case kept(Data), fresh(SongJSON, key: Data?, sha256: String, people: [String]) }
        let read = try archive.reading { () throws(ArchiveError) -> Read in
            var key: Data?
            if let kept, let (number, sha256) = try archive.newestVersionMark(id), let people = kept.people(ofText: sha256) {
                key = try keptKey("song json 1", id, number: number, sha256: sha256, people: people, archive: archive)
                if let key, let body = kept.answer(key) { return .kept(body) }
            }
            let (number, sha256, song, people) = try archive.newestPublicVersion(id)
            if kept != nil, key == nil { key = try keptKey("song json 1", id, number: number, sha256: sha256, people: people, archive: archive) }
            return .fresh(SongJSON(id: id, song: song), key: key, sha256: sha256, people: people)
        }
        switch read {
        case .kept(let body): return ByteBuffer(data: body)
        case .fresh(let song, let key, let sha256, let people):
            let body = try jsonBytes(song)
            if let kept, let key {
                kept.keep(people: people, ofText: sha256)
                kept.keep(answer: body, under: key)
            }
            return ByteBuffer(data: body)
        }
    }

    /// What an answer made from a song's newest version is kept under (`KeptParts`): a digest of its `kind` and
    /// making (this program and its templates), the archive (its public ids' secret), the song, its version's
    /// number and text, what the projection reads of the people the text names, and whatever else it shows (`also`).
    static func keptKey(_ kind: String, _ id: Int64, number: Int, sha256: String, people: [String], archive: TourArchive,
                        also: [String] = []) throws(ArchiveError) -> Data {
        let parts = [kind, Pages.making, archive.publicID("kept pages"), "\(id)", "\(number)", sha256, try archive.projectionDigest(people: people)] + also
        return Data(SHA256.digest(Array(parts.joined(separator: "\u{0}").utf8)))
    }

    /// GET /api/v1/songs/:id/latest
    func showLatestVersion(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let songID = try id(c)
        let latest = try archive.latestVersion(songID)
        return try json(LatestJSON(song: songID, version: latest.number, createdAt: latest.createdAt))
    }

    /// GET /api/v1/songs/:id/versions
    func listVersions(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        try json(try versions(try id(c)))
    }

    /// GET /api/v1/openapi.json
    func openAPIDocument(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        text(OpenAPIDocument.json, type: "application/json")
    }
}
