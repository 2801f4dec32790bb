import Arrangement
import Foundation
import Hummingbird
import Lyrics
import SongArchive
import SongCore
import SongMIDI
import SongText

/// The JSON API's handlers. Archive refusals become 4xx with a JSON reason; nothing becomes a 500.
struct API: Sendable {
    let archive: Archive
    let renders: RenderJobs

    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    func handler(for route: APIRoute) -> Handler {
        switch (route.method, route.path) {
        case (.get, "api/v1/stops"): return { _, _ in try json(try stops()) }
        case (.get, "api/v1/songs"): return { request, _ in try json(try songs(request.uri.queryParameters)) }
        case (.get, "api/v1/songs/:id"): return { _, c in try json(SongJSON(id: try id(c), song: try publicSong(try id(c)))) }
        case (.get, "api/v1/songs/:id/versions"): return { _, c in
            let songID = try id(c)
            let v = try call { () throws(ArchiveError) in try archive.versions(songID) }
            guard !v.isEmpty else { throw HTTPError(.notFound, message: "no song \(songID)") }
            return try json(v.map { VersionJSON(number: $0.number, createdAt: $0.createdAt, holdsWithdrawn: $0.holdsWithdrawn) })
        }
        case (.get, "api/v1/songs/:id/chordpro"): return { _, c in
            text(ChordProWriter.write(try publicSong(try id(c))), type: "text/plain; charset=utf-8")
        }
        case (.get, "api/v1/songs/:id/midi"): return { request, c in
            let songID = try id(c)
            let q = request.uri.queryParameters
            let song = try publicSong(songID)
            let karaoke = q.get("karaoke") == "true"
            let performance: Performance
            do { performance = try Arranger.perform(song, options: ArrangementOptions(style: q.get("style") ?? "basic")) } catch {
                throw HTTPError(.badRequest, message: "\(error)")
            }
            let bytes = MIDIFile(performance: performance, options: MIDIWriteOptions(karaoke: karaoke)).data()
            let name = (song.metadata.title ?? "song").filter { $0.isLetter || $0.isNumber || $0 == " " }.replacingOccurrences(of: " ", with: "-").lowercased()
            return Response(status: .ok, headers: [
                .contentType: karaoke ? "audio/x-karaoke" : "audio/midi",
                .contentDisposition: "attachment; filename=\"\(name.isEmpty ? "song" : name).\(karaoke ? "kar" : "mid")\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        case (.post, "api/v1/contributors"): return { request, _ in
            let body = try await decode(ContributorRequest.self, request)
            let generation = try body.generation.map { raw in
                guard let g = Generation(rawValue: raw) else { throw HTTPError(.badRequest, message: "generation must be one of \(Generation.allCases.map(\.rawValue).joined(separator: ", "))") }
                return g
            } ?? .unknown
            let consent = try body.consent.map { raw in
                guard let c = Consent(rawValue: raw) else { throw HTTPError(.badRequest, message: "consent must be one of \(Consent.allCases.map(\.rawValue).joined(separator: ", "))") }
                return c
            } ?? .default
            let name = body.name?.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (name ?? "").count <= 200 else { throw HTTPError(.badRequest, message: "the name is longer than 200 characters") }
            let person = Contributor(id: "c-" + String(UUID().uuidString.prefix(8)).lowercased(), name: name?.isEmpty == false ? name : nil,
                                     generation: generation, consent: consent, guardianConsent: body.guardian ?? false)
            let id = try call { () throws(ArchiveError) in try archive.add(person) }
            return try json(["id": id, "credit": person.publicCredit ?? ""], status: .created)
        }
        case (.post, "api/v1/songs/:id/contributions"): return { request, c in
            let body = try await decode(ContributionRequest.self, request)
            guard let kind = Contribution.Kind(rawValue: body.kind) else { throw HTTPError(.badRequest, message: "kind must be one of \(Contribution.Kind.allCases.map(\.rawValue).joined(separator: ", "))") }
            let songID = try id(c)
            let new = try call { () throws(ArchiveError) in
                try archive.contribute(song: songID, by: body.by, kind: kind, payload: body.payload, section: body.section, line: body.line)
            }
            return try json(["id": new], status: .created)
        }
        case (.patch, "api/v1/contributions/:id"): return { request, c in
            let body = try await decode(StatusRequest.self, request)
            guard let status = Contribution.Status(rawValue: body.status), status != .proposed else { throw HTTPError(.badRequest, message: "status must be accepted or rejected") }
            let cid = try id(c)
            try call { () throws(ArchiveError) in try archive.setStatus(cid, status) }
            return try json(["id": cid])
        }
        case (.post, "api/v1/songs/:id/merge"): return { _, c in
            let songID = try id(c)
            let (version, report) = try call { () throws(ArchiveError) in try archive.merge(song: songID) }
            return try json(MergeJSON(version: version, conflicts: report.conflicts.map(\.message), merged: report.merged.count))
        }
        case (.post, "api/v1/songs/:id/renders"): return { request, c in
            let songID = try id(c)
            let options = try await decode(RenderJobs.Request.self, request, empty: RenderJobs.Request())
            let song = try publicSong(songID)
            let versions = try call { () throws(ArchiveError) in try archive.versions(songID) }
            guard let version = versions.last?.number else {
                throw HTTPError(.notFound, message: "no song \(songID)")
            }
            let job: RenderJobs.Job
            do { job = try await renders.submit(song: song, id: songID, version: version, request: options) } catch {
                throw HTTPError(.badRequest, message: (error as? RenderRequestError)?.description ?? "\(error)")
            }
            let done = if case .done = job.state { true } else { false }
            return try json(RenderJSON(job), status: done ? .ok : .accepted)
        }
        case (.get, "api/v1/renders/:id"): return { _, c in
            try json(RenderJSON(try await renderJob(c)))
        }
        case (.get, "api/v1/renders/:id/audio"): return { request, c in
            let job = try await renderJob(c)
            switch job.state {
            case .done(let url): return try FileResponse.make(url, type: RenderJobs.mimeType(job.format), etag: job.id, request: request)
            case .failed(let reason): throw HTTPError(.conflict, message: "the render failed: \(reason)")
            case .queued, .rendering: throw HTTPError(.conflict, message: "the render is not finished; ask /api/v1/renders/\(job.id) for progress")
            }
        }
        case (.get, "api/v1/lyrics/syllables"): return { request, _ in
            let text = request.uri.queryParameters.get("text") ?? ""
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw HTTPError(.badRequest, message: "give the words as ?text=") }
            return try json(LyricAnalyzer().analyze(line: String(text.prefix(10_000))))
        }
        case (.get, "api/v1/lyrics/rhymes"): return { request, _ in
            let q = request.uri.queryParameters
            guard let word = q.get("word"), !word.isEmpty else { throw HTTPError(.badRequest, message: "give the word as ?word=") }
            return try json(LyricAnalyzer().rhymes(for: word, near: q.get("near") == "true", syllables: q.get("syllables").flatMap { Int($0) }))
        }
        case (.get, "api/v1/openapi.json"): return { _, _ in text(OpenAPIDocument.json, type: "application/json") }
        default:
            return { _, _ in throw HTTPError(.notFound) }
        }
    }

    // MARK: - Pieces

    struct RenderJSON: Codable {
        var id: String, song: Int64, version: Int, status: String, progress: Double, audio: String?, error: String?
        init(_ job: RenderJobs.Job) {
            (id, song, version) = (job.id, job.song, job.version)
            switch job.state {
            case .queued: (status, progress) = ("queued", 0)
            case .rendering(let p): (status, progress) = ("rendering", p)
            case .done: (status, progress, audio) = ("done", 1, "/api/v1/renders/\(job.id)/audio")
            case .failed(let reason): (status, progress, error) = ("failed", 0, reason)
            }
        }
    }

    func renderJob(_ c: BasicRequestContext) async throws -> RenderJobs.Job {
        let name = c.parameters.get("id") ?? ""
        guard let job = await renders.job(name) else { throw HTTPError(.notFound, message: "no render \(name)") }
        return job
    }

    struct VersionJSON: Codable { var number: Int; var createdAt: String; var holdsWithdrawn: Bool }
    struct MergeJSON: Codable { var version: Int; var conflicts: [String]; var merged: Int }
    struct ContributionRequest: Decodable { var by: [String]; var kind: String; var payload: String; var section: String?; var line: Int? }
    struct ContributorRequest: Decodable { var name: String?; var generation: String?; var consent: String?; var guardian: Bool? }
    struct StatusRequest: Decodable { var status: String }
    struct StopJSON: Codable { var id: String; var place: String; var nation: String; var venue: String; var date: String?; var songs: Int }

    func stops() throws -> [StopJSON] {
        let (rows, counts) = try call { () throws(ArchiveError) in (try archive.stops(), try archive.songCounts()) }
        return rows.map { StopJSON(id: $0.id, place: $0.place, nation: $0.nation.rawValue, venue: $0.venue.rawValue, date: $0.date, songs: counts[$0.id] ?? 0) }
    }

    func songs(_ q: Parameters) throws -> [ArchivedSong] {
        let limit = min(200, max(1, q.get("limit").flatMap { Int($0) } ?? 50)), offset = max(0, q.get("offset").flatMap { Int($0) } ?? 0)
        if let text = q.get("q"), !text.isEmpty {
            let found = try call { () throws(ArchiveError) in try archive.search(text, limit: 500) }
            return Array(found.dropFirst(offset).prefix(limit))
        }
        return try call { () throws(ArchiveError) in
            try archive.list(stop: q.get("stop"), nation: q.get("nation"), generation: q.get("generation"), year: q.get("year"), limit: limit, offset: offset)
        }
    }

    /// The newest version as the public may see it: through the consent projection, with today's consent.
    func publicSong(_ id: Int64) throws -> Song {
        try call { () throws(ArchiveError) in try archive.withCurrentConsent(try archive.song(id)).publicProjection }
    }

    func id(_ c: BasicRequestContext) throws -> Int64 {
        guard let raw = c.parameters.get("id"), let value = Int64(raw), value > 0 else { throw HTTPError(.badRequest, message: "the id must be a positive number") }
        return value
    }

    /// Archive refusals as HTTP: unknown ids 404, everything else 400, with the reason.
    func call<T>(_ body: () throws(ArchiveError) -> T) throws -> T {
        do { return try body() } catch {
            let notFound = error.message.hasPrefix("no ") || error.message.contains("has no version")
            throw HTTPError(notFound ? .notFound : .badRequest, message: error.message)
        }
    }

    /// The request's JSON body as `T`; `empty`, when given, stands for an empty body.
    func decode<T: Decodable>(_ type: T.Type, _ request: Request, empty: T? = nil) async throws -> T {
        let buffer = try await request.body.collect(upTo: SongServer.maximumBody)
        if buffer.readableBytes == 0, let empty { return empty }
        do { return try JSONDecoder().decode(T.self, from: Data(buffer: buffer)) } catch {
            throw HTTPError(.badRequest, message: "the body is not the JSON this route takes: \(error)")
        }
    }
}

/// A JSON response with sorted keys.
func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(value)
    return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

/// A text response.
func text(_ body: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: body)))
}
