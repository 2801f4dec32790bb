import Arrangement
import Foundation
import Hummingbird
import Lyrics
import SongArchive
import SongCore
import SongMIDI
import SongText
import TourExport

/// Renders: asking for a draft to be heard, its progress, and its audio.
extension API {
    /// POST /api/v1/songs/:id/renders
    func startRender(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let songID = try id(c)
        let options = try await decode(RenderJobs.Request.self, request, empty: RenderJobs.Request(), checkedBy: route)
        let (version, song) = try publicVersion(songID)
        let job: RenderJobs.Job
        do {
            job = try await renders.submit(song: song, digest: Self.digest(song), id: songID, version: version, request: options)
        } catch {
            let refused = error
            if refused.busy { throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "5"], message: refused.description) }
            throw HTTPError(.badRequest, message: refused.description)
        }
        let done = if case .done = job.state { true } else { false }
        return try json(RenderJSON(job), status: done ? .ok : .accepted)
    }

    /// GET /api/v1/renders/:id
    func showRender(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        try json(RenderJSON(try await renderJob(c)))
    }

    /// GET /api/v1/renders/:id/audio
    func renderAudio(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let job = try await renderJob(c)
        switch job.state {
        case .done(let url):
            var response = try await FileResponse.make(url, type: RenderJobs.mimeType(job.format), etag: job.id, request: request, context: c)
            if request.uri.queryParameters.get("download") == "true" {
                let title = (try? publicSong(job.song)).map { fileName($0, job.request.format) } ?? "\(job.id).\(job.request.format)"
                response.headers[.contentDisposition] = "attachment; filename=\"\(title)\""
            }
            return response
        case .failed(let reason): throw HTTPError(.conflict, message: "the render failed: \(reason)")
        case .queued, .rendering: throw HTTPError(.conflict, message: "the render is not finished; ask /api/v1/renders/\(job.id) for progress")
        }
    }

    /// GET /api/v1/renders/:id/stream: the audio as it is made (a WAV the page can play at once), from the start
    /// for everyone who asks while the job is queued or rendering; once it is done, the finished file.
    func renderStream(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let job = try await renderJob(c)
        switch job.state {
        case .done:
            return Response(status: .seeOther, headers: [.location: "/api/v1/renders/\(job.id)/audio", .cacheControl: "no-store"])
        case .failed(let reason):
            throw HTTPError(.conflict, message: "the render failed: \(reason)")
        case .queued, .rendering:
            guard let stream = job.stream else { throw HTTPError(.conflict, message: "the render has just ended; ask /api/v1/renders/\(job.id) again") }
            guard let listener = stream.listen() else {
                throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "5"], message: "\(RenderStream.maximumListeners) are listening to this render already; ask again in a moment")
            }
            // Written as the render makes it; a listener that goes away stops only its own response.
            return Response(status: .ok, headers: [.contentType: "audio/wav", .cacheControl: "no-store"], body: ResponseBody { writer in
                while let chunk = try await listener.next() { try await writer.write(chunk) }
                try await writer.finish(nil)
            })
        }
    }

    struct RenderJSON: Codable {
        var id: String, song: Int64, version: Int, status: String, progress: Double, audio: String?, error: String?
        /// While the job is queued or rendering: where its audio can be heard as it is made.
        var stream: String?
        /// When each line of words starts, in seconds, with its syllables (the page lights them up as they are sung).
        var lines: [RenderJobs.LineCue]
        init(_ job: RenderJobs.Job) {
            (id, song, version, lines) = (job.id, job.song, job.version, job.lines)
            switch job.state {
            case .queued: (status, progress, stream) = ("queued", 0, "/api/v1/renders/\(job.id)/stream")
            case .rendering(let p): (status, progress, stream) = ("rendering", p, "/api/v1/renders/\(job.id)/stream")
            case .done: (status, progress, audio) = ("done", 1, "/api/v1/renders/\(job.id)/audio")
            case .failed(let reason): (status, progress, error) = ("failed", 0, reason)
            }
        }
    }

    /// The render a request names, if what it holds may still be heard: the song's version is projected again with
    /// everyone's consent as it is now, and a render whose digest differs (someone withdrew, or is credited
    /// differently) is forgotten, its file removed, and answered 410.
    func renderJob(_ c: SongRequestContext) async throws -> RenderJobs.Job {
        let name = c.parameters.get("id") ?? ""
        guard let job = await renders.job(name) else { throw HTTPError(.notFound, message: "no render \(name)") }
        let now = try? archive.publicSong(try archive.song(job.song, version: job.version))
        guard let now, Self.digest(now) == job.digest else {
            await renders.forget(job.id)
            throw HTTPError(.gone, message: "this render is no longer available (what it holds has changed); ask for the song again")
        }
        return job
    }

    /// The digest that names what the public may see of a song.
    static func digest(_ song: Song) -> String { SHA256.hex(ChordProWriter.write(song)) }
}
