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
    /// Tune searches running now.
    let tuneSearches = BusySlots(most: SongLimits.concurrentTuneSearches)
    /// Songbooks printing now (Chromium prints one at a time).
    let songbooks = BusySlots(most: 1)
    /// Song pages' drawings and likenesses kept on disk (nil: none kept, when the file cannot be opened).
    let kept: KeptParts?
    /// The tunes drawn as notation, kept by what was drawn.
    let notation: NotationDrawings
    /// Song pages' costly parts worked out after a merge, before anyone asks for the page.
    let preparer = PagePreparer()
    /// The busiest reads' answers, kept while the archive is unchanged (routes marked `kept`).
    let answers = AnswerCache()

    init(archive: TourArchive, renders: RenderJobs, settings: ServerSettings, kept: KeptParts?) {
        self.archive = archive
        self.renders = renders
        self.settings = settings
        self.kept = kept
        notation = NotationDrawings(onDisk: kept)
    }

    typealias Handler = @Sendable (Request, SongRequestContext) async throws -> Response
    /// A route's handler: a method of the API, given the request, its context and the route (whose body schema
    /// `decode` checks). Every route in `APIRoute.all` names one, so a route without a handler does not compile.
    typealias RouteHandler = @Sendable (API) -> (Request, SongRequestContext, APIRoute) async throws -> Response

    // MARK: - Pieces

    struct VersionJSON: Codable { var number: Int; var createdAt: String; var parents: [Int]; var holdsWithdrawn: Bool; var changes: [ChangeJSON] }
    /// One change from the version before, credited as consent allows.
    struct ChangeJSON: Codable { var kind: String; var place: String; var what: String; var by: [String] }

    /// Every version, each with the versions it builds on (two or more where a merge joined branches made on
    /// other laptops) and what changed since the first of them. Both sides of each diff go through the consent
    /// projection with today's consent, so a withdrawn line or a name that may not be shown never appears.
    func versions(_ songID: Int64) throws -> [VersionJSON] {
        let list = try archive.versions(songID)
        guard !list.isEmpty else { throw HTTPError(.notFound, message: "song \(songID) has no version yet (merge it first)") }
        var shown: [String: Song] = [:]
        return try list.map { v in
            let song = try archive.publicSong(try archive.song(songID, version: v.number))
            defer { shown[v.uid] = song }
            let changes = v.parents.first.flatMap { shown[$0] }.map { SongDiff(from: $0, to: song).changes } ?? []
            return VersionJSON(number: v.number, createdAt: v.createdAt, parents: v.parentNumbers(in: list), holdsWithdrawn: v.holdsWithdrawn, changes: changes.map { change in
                ChangeJSON(kind: change.kind.rawValue, place: change.place, what: change.what,
                           by: change.by.compactMap { song.provenance.contributor($0)?.publicCredit }.uniqued())
            })
        }
    }
    struct LatestJSON: Codable { var song: Int64; var version: Int; var createdAt: String }
    struct MergeJSON: Codable { var version: Int; var conflicts: [String]; var merged: Int }
    struct ContributionRequest: Decodable {
        var by: [String]; var kind: String; var payload: String?; var section: String?; var line: Int?; var session: Int64?
        var take: String?; var tune: TuneRequest?
    }
    struct SessionRequest: Decodable { var stop: String; var date: String?; var notes: String? }
    struct SessionJSON: Codable { var id: Int64; var stop: String; var date: String?; var contributions: Int }
    struct ContributorJSON: Codable { var id: String; var credit: String; var generation: String; var role: String }
    struct TokenRequest: Decodable { var token: String }
    struct ContributorRequest: Decodable { var name: String?; var generation: String?; var consent: String?; var guardian: Bool? }
    struct StatusRequest: Decodable { var status: String }
    struct ConsentRequest: Decodable { var consent: String; var guardian: Bool? }
    struct StopJSON: Codable { var id: String; var place: String; var nation: String; var venue: String; var date: String?; var songs: Int }

    func stops() throws -> [StopJSON] {
        let (rows, counts) = (try archive.stops(), try archive.songCounts())
        return rows.map { StopJSON(id: $0.id, place: $0.place, nation: $0.nation.rawValue, venue: $0.venue.rawValue, date: $0.date, songs: counts[$0.id] ?? 0) }
    }

    func songs(_ q: Parameters) throws -> [ArchivedSong] { try songs { q.get($0) } }

    /// Songs by the list's parameters, each read through `get` (a query, or a page's choices).
    func songs(_ get: (String) -> String?) throws -> [ArchivedSong] {
        let limit = min(201, max(1, get("limit").flatMap { Int($0) } ?? 50)), offset = max(0, get("offset").flatMap { Int($0) } ?? 0)
        if let text = get("q"), !text.isEmpty {
            // Only as far down the ranking as this page goes (the ranking itself is as deep whatever the page):
            // a broad search's first page of fifty no longer reads and sends the other 450 songs' rows.
            guard offset < TourArchive.rankedAtMost else { return [] }
            let found = try archive.search(text, limit: min(TourArchive.rankedAtMost, offset + limit))
            return Array(found.dropFirst(offset).prefix(limit))
        }
        return try archive.list(stop: get("stop"), nation: get("nation"), generation: get("generation"), year: get("year"),
                             style: get("style"), theme: get("theme"), limit: limit, offset: offset)
    }

    /// The newest version as the public may see it: through the consent projection, with today's consent.
    func publicSong(_ id: Int64) throws -> Song { try publicVersion(id).song }

    /// The same, with the version's number (`TourArchive.newestPublicVersion`: one read transaction).
    func publicVersion(_ id: Int64) throws(ArchiveError) -> (number: Int, song: Song) {
        let (number, _, song, _) = try archive.newestPublicVersion(id)
        return (number, song)
    }

    func id(_ c: SongRequestContext) throws -> Int64 { try Self.id(c) }

    /// The route's `:id`, for pages and API alike: a positive number, or a 400 that says what was given.
    static func id(_ c: SongRequestContext) throws -> Int64 {
        let raw = c.parameters.get("id") ?? ""
        guard let value = Int64(raw), value > 0 else {
            throw HTTPError(.badRequest, message: "'\(ErrorAnswers.shown(raw))' is not an id; an id is a positive number")
        }
        return value
    }

    /// The request's JSON body as `T`, checked first against `route`'s body schema (the one its OpenAPI document
    /// shows); `empty`, when given, stands for an empty body.
    func decode<T: Decodable>(_ type: T.Type, _ request: Request, empty: T? = nil, checkedBy route: APIRoute) async throws -> T {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: route.maximumBody) } catch {
            throw HTTPError(.contentTooLarge, message: "the body is larger than \(route.maximumBody / 1024) KiB")
        }
        if buffer.readableBytes == 0, let empty { return empty }
        let data = Data(buffer: buffer)
        if let problem = JSONBody.problem(in: data) { throw HTTPError(.badRequest, message: problem) }
        if let schema = route.body, let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
           let problem = schema.problem(withJSON: value) {
            throw HTTPError(.badRequest, message: problem)
        }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw HTTPError(.badRequest, message: JSONBody.describe(error))
        }
    }
}

/// A JSON response with sorted keys.
func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(data: try jsonBytes(value))))
}

/// `value` as the API writes JSON: keys sorted, so one value always gives the same bytes.
func jsonBytes(_ value: some Encodable) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(value)
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
