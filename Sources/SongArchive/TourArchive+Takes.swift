import Foundation
import SongCore

/// Takes: recordings kept beside the contributions made from them, as personal data. No public output reads them;
/// they go when a singer withdraws, or when asked (`eraseTakes`), and then their bytes are overwritten in the file.
extension TourArchive {
    /// Keeps a take of `song` by `singers`, with what the transcriber heard; returns its id.
    public func addTake(song: Int64, by singers: [String], section: String?, format: String, audio: Data, seconds: Double,
                        transcription: String) throws(ArchiveError) -> String {
        guard !singers.isEmpty else { throw ArchiveError("a take needs at least one singer", kind: .invalid) }
        guard ArchivedTake.format(of: audio) == format else {
            throw ArchiveError("a take is kept as a wav, flac or ogg file, and this is not a \(format.prefix(10)) file", kind: .invalid)
        }
        guard audio.count <= SongLimits.takeBytes else { throw ArchiveError("the take is larger than \(SongLimits.takeBytes >> 20) MB", kind: .tooLarge) }
        guard seconds.isFinite, seconds >= 0, seconds <= SongLimits.takeSeconds else {
            throw ArchiveError("the take is longer than \(Int(SongLimits.takeSeconds / 60)) minutes", kind: .tooLarge)
        }
        if let section, let problem = OneLineText.problem(section, what: "the section") { throw ArchiveError(problem, kind: .invalid) }
        let id = ArchivedTake.newID()
        return try change("take", detail: "song \(song) \(id)") { db in
            guard try db.exists("SELECT 1 FROM song WHERE id = ?", [song]) else { throw ArchiveError("no song with id \(song)", kind: .notFound) }
            for p in singers where try !Contributor.exists(p, in: db) { throw ArchiveError("no contributor with id \(p)", kind: .notFound) }
            // A withdrawn person's voice is not kept.
            for p in singers where try db.value("SELECT consent FROM contributor WHERE id = ?", [p], as: String.self) == Consent.withdrawn.rawValue {
                throw ArchiveError("\(p) has withdrawn; their voice is not kept", kind: .invalid)
            }
            try db.execute("INSERT INTO take (id, songId, section, format, seconds, transcription, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [id, song, section, format, seconds, transcription, TourArchive.now])
            try db.execute("INSERT INTO takeAudio (takeId, bytes) VALUES (?, ?)", [id, audio])
            for p in Set(singers).sorted() { try db.execute("INSERT INTO takeSinger (takeId, contributorId) VALUES (?, ?)", [id, p]) }
            return id
        }
    }

    /// A take, without its audio.
    public func take(_ id: String) throws(ArchiveError) -> ArchivedTake {
        guard let take = try query({ db in try Self.takes(db, where: "t.id = ?", [id]).first }) else { throw ArchiveError("no take \(id)", kind: .notFound) }
        return take
    }

    /// A song's takes, oldest first, without their audio.
    public func takes(song: Int64) throws(ArchiveError) -> [ArchivedTake] {
        try query { db in try Self.takes(db, where: "t.songId = ?", [song]) }
    }

    /// How many takes each person is heard in (people in none are left out).
    public func takeCounts() throws(ArchiveError) -> [String: Int] {
        try query { db in
            Dictionary(try db.rows("SELECT contributorId, COUNT(*) AS n FROM takeSinger GROUP BY contributorId").map {
                ($0[0] as String? ?? "", $0[1] as Int? ?? 0)
            }, uniquingKeysWith: +)
        }
    }

    /// A take's audio, as it was given.
    public func takeAudio(_ id: String) throws(ArchiveError) -> Data {
        guard let bytes = try query({ db in try db.value("SELECT bytes FROM takeAudio WHERE takeId = ?", [id], as: Data.self) }) else {
            throw ArchiveError("no take \(id)", kind: .notFound)
        }
        return bytes
    }

    /// Erases every take `person` is heard in (a group's take with them in it too: one voice cannot be taken out of
    /// a recording); the contributions made from them keep their notes. Returns how many went.
    @discardableResult
    public func eraseTakes(by person: String) throws(ArchiveError) -> Int {
        let erased = try change("erase-takes", detail: person) { db in
            guard try Contributor.exists(person, in: db) else { throw ArchiveError("no contributor with id \(person)", kind: .notFound) }
            return try Self.eraseTakes(by: person, db)
        }
        if erased > 0 { forgetErased() }
        return erased
    }

    /// Erases one take (a facilitator's choice, or a contribution from it that could not be saved).
    public func eraseTake(_ id: String) throws(ArchiveError) {
        try change("erase-take", detail: id) { db in
            guard try db.execute("DELETE FROM take WHERE id = ?", [id]) == 1 else { throw ArchiveError("no take \(id)", kind: .notFound) }
        }
        forgetErased()
    }

    /// Inside a write: deletes `person`'s takes (their contributions' references are cleared by the schema).
    static func eraseTakes(by person: String, _ db: any SQLSession) throws -> Int {
        try db.execute("DELETE FROM take WHERE id IN (SELECT takeId FROM takeSinger WHERE contributorId = ?)", [person])
    }

    /// After an erasure: the write-ahead log still holds the erased pages as they were written, so it is
    /// checkpointed into the file (where secure_delete has zeroed them) and truncated. A reader holding the log
    /// open can stop the truncation; the next checkpoint then finishes it.
    func forgetErased() {
        // (PostgreSQL has no such log of ours: VACUUM reclaims a deleted row's space in its own time.)
        (backend as? SQLiteBackend)?.truncateLog()
    }

    static func takes(_ db: any SQLSession, where condition: String, _ arguments: [any SQLBindable]) throws -> [ArchivedTake] {
        // (Takes made in one second keep the order they arrived in.)
        let singers = db.dialect == .sqlite ? "group_concat(contributorId, ' ')" : "string_agg(contributorId, ' ')"
        return try db.rows("""
            SELECT t.id, t.songId, t.section, t.format, t.seconds, t.transcription, t.createdAt,
                   (SELECT \(singers) FROM takeSinger s WHERE s.takeId = t.id) AS singers
            FROM take t WHERE \(condition) ORDER BY t.createdAt, t.arrived
            """, arguments).map { row in
            ArchivedTake(id: row[0] ?? "", song: row[1] ?? 0, section: row[2],
                         singers: ((row[7] as String?) ?? "").split(separator: " ").map(String.init).sorted(),
                         format: row[3] ?? "", seconds: row[4] ?? 0, transcription: row[5] ?? "", createdAt: row[6] ?? "")
        }
    }
}
