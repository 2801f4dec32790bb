import SongCore

/// A person as a row of the `contributor` table: the one mapping, both ways, on either engine. A value the archive
/// does not know (from a file edited by hand) reads as the most private one: unknown generation, anonymous.
extension Contributor {
    /// The columns `init(sqlRow:)` reads, in order.
    static let columns = "id, name, generation, role, consent, guardianConsent"

    /// A person from a row of `SELECT \(Contributor.columns) FROM contributor` on either engine.
    init(sqlRow row: SQLRow) {
        self.init(id: row[0] ?? "", name: row[1], generation: Generation(rawValue: row[2] ?? "") ?? .unknown,
                  role: Role(rawValue: row[3] ?? "") ?? .participant, consent: Consent(rawValue: row[4] ?? "") ?? .anonymous,
                  guardianConsent: row[5] ?? false)
    }

    /// Writes the person as a new row.
    func insert(into db: any SQLSession) throws {
        try db.execute("INSERT INTO contributor (\(Contributor.columns)) VALUES (?, ?, ?, ?, ?, ?)",
                       [id, name, generation.rawValue, role.rawValue, consent.rawValue, guardianConsent])
    }

    static func exists(_ id: String, in db: any SQLSession) throws -> Bool {
        try db.exists("SELECT 1 FROM contributor WHERE id = ?", [id])
    }
}
