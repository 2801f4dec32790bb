import SongCore

/// A person as a row of the `contributor` table, with their name from `personalName` where the session's viewer may
/// read it: the one mapping, both ways, on either engine. The `contributor` row keeps only as much of the name as
/// consent shows (`shownName`), which every organisation may see; the name itself is private to the organisation
/// whose facilitator wrote it down. A value the archive does not know (from a file edited by hand) reads as the
/// most private one: unknown generation, anonymous.
extension Contributor {
    /// The statement that reads people for `db`'s viewer, as `init(sqlRow:)` reads them (`p` is the person's row:
    /// add `WHERE p.id = ?` and the like).
    static func selection(_ db: any SQLSession) -> String {
        """
        SELECT p.id, COALESCE(n.name, p.name), p.generation, p.role, p.consent, p.guardianConsent
        FROM contributor p LEFT JOIN personalName n ON n.contributorId = p.id AND \(db.viewer.sees("n"))
        """
    }

    /// A person from a row of `selection`, on either engine.
    init(sqlRow row: SQLRow) {
        self.init(id: row[0] ?? "", name: row[1], generation: Generation(rawValue: row[2] ?? "") ?? .unknown,
                  role: Role(rawValue: row[3] ?? "") ?? .participant, consent: Consent(rawValue: row[4] ?? "") ?? .anonymous,
                  guardianConsent: row[5] ?? false)
    }

    /// Writes the person as a new row: the name as far as consent shows it, and the name itself kept apart, as the
    /// writing organisation's.
    func insert(into db: any SQLSession) throws {
        try db.execute("INSERT INTO contributor (id, name, generation, role, consent, guardianConsent) VALUES (?, ?, ?, ?, ?, ?)",
                       [id, shownName, generation.rawValue, role.rawValue, consent.rawValue, guardianConsent])
        if let name, !name.isEmpty {
            try db.execute("INSERT INTO personalName (contributorId, organisation, name) VALUES (?, ?, ?)", [id, db.viewer.writesAs, name])
        }
    }

    /// One person as `db`'s viewer may see them.
    static func read(_ id: String, _ db: any SQLSession) throws -> Contributor? {
        try db.row("\(selection(db)) WHERE p.id = ?", [id]).map(Contributor.init(sqlRow:))
    }

    static func exists(_ id: String, in db: any SQLSession) throws -> Bool {
        try db.exists("SELECT 1 FROM contributor WHERE id = ?", [id])
    }
}
