import Arrangement
import Foundation
import Hummingbird
import Lyrics
import SongArchive
import SongCore
import SongMIDI
import SongText
import TourExport

/// People and places: stops, sessions, contributors and their consent, and signing a tablet in.
extension API {
    /// GET /api/v1/stops
    func listStops(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        try json(try stops())
    }

    /// GET /api/v1/sessions
    func listSessions(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let stop = request.uri.queryParameters.get("stop")
        let list = try archive.sessions(stop: stop)
        // Notes are for facilitators; the public list leaves them out.
        return try json(list.map { SessionJSON(id: $0.id, stop: $0.stop, date: $0.date, contributions: $0.contributions) })
    }

    /// POST /api/v1/sessions
    func addSession(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let body = try await decode(SessionRequest.self, request, checkedBy: route)
        let id = try archive.addSession(stop: body.stop, date: body.date, notes: body.notes)
        return try json(["id": id], status: .created)
    }

    /// GET /api/v1/contributors
    func listContributors(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let people = try archive.contributors()
        return try json(people.compactMap { p in
            p.publicCredit.map { ContributorJSON(id: archive.publicID(p.id), credit: $0, generation: p.generation.rawValue, role: p.role.rawValue) }
        })
    }

    /// POST /api/v1/facilitator
    func signIn(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
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

    /// POST /api/v1/contributors
    func addContributor(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
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

    /// PATCH /api/v1/contributors/:id
    func changeConsent(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let body = try await decode(ConsentRequest.self, request, checkedBy: route)
        guard let consent = Consent(rawValue: body.consent) else { throw HTTPError(.badRequest, message: "consent must be one of \(Consent.allCases.map(\.rawValue).joined(separator: ", "))") }
        let person = try person(c)
        try archive.setConsent(person, consent, guardian: body.guardian)
        let changed = try archive.contributor(person)
        return try json(["id": c.parameters.get("id") ?? person, "credit": changed.publicCredit ?? ""])
    }

    /// POST /api/v1/contributors/:id/erase-takes: the person's voice erased when they ask (the tunes stay).
    func eraseTakes(_ request: Request, _ c: SongRequestContext, _ route: APIRoute) async throws -> Response {
        let person = try person(c)
        return try json(ErasedJSON(id: c.parameters.get("id") ?? person, erased: try archive.eraseTakes(by: person)))
    }

    /// The person a route's `:id` names: an archive id (`c-mh01`), or the public id the list of people gives (`p-…`).
    func person(_ c: SongRequestContext) throws -> String {
        let given = c.parameters.get("id") ?? ""
        return try archive.contributorID(publicID: given) ?? given
    }

    struct ErasedJSON: Encodable { var id: String; var erased: Int }
}
