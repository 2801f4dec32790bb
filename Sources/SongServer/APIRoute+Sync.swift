import SongArchive
import SongCore
import TourExport

/// The shapes of a sync between laptops (`SyncChanges` and `SyncReport`), for the document and the body check.
extension APIRoute {
    static let uid = APISchema.string(pattern: "^[0-9a-f]{32}$")
    static let syncDate = APISchema.string(pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")
    /// A contribution's payload as the archive holds it: it may be empty (an imported song's `{credit: idea}` line
    /// credits an idea with no words of its own), so a laptop that imported songs can push them. (The form `words`,
    /// which a contribution made through the API must fit, refused every push holding one, whole.)
    static let payload = APISchema.string(maxLength: 100_000)
    static let origin = APISchema.object([("archive", .string(maxLength: 64), required: true), ("by", .string(maxLength: 200), required: true)])
    static let syncChanges = APISchema.object([
        ("format", .integer(minimum: 1, maximum: 1), required: true), ("tour", uid, required: true), ("archive", uid, required: true),
        ("madeAt", .string(maxLength: 40), required: true), ("upTo", .integer(minimum: 0, maximum: largest), required: false),
        ("organisation", uid, required: false),
        ("stops", .array(.object([("uid", uid, required: true), ("id", .string(maxLength: 200), required: true), ("place", .string(maxLength: 200), required: true),
                                  ("nation", .string(enumeration: nations), required: true), ("venue", .string(enumeration: TourStop.Venue.allCases.map(\.rawValue)), required: true),
                                  ("date", .string(maxLength: 40), required: false), ("partners", .string(maxLength: 4_096), required: true),
                                  ("origin", origin, required: true)])), required: true),
        ("sessions", .array(.object([("uid", uid, required: true), ("stop", uid, required: true), ("date", .string(maxLength: 40), required: false),
                                     ("notes", .string(maxLength: 4_096), required: false), ("organisation", uid, required: false),
                                     ("origin", origin, required: true)])), required: true),
        ("people", .array(.object([("uid", uid, required: true), ("id", .string(maxLength: 64), required: true), ("name", .string(maxLength: 200), required: false),
                                   ("shown", .string(maxLength: 200), required: false), ("organisation", uid, required: false),
                                   ("generation", .string(enumeration: generations + ["unknown"]), required: true), ("role", .string(maxLength: 40), required: true),
                                   ("origin", origin, required: true)])), required: true),
        ("consent", .array(.object([("person", uid, required: true), ("origin", origin, required: true),
                                    ("change", .object([("uid", uid, required: true), ("consent", .string(enumeration: consents + ["withdrawn"]), required: true),
                                                        ("guardian", .boolean, required: false), ("at", syncDate, required: true),
                                                        ("supersedes", .array(uid, maxItems: 64), required: true)]), required: true)])), required: true),
        ("songs", .array(.object([("uid", uid, required: true), ("title", .string(maxLength: 500), required: true), ("stop", uid, required: false),
                                  ("key", .string(maxLength: 20), required: false), ("meter", .string(maxLength: 10), required: false),
                                  ("themes", .string(maxLength: 4_096), required: true), ("style", .string(maxLength: 64), required: false),
                                  ("createdAt", syncDate, required: true), ("origin", origin, required: true)])), required: true),
        ("contributions", .array(.object([("uid", uid, required: true), ("song", uid, required: true), ("kind", .string(enumeration: Contribution.Kind.allCases.map(\.rawValue)), required: true),
                                          ("payload", payload, required: true), ("section", .string(maxLength: 200), required: false),
                                          ("line", .integer(minimum: 0, maximum: largest), required: false), ("status", .string(enumeration: Contribution.Status.allCases.map(\.rawValue)), required: true),
                                          ("session", uid, required: false), ("people", .array(uid, minItems: 1, maxItems: 256), required: true),
                                          ("createdAt", syncDate, required: true), ("origin", origin, required: true)])), required: true),
        ("erasures", .array(.object([("person", uid, required: true), ("at", syncDate, required: true), ("origin", origin, required: true)])), required: true),
        ("versions", .array(.object([("uid", uid, required: true), ("song", uid, required: true), ("parents", .array(uid, maxItems: 64), required: true),
                                     ("merged", .array(uid, maxItems: TourArchive.SyncLimits.contributionsPerVersion), required: true), ("text", words, required: true),
                                     ("createdAt", syncDate, required: true), ("origin", origin, required: true)])), required: false),
    ])
    static let syncReport = APISchema.object([
        ("stops", .integer(minimum: 0), required: true), ("sessions", .integer(minimum: 0), required: true), ("people", .integer(minimum: 0), required: true),
        ("consentChanges", .integer(minimum: 0), required: true), ("songs", .integer(minimum: 0), required: true),
        ("contributions", .integer(minimum: 0), required: true), ("reviews", .integer(minimum: 0), required: true),
        ("erasures", .integer(minimum: 0), required: true), ("versions", .integer(minimum: 0), required: true),
        ("consentDecided", .array(.string()), required: true), ("renamed", .anyObject, required: true),
    ])
    /// The largest batch a sync posts: a bundle's size.
    static let syncBody = SyncBundle.maximumBytes

    static let syncRoutes: [APIRoute] = [
        APIRoute(method: .get, path: "api/v1/sync/changes",
                 summary: "What this laptop holds for the tour's other laptops: every stop, session and person, and the consent changes, songs, contributions and versions that arrived after a cursor",
                 access: .sync,
                 query: [Parameter(name: "after", schema: .integer(minimum: 0, maximum: largest), about: "the upTo of the changes taken from here last time (everything when left out)", example: "0")],
                 replies: [Reply(status: 200, about: "The changes, with upTo: the cursor to ask after next time", schema: syncChanges)], handle: API.syncChangesOut),
        APIRoute(method: .post, path: "api/v1/sync/batch",
                 summary: "Take in another laptop's changes, whole or not at all; the same batch twice changes nothing",
                 access: .sync, body: syncChanges, maximumBody: syncBody,
                 example: #"{"format": 1, "tour": "0f3c9a7e5b2d4c6a8e1f3b5d7a9c2e4f", "archive": "7d2e4f6a8c1b3d5e7f9a2c4e6b8d1f3a", "madeAt": "2026-12-01T09:00:00Z", "stops": [], "sessions": [], "people": [], "consent": [], "songs": [], "contributions": [], "erasures": []}"#,
                 replies: [Reply(status: 200, about: "Taken in: what was new here", schema: syncReport)], handle: API.syncBatch),
    ]
}
