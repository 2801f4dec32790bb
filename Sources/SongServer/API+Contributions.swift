import Arrangement
import Foundation
import Hummingbird
import MusicXMLFiles
import Lyrics
import SongArchive
import SongCore
import SongMIDI
import SongText
import TourExport

/// Contributions: adding one to a song, accepting or rejecting it, and merging them into a new version.
extension API {
    /// POST /api/v1/songs/:id/contributions
    func addContribution(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let body = try await decode(ContributionRequest.self, request, checkedBy: route)
        guard let kind = Contribution.Kind(rawValue: body.kind) else { throw HTTPError(.badRequest, message: "kind must be one of \(Contribution.Kind.allCases.map(\.rawValue).joined(separator: ", "))") }
        let songID = try id(c)
        // A tune may come as placed notes (the capture page's), made into ABC here by the transcriber's own rule.
        let payload: String
        switch (body.payload, body.tune) {
        case (let text?, nil): payload = text
        case (nil, let tune?):
            guard kind == .melody else { throw HTTPError(.badRequest, message: "a tune is given as notes only for a melody") }
            payload = try abc(of: tune, song: songID)
        default: throw HTTPError(.badRequest, message: "give either payload or tune")
        }
        let new = try archive.contribute(song: songID, by: body.by, kind: kind, payload: payload, section: body.section, line: body.line,
                                         session: body.session, take: body.take)
        return try json(["id": new], status: .created)
    }

    /// The types a score may be sent as.
    static let scoreTypes = ["application/vnd.recordare.musicxml+xml", MXLPackage.mediaType, "application/xml", "text/xml", "application/octet-stream"]

    /// POST /api/v1/songs/:id/musicxml?by=…[&section=…]: a musician's melody from notation software (MusicXML or
    /// compressed .mxl, as the body) becomes a melody contribution: the first part's tune with its words and chords,
    /// kept as ABC. A file that is broken, hostile or from the future is a 422 naming what is wrong.
    func contributeScore(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let songID = try id(c)
        let q = request.uri.queryParameters
        guard let given = request.mediaType, Self.scoreTypes.contains(given) else {
            throw HTTPError(.unsupportedMediaType, message: "send the score as one of \(Self.scoreTypes.joined(separator: ", "))")
        }
        let limit = MusicXMLReader.maximumBytes
        let tooLarge = HTTPError(.contentTooLarge, message: "the score is larger than \(limit >> 20) MB")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw tooLarge }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: limit) } catch { throw tooLarge }
        let people = (q.get("by") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let score: ImportedScore
        do { score = try MusicXMLReader.read(Data(buffer: body), name: "the score") } catch {
            throw HTTPError(.unprocessableContent, message: error.description)
        }
        guard !score.melody.notes.isEmpty else { throw HTTPError(.unprocessableContent, message: "the score's first part has no notes") }
        let new = try archive.contribute(song: songID, by: people, kind: .melody, payload: score.abc, section: q.get("section"), line: nil, session: q.get("session").flatMap { Int64($0) })
        return try json(ScoreJSON(id: new, abc: score.abc, notes: score.melody.notes.count, skipped: score.notes), status: .created)
    }

    struct ScoreJSON: Encodable { var id: Int64; var abc: String; var notes: Int; var skipped: [String] }

    /// PATCH /api/v1/contributions/:id
    func setContributionStatus(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let body = try await decode(StatusRequest.self, request, checkedBy: route)
        guard let status = Contribution.Status(rawValue: body.status), status != .proposed else { throw HTTPError(.badRequest, message: "status must be accepted or rejected") }
        let cid = try id(c)
        try archive.setStatus(cid, status)
        return try json(["id": cid])
    }

    /// POST /api/v1/songs/:id/merge
    func mergeSong(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let songID = try id(c)
        let (version, report) = try archive.merge(song: songID)
        if kept != nil { preparer.prepareSoon(songID, self) }
        return try json(MergeJSON(version: version, conflicts: report.conflicts.map(\.message), merged: report.merged.count))
    }
}
