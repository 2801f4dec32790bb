import GRDB
import SongCore

/// A person as a row of the `contributor` table: the one mapping, both ways. A value the archive does not know
/// (from a file edited by hand) reads as the most private one: unknown generation, anonymous.
extension Contributor: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "contributor" }

    public init(row: Row) throws {
        self.init(id: row["id"], name: row["name"], generation: Generation(rawValue: row["generation"]) ?? .unknown,
                  role: Role(rawValue: row["role"]) ?? .participant, consent: Consent(rawValue: row["consent"]) ?? .anonymous,
                  guardianConsent: row["guardianConsent"])
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["name"] = name
        container["generation"] = generation.rawValue
        container["role"] = role.rawValue
        container["consent"] = consent.rawValue
        container["guardianConsent"] = guardianConsent
    }
}
