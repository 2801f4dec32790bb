import Arrangement
import Foundation
import Hummingbird
import Lyrics
import SongArchive
import SongCore
import SongMIDI
import SongText
import TourExport

/// The JSON API's handlers. The archive's refusals are answered by their kind (ArchiveError+HTTP); nothing becomes a 500.
struct API: Sendable {
    let archive: TourArchive
    let renders: RenderJobs
    let settings: ServerSettings
    /// Failed sign-ins by address.
    let signIns = SignInThrottle()

    typealias Handler = @Sendable (Request, SongRequestContext) async throws -> Response

    func handler(for route: APIRoute) -> Handler {
        switch (route.method, route.path) {
        case (.get, "api/v1/stops"): return { _, _ in try json(try stops()) }
        case (.get, "api/v1/sessions"): return { request, _ in
            let stop = request.uri.queryParameters.get("stop")
            let list = try archive.sessions(stop: stop)
            // Notes are for facilitators; the public list leaves them out.
            return try json(list.map { SessionJSON(id: $0.id, stop: $0.stop, date: $0.date, contributions: $0.contributions) })
        }
        case (.post, "api/v1/sessions"): return { request, _ in
            let body = try await decode(SessionRequest.self, request, checkedBy: route)
            let id = try archive.addSession(stop: body.stop, date: body.date, notes: body.notes)
            return try json(["id": id], status: .created)
        }
        case (.get, "api/v1/contributors"): return { _, _ in
            let people = try archive.contributors()
            return try json(people.compactMap { p in
                p.publicCredit.map { ContributorJSON(id: archive.publicID(p.id), credit: $0, generation: p.generation.rawValue, role: p.role.rawValue) }
            })
        }
        case (.post, "api/v1/facilitator"): return { request, c in
            let address = c.remoteAddress?.ipAddress ?? "unknown"
            if let wait = signIns.wait(for: address) {
                throw HTTPError(.tooManyRequests, headers: [.retryAfter: "\(wait)"],
                                message: "too many wrong tokens from this address; try again in \(wait) seconds")
            }
            let body = try await decode(TokenRequest.self, request, checkedBy: route)
            guard try AccessMiddleware.accepts(body.token, settings: settings, archive: archive) else {
                signIns.failed(address)
                throw HTTPError(.unauthorized, message: "that is not a facilitator token here (make one with songbridge token create)")
            }
            var response = try json(["facilitator": true])
            response.setCookie(Cookie(name: AccessMiddleware.cookie, value: body.token, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        case (.get, "api/v1/songs"): return { request, _ in try json(try songs(request.uri.queryParameters)) }
        case (.get, "api/v1/songs/:id"): return { _, c in try json(SongJSON(id: try id(c), song: try publicSong(try id(c)))) }
        case (.get, "api/v1/export"): return { request, _ in
            let q = request.uri.queryParameters
            let chosen = APIRoute.songFilters.compactMap { p in q.get(p.name).flatMap { $0.isEmpty ? nil : (p.name, $0) } }
            return try await export(chosen)
        }
        case (.get, "api/v1/songs/:id/latest"): return { _, c in
            let songID = try id(c)
            let latest = try archive.latestVersion(songID)
            return try json(LatestJSON(song: songID, version: latest.number, createdAt: latest.createdAt))
        }
        case (.get, "api/v1/songs/:id/versions"): return { _, c in try json(try versions(try id(c))) }
        case (.get, "api/v1/songs/:id/chordpro"): return { _, c in
            let song = try publicSong(try id(c))
            return download(Array(ChordProWriter.write(song).utf8), type: "application/vnd.chordpro; charset=utf-8", name: fileName(song, "cho"))
        }
        case (.get, "api/v1/songs/:id/abc"): return { _, c in
            let song = try publicSong(try id(c))
            return download(Array(ABCWriter.write(ABCTuneBook(song: song)).utf8), type: "text/vnd.abc; charset=utf-8", name: fileName(song, "abc"))
        }
        case (.get, "api/v1/songs/:id/midi"): return { request, c in
            let songID = try id(c)
            let q = request.uri.queryParameters
            let song = try publicSong(songID)
            let karaoke = q.get("karaoke") == "true"
            let performance: Performance
            do { performance = try Arranger.perform(song, options: ArrangementOptions(style: StyleLibrary.styleName(asked: q.get("style"), for: song))) } catch {
                throw HTTPError(.badRequest, message: "\(error)")
            }
            let bytes = MIDIFile(performance: performance, options: MIDIWriteOptions(karaoke: karaoke)).data()
            return download(bytes, type: karaoke ? "audio/x-karaoke" : "audio/midi", name: fileName(song, karaoke ? "kar" : "mid"))
        }
        case (.post, "api/v1/contributors"): return { request, _ in
            let body = try await decode(ContributorRequest.self, request, empty: ContributorRequest(), checkedBy: route)
            let generation = try body.generation.map { raw in
                guard let g = Generation(rawValue: raw) else { throw HTTPError(.badRequest, message: "generation must be one of \(Generation.allCases.map(\.rawValue).joined(separator: ", "))") }
                return g
            } ?? .unknown
            let consent = try body.consent.map { raw in
                guard let c = Consent(rawValue: raw) else { throw HTTPError(.badRequest, message: "consent must be one of \(Consent.allCases.map(\.rawValue).joined(separator: ", "))") }
                return c
            } ?? .default
            let name = body.name?.trimmingCharacters(in: .whitespaces)
            let person = Contributor(id: Contributor.newID(), name: name?.isEmpty == false ? name : nil,
                                     generation: generation, consent: consent, guardianConsent: body.guardian ?? false)
            let id = try archive.add(person)
            return try json(["id": id, "credit": person.publicCredit ?? ""], status: .created)
        }
        case (.patch, "api/v1/contributors/:id"): return { request, c in
            let body = try await decode(ConsentRequest.self, request, checkedBy: route)
            guard let consent = Consent(rawValue: body.consent) else { throw HTTPError(.badRequest, message: "consent must be one of \(Consent.allCases.map(\.rawValue).joined(separator: ", "))") }
            let person = c.parameters.get("id") ?? ""
            try archive.setConsent(person, consent, guardian: body.guardian)
            let changed = try archive.contributor(person)
            return try json(["id": person, "credit": changed.publicCredit ?? ""])
        }
        case (.post, "api/v1/songs/:id/contributions"): return { request, c in
            let body = try await decode(ContributionRequest.self, request, checkedBy: route)
            guard let kind = Contribution.Kind(rawValue: body.kind) else { throw HTTPError(.badRequest, message: "kind must be one of \(Contribution.Kind.allCases.map(\.rawValue).joined(separator: ", "))") }
            let songID = try id(c)
            let new = try archive.contribute(song: songID, by: body.by, kind: kind, payload: body.payload, section: body.section, line: body.line, session: body.session)
            return try json(["id": new], status: .created)
        }
        case (.patch, "api/v1/contributions/:id"): return { request, c in
            let body = try await decode(StatusRequest.self, request, checkedBy: route)
            guard let status = Contribution.Status(rawValue: body.status), status != .proposed else { throw HTTPError(.badRequest, message: "status must be accepted or rejected") }
            let cid = try id(c)
            try archive.setStatus(cid, status)
            return try json(["id": cid])
        }
        case (.post, "api/v1/songs/:id/merge"): return { _, c in
            let songID = try id(c)
            let (version, report) = try archive.merge(song: songID)
            return try json(MergeJSON(version: version, conflicts: report.conflicts.map(\.message), merged: report.merged.count))
        }
        case (.post, "api/v1/songs/:id/renders"): return { request, c in
            let songID = try id(c)
            let options = try await decode(RenderJobs.Request.self, request, empty: RenderJobs.Request(), checkedBy: route)
            let (version, song) = try publicVersion(songID)
            let job: RenderJobs.Job
            do {
                job = try await renders.submit(song: song, digest: Self.digest(song), id: songID, version: version, request: options)
            } catch let refused as RenderRequestError {
                if refused.busy { throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "5"], message: refused.description) }
                throw HTTPError(.badRequest, message: refused.description)
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
            case .done(let url):
                var response = try FileResponse.make(url, type: RenderJobs.mimeType(job.format), etag: job.id, request: request)
                if request.uri.queryParameters.get("download") == "true" {
                    let title = (try? publicSong(job.song)).map { fileName($0, job.request.format) } ?? "\(job.id).\(job.request.format)"
                    response.headers[.contentDisposition] = "attachment; filename=\"\(title)\""
                }
                return response
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
        /// When each line of words starts, in seconds, with its syllables (the page lights them up as they are sung).
        var lines: [RenderJobs.LineCue]
        init(_ job: RenderJobs.Job) {
            (id, song, version, lines) = (job.id, job.song, job.version, job.lines)
            switch job.state {
            case .queued: (status, progress) = ("queued", 0)
            case .rendering(let p): (status, progress) = ("rendering", p)
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

    struct VersionJSON: Codable { var number: Int; var createdAt: String; var holdsWithdrawn: Bool; var changes: [ChangeJSON] }
    /// One change from the version before, credited as consent allows.
    struct ChangeJSON: Codable { var kind: String; var place: String; var what: String; var by: [String] }

    /// Every version, each with what changed since the one before. Both sides of each diff go through the
    /// consent projection with today's consent, so a withdrawn line or a name that may not be shown never appears.
    func versions(_ songID: Int64) throws -> [VersionJSON] {
        let list = try archive.versions(songID)
        guard !list.isEmpty else { throw HTTPError(.notFound, message: "no song \(songID)") }
        var previous: Song?
        return try list.map { v in
            let song = try archive.publicSong(try archive.song(songID, version: v.number))
            defer { previous = song }
            let changes = previous.map { SongDiff(from: $0, to: song).changes } ?? []
            return VersionJSON(number: v.number, createdAt: v.createdAt, holdsWithdrawn: v.holdsWithdrawn, changes: changes.map { change in
                ChangeJSON(kind: change.kind.rawValue, place: change.place, what: change.what,
                           by: change.by.compactMap { song.provenance.contributor($0)?.publicCredit }.uniqued())
            })
        }
    }
    struct LatestJSON: Codable { var song: Int64; var version: Int; var createdAt: String }
    struct MergeJSON: Codable { var version: Int; var conflicts: [String]; var merged: Int }
    struct ContributionRequest: Decodable { var by: [String]; var kind: String; var payload: String; var section: String?; var line: Int?; var session: Int64? }
    struct SessionRequest: Decodable { var stop: String; var date: String?; var notes: String? }
    struct SessionJSON: Codable { var id: Int64; var stop: String; var date: String?; var contributions: Int }
    struct ContributorJSON: Codable { var id: String; var credit: String; var generation: String; var role: String }
    struct TokenRequest: Decodable { var token: String }
    struct ContributorRequest: Decodable { var name: String?; var generation: String?; var consent: String?; var guardian: Bool? }
    struct StatusRequest: Decodable { var status: String }
    struct ConsentRequest: Decodable { var consent: String; var guardian: Bool? }
    struct StopJSON: Codable { var id: String; var place: String; var nation: String; var venue: String; var date: String?; var songs: Int }

    func stops() throws -> [StopJSON] {
        let (rows, counts) = try (try archive.stops(), try archive.songCounts())
        return rows.map { StopJSON(id: $0.id, place: $0.place, nation: $0.nation.rawValue, venue: $0.venue.rawValue, date: $0.date, songs: counts[$0.id] ?? 0) }
    }

    func songs(_ q: Parameters) throws -> [ArchivedSong] { try songs { q.get($0) } }

    /// Songs by the list's parameters, each read through `get` (a query, or a page's choices).
    func songs(_ get: (String) -> String?) throws -> [ArchivedSong] {
        let limit = min(201, max(1, get("limit").flatMap { Int($0) } ?? 50)), offset = max(0, get("offset").flatMap { Int($0) } ?? 0)
        if let text = get("q"), !text.isEmpty {
            let found = try archive.search(text, limit: 500)
            return Array(found.dropFirst(offset).prefix(limit))
        }
        return try archive.list(stop: get("stop"), nation: get("nation"), generation: get("generation"), year: get("year"),
                             style: get("style"), theme: get("theme"), limit: limit, offset: offset)
    }

    /// The most songs one export takes: a tour's worth, made in a few seconds.
    static let exportLimit = SongLimits.exportSongs

    /// The songs chosen by `chosen` (name and value of the list's filters; a search when `q` is among them) as a
    /// ZIP file, made on the render threads so requests are still answered meanwhile.
    func export(_ chosen: [(String, String)]) async throws -> Response {
        let get: (String) -> String? = { name in chosen.first { $0.0 == name }?.1 }
        let archive = self.archive
        let songs = try get("q").map { text in try archive.search(text, limit: Self.exportLimit + 1) }
            ?? archive.list(stop: get("stop"), nation: get("nation"), generation: get("generation"), year: get("year"),
                            style: get("style"), theme: get("theme"), limit: Self.exportLimit + 1)
        guard songs.count <= Self.exportLimit else {
            throw HTTPError(.badRequest, message: "more than \(Self.exportLimit) songs chosen; choose fewer (by nation, stop or year) for one export")
        }
        let parts = get("q").map { ["search", $0] } ?? chosen.map(\.1)
        let name = (["songbridge"] + parts.map(TourArchive.fileName)).joined(separator: "-")
        let about = get("q").map { "the songs found searching for \u{201C}\($0)\u{201D}" }
            ?? (chosen.isEmpty ? "every song of the tour" : "the songs chosen by " + chosen.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
        let zip = TourZip(name: name, chosen: about)
        let data = try await Task(executorPreference: RenderJobs.threads) { () throws -> Data in
            try zip.make(songs, from: archive)
        }.value
        return download(Array(data), type: "application/zip", name: name + ".zip")
    }

    /// The newest version as the public may see it: through the consent projection, with today's consent.
    func publicSong(_ id: Int64) throws -> Song { try publicVersion(id).song }

    /// The same, with the version's number.
    func publicVersion(_ id: Int64) throws -> (number: Int, song: Song) {
        let (number, song) = try archive.numberedSong(id)
        return (number, try archive.publicSong(song))
    }

    func id(_ c: SongRequestContext) throws -> Int64 {
        guard let raw = c.parameters.get("id"), let value = Int64(raw), value > 0 else { throw HTTPError(.badRequest, message: "the id must be a positive number") }
        return value
    }

    /// The request's JSON body as `T`, checked first against `route`'s body schema (the one its OpenAPI document
    /// shows); `empty`, when given, stands for an empty body.
    func decode<T: Decodable>(_ type: T.Type, _ request: Request, empty: T? = nil, checkedBy route: APIRoute) async throws -> T {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: SongServer.maximumBody) } catch {
            throw HTTPError(.contentTooLarge, message: "the body is larger than \(SongServer.maximumBody / 1024) KiB")
        }
        if buffer.readableBytes == 0, let empty { return empty }
        let data = Data(buffer: buffer)
        if let schema = route.body, let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
           let problem = schema.problem(withJSON: value) {
            throw HTTPError(.badRequest, message: problem)
        }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
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

/// A file to save: its bytes, type and a file name.
func download(_ bytes: [UInt8], type: String, name: String) -> Response {
    Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
}

/// A file name for a download of `song`: its title as the archive names files (letters without accents, digits, hyphens).
func fileName(_ song: Song, _ ext: String) -> String {
    let name = TourArchive.fileName(song.metadata.title ?? "song")
    return (name.isEmpty ? "song" : name) + "." + ext
}

/// A text response.
func text(_ body: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: body)))
}
