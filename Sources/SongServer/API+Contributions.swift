import Arrangement
import Foundation
import Hummingbird
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
        return try json(MergeJSON(version: version, conflicts: report.conflicts.map(\.message), merged: report.merged.count))
    }
}
