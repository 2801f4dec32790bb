import Foundation
import Hummingbird
import SongArchive
import SongCore
import SongSynth
import Transcription

/// Takes: a tune sung, hummed or played into the capture page, transcribed, and kept as personal data.
extension API {
    /// The types a take may be sent as: its audio type, or plain bytes (`curl --data-binary`); the file's own first
    /// bytes decide how it is read and kept. None of them is one a page on another site may send unasked (CORS).
    static let takeTypes = ["audio/wav", "audio/wave", "audio/x-wav", "audio/flac", "audio/ogg", "application/octet-stream"]

    struct TakeJSON: Encodable {
        var take: String
        var seconds: Double
        var tuningCents: Double
        var tempo: Double
        var meter: String
        var key: String
        var upbeat: Int
        var notes: [PlacedNote]
        var abc: String
    }

    /// POST /api/v1/songs/:id/takes: the body is the recording. Transcribed in the time the query gives, else its
    /// section's tune's, else the song's, else estimated; kept, and answered with the notes and a take id; a take with
    /// no notes in it is refused (422) and nothing is kept.
    func addTake(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let songID = try id(c)
        let q = request.uri.queryParameters   // checked against the route's parameters already
        let buffer = try await recording(request, route, types: Self.takeTypes)
        guard buffer.readableBytes > 0 else { throw HTTPError(.unprocessableContent, message: "the take is empty: no sung notes found") }
        let singers = (q.get("by") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let song = try archive.song(songID)
        let time = TuneTime(tempo: q.get("tempo").flatMap(Double.init).map { Tempo($0) }, meter: q.get("meter").flatMap { Meter($0) },
                            key: q.get("key").flatMap { Key($0) }).filling(from: song.tuneTime(forSection: q.get("section")))
        let upbeat = q.get("upbeat").flatMap { Int($0) }
        let title = song.metadata.title ?? "Take"
        let bytes = Data(buffer: buffer)
        // Kept as what the bytes are, whatever the type said.
        guard let format = ArchivedTake.format(of: bytes) else {
            throw HTTPError(.unprocessableContent, message: "not a recording Songbridge can read: send a WAV, FLAC or OGG file")
        }
        // Decoding and transcribing are CPU work: on the render threads, so pages are answered meanwhile.
        let transcription = try await transcribe(bytes)
        let heard = (transcription, TranscribedTake(transcription, time: time, upbeat: upbeat, title: title))
        guard let tune = heard.1 else { throw HTTPError(.unprocessableContent, message: "no sung notes found in the take") }
        let take = try archive.addTake(song: songID, by: singers, section: q.get("section"), format: format, audio: bytes,
                                       seconds: heard.0.seconds, transcription: heard.0.json)
        return try json(TakeJSON(take: take, seconds: heard.0.seconds, tuningCents: heard.0.tuningCents, tempo: tune.tempo.quarterNotesPerMinute,
                                 meter: tune.meter.description, key: tune.key.description, upbeat: tune.upbeat, notes: tune.notes, abc: tune.abc),
                        status: .created)
    }

    /// A recording sent as the body, as one of `types` (the guard checked the type when one was sent; a page of
    /// this server's own may send none): refused by its Content-Length before it is read, and by its size as read.
    func recording(_ request: Request, _ route: APIRoute, types: [String]) async throws -> ByteBuffer {
        guard let given = request.mediaType, types.contains(given) else {
            throw HTTPError(.unsupportedMediaType, message: "send the recording as one of \(route.uploads.joined(separator: ", "))")
        }
        let tooLarge = HTTPError(.contentTooLarge, message: "the recording is larger than \(SongLimits.takeBytes >> 20) MB; takes are at most 10 minutes")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > SongLimits.takeBytes { throw tooLarge }
        do { return try await request.body.collect(upTo: SongLimits.takeBytes) } catch { throw tooLarge }
    }

    /// A recording's notes as heard: decoded and transcribed on the render threads, so pages are answered meanwhile.
    func transcribe(_ bytes: Data) async throws -> Transcription {
        try await withTaskExecutorPreference(RenderJobs.quickThreads) {
            let audio: AudioBuffer
            do { audio = try Renderer.readAudio(bytes: bytes, longestSeconds: SongLimits.takeSeconds) } catch let error as SynthError {
                throw HTTPError(error.cannotWrite ? .serviceUnavailable : .unprocessableContent,
                                message: error.cannotWrite ? error.message : "not a recording Songbridge can read: \(error.message)")
            }
            return Transcriber.transcribe(Take(left: audio.left, right: audio.right, sampleRate: audio.sampleRate))
        }
    }

    /// A tune sent as placed notes (the capture page's, after a facilitator's changes), as ABC titled after the song.
    func abc(of tune: TuneRequest, song songID: Int64) throws -> String {
        guard let meter = Meter(tune.meter) else { throw HTTPError(.badRequest, message: "tune.meter: '\(tune.meter)' is not a meter") }
        var key: Key?
        if let given = tune.key, !given.isEmpty {
            guard let k = Key(given) else { throw HTTPError(.badRequest, message: "tune.key: '\(given)' is not a key") }
            key = k
        }
        let title = try archive.song(songID).metadata.title ?? "Tune"
        guard let made = TranscribedTake(placed: tune.notes.map { PlacedNote(pitch: $0.pitch, start: $0.start, length: $0.length) }, tempo: Tempo(tune.tempo),
                                         meter: meter, key: key, upbeat: tune.upbeat ?? 0, title: title) else {
            throw HTTPError(.badRequest, message: "tune.notes: no notes to make a tune of")
        }
        return made.abc
    }

    /// A tune as placed notes, in a contribution.
    struct TuneRequest: Decodable {
        struct Note: Decodable { var pitch: Int; var start: Double; var length: Double }
        var tempo: Double
        var meter: String
        /// Estimated from the notes when not given.
        var key: String?
        var upbeat: Int?
        var notes: [Note]
    }
}
