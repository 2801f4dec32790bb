import Arrangement
import Foundation
import Hummingbird
import Lyrics
import SongArchive
import SongCore
import SongMIDI
import SongText
import TourExport

/// Words: syllables and stress, and rhymes.
extension API {
    /// GET /api/v1/lyrics/syllables
    func syllables(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let text = request.uri.queryParameters.get("text") ?? ""
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw HTTPError(.badRequest, message: "give the words as ?text=") }
        return try json(LyricAnalyzer().analyze(line: String(text.prefix(10_000))))
    }

    /// GET /api/v1/lyrics/rhymes
    func rhymes(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let q = request.uri.queryParameters
        guard let word = q.get("word"), !word.isEmpty else { throw HTTPError(.badRequest, message: "give the word as ?word=") }
        return try json(LyricAnalyzer().rhymes(for: word, near: q.get("near") == "true", syllables: q.get("syllables").flatMap { Int($0) }))
    }
}
