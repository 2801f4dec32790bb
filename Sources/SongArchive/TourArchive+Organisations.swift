import SongCore

extension TourArchive {
    // MARK: - Partner organisations

    /// Adds a partner organisation by name; returns it, with its new global id.
    @discardableResult
    public func addOrganisation(name: String) throws(ArchiveError) -> Organisation {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ArchiveError("an organisation needs a name", kind: .invalid) }
        if let problem = OneLineText.problem(name, what: "an organisation's name", maxLength: 200) { throw ArchiveError(problem, kind: .invalid) }
        let made = Organisation(uid: ArchiveSchema.randomUID(), name: name, createdAt: TourArchive.now)
        try change("organisation add", detail: name) { db in
            guard try !db.exists("SELECT 1 FROM organisation WHERE name = ?", [name]) else {
                throw ArchiveError("there is already an organisation named '\(name)'", kind: .conflict)
            }
            try db.execute("INSERT INTO organisation (uid, name, createdAt) VALUES (?, ?, ?)", [made.uid, made.name, made.createdAt])
        }
        return made
    }

    /// Every partner organisation, by name.
    public func organisations() throws(ArchiveError) -> [Organisation] {
        try query { db in
            try db.rows("SELECT uid, name, createdAt FROM organisation ORDER BY name").map { Organisation(uid: $0[0] ?? "", name: $0[1] ?? "", createdAt: $0[2] ?? "") }
        }
    }

    /// The organisation named `nameOrID` (its name, or its global id).
    public func organisation(_ nameOrID: String) throws(ArchiveError) -> Organisation {
        let found = try query { db in
            try db.row("SELECT uid, name, createdAt FROM organisation WHERE name = ? OR uid = ?", [nameOrID, nameOrID])
                .map { Organisation(uid: $0[0] ?? "", name: $0[1] ?? "", createdAt: $0[2] ?? "") }
        }
        guard let found else {
            throw ArchiveError("no organisation '\(OneLineText.safe(String(nameOrID.prefix(100))))' (songbridge organisation add makes one)", kind: .notFound)
        }
        return found
    }
}
