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
        try json(SongJSON(id: try id(c), song: try publicSong(try id(c))))
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
