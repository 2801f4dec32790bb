import Foundation
import Hummingbird
import MelodicSearch
import SongArchive
import SongCore
import SongMIDI
import SongSynth
import SongText
import Transcription

/// Finding a song by its tune: a phrase typed in ABC, played on the page's keyboard, hummed into its microphone,
/// or a MIDI file.
extension API {
    /// The types a tune search may be sent as besides JSON: a take's, and a MIDI file's.
    static let tuneSearchTypes = takeTypes + ["audio/midi", "audio/x-midi", "audio/mid"]

    struct TuneSearchRequest: Decodable {
        var abc: String?
        var notes: [TuneRequest.Note]?
        var limit: Int?
    }

    struct TuneSearchJSON: Encodable {
        /// How many notes the query had, as heard or read.
        var queryNotes: Int
        /// The best two hits are about as like the query as each other: a few more notes would tell them apart.
        var close: Bool
        var hits: [TuneMatch]
    }

    /// POST /api/v1/search/tune. JSON (`abc` or `notes`, and `limit`), or the recording or MIDI file itself as the
    /// body. Tune searches are CPU work: at most `SongLimits.concurrentTuneSearches` at once, more are answered 503
    /// with Retry-After before anything is read.
    func searchTune(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        guard tuneSearches.enter() else {
            throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "1"], message: "too many tune searches at once; ask again in a moment")
        }
        defer { tuneSearches.leave() }
        var limit = 10
        let query: TuneShape
        if request.mediaType == "application/json" {
            let body = try await decode(TuneSearchRequest.self, request, checkedBy: route)
            limit = body.limit ?? 10
            guard (body.abc == nil) != (body.notes == nil) else { throw HTTPError(.badRequest, message: "send abc or notes (one of them)") }
            if let abc = body.abc {
                do { query = try TuneQuery.shape(abc: abc, name: "abc") } catch {
                    let first = error.errors.first.map { "\($0.file):\($0.line):\($0.column): \($0.message)" } ?? "the tune does not read"
                    throw HTTPError(.badRequest, message: first)
                }
            } else {
                query = TuneQuery.shape(placed: (body.notes ?? []).map { PlacedNote(pitch: $0.pitch, start: $0.start, length: $0.length) })
            }
        } else {
            query = try await uploadedQuery(request, route)
        }
        guard query.noteCount >= SongLimits.tuneQueryMinimumNotes else {
            throw HTTPError(.unprocessableContent, message: "a tune search needs at least \(SongLimits.tuneQueryMinimumNotes) notes; this has \(query.noteCount)")
        }
        let hits = try await withTaskExecutorPreference(RenderJobs.quickThreads) { try archive.tuneSearch(query, limit: limit) }
        return try json(TuneSearchJSON(queryNotes: query.noteCount, close: hits.isClose, hits: hits))
    }

    /// The query in a recording or a MIDI file sent as the body: refused by size before it is read, by what its
    /// first bytes are before it is decoded.
    private func uploadedQuery(_ request: Request, _ route: APIRoute) async throws -> TuneShape {
        let buffer = try await recording(request, route, types: Self.tuneSearchTypes)
        let bytes = Data(buffer: buffer)
        if bytes.starts(with: Array("MThd".utf8)) {
            let midi: MIDIFile
            do { midi = try MIDIFile(bytes: [UInt8](bytes)) } catch {
                throw HTTPError(.unprocessableContent, message: "not a MIDI file Songbridge can read: \(error)")
            }
            guard let shape = TuneQuery.shape(midi: midi) else { throw HTTPError(.unprocessableContent, message: "the MIDI file has no notes") }
            return shape
        }
        guard ArchivedTake.format(of: bytes) != nil else {
            throw HTTPError(.unprocessableContent, message: "not a recording or MIDI file Songbridge can read: send WAV, FLAC, OGG or MIDI")
        }
        return TuneQuery.shape(try await transcribe(bytes))
    }
}
