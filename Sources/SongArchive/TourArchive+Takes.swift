import Foundation
import GRDB
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
        return try write("take", detail: "song \(song) \(id)") { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM song WHERE id = ?", arguments: [song]) != nil else { throw ArchiveError("no song with id \(song)", kind: .notFound) }
            for p in singers where try !Contributor.exists(db, key: p) { throw ArchiveError("no contributor with id \(p)", kind: .notFound) }
            // A withdrawn person's voice is not kept.
            if let p = try String.fetchOne(db, sql: "SELECT id FROM contributor WHERE consent = 'withdrawn' AND id IN (\(singers.map { _ in "?" }.joined(separator: ",")))",
                                           arguments: StatementArguments(singers)) {
                throw ArchiveError("\(p) has withdrawn; their voice is not kept", kind: .invalid)
            }
            try db.execute(sql: "INSERT INTO take (id, songId, section, format, seconds, transcription, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [id, song, section, format, seconds, transcription, TourArchive.now])
            try db.execute(sql: "INSERT INTO takeAudio (takeId, bytes) VALUES (?, ?)", arguments: [id, audio])
            for p in Set(singers) { try db.execute(sql: "INSERT INTO takeSinger (takeId, contributorId) VALUES (?, ?)", arguments: [id, p]) }
            return id
        }
    }

    /// A take, without its audio.
    public func take(_ id: String) throws(ArchiveError) -> ArchivedTake {
        guard let take = try read({ db in try Self.takes(db, where: "t.id = ?", [id]).first }) else { throw ArchiveError("no take \(id)", kind: .notFound) }
        return take
    }

    /// A song's takes, oldest first, without their audio.
    public func takes(song: Int64) throws(ArchiveError) -> [ArchivedTake] {
        try read { db in try Self.takes(db, where: "t.songId = ?", [song]) }
    }

    /// How many takes each person is heard in (people in none are left out).
    public func takeCounts() throws(ArchiveError) -> [String: Int] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT contributorId, COUNT(*) AS n FROM takeSinger GROUP BY contributorId").map {
                ($0["contributorId"] as String, $0["n"] as Int)
            })
        }
    }

    /// A take's audio, as it was given.
    public func takeAudio(_ id: String) throws(ArchiveError) -> Data {
        guard let bytes = try read({ db in try Data.fetchOne(db, sql: "SELECT bytes FROM takeAudio WHERE takeId = ?", arguments: [id]) }) else {
            throw ArchiveError("no take \(id)", kind: .notFound)
        }
        return bytes
    }

    /// Erases every take `person` is heard in (a group's take with them in it too: one voice cannot be taken out of
    /// a recording); the contributions made from them keep their notes. Returns how many went.
    @discardableResult
    public func eraseTakes(by person: String) throws(ArchiveError) -> Int {
        let erased = try write("erase-takes", detail: person) { db in
            guard try Contributor.exists(db, key: person) else { throw ArchiveError("no contributor with id \(person)", kind: .notFound) }
            return try Self.eraseTakes(by: person, db)
        }
        if erased > 0 { forgetErased() }
        return erased
    }

    /// Erases one take (a facilitator's choice, or a contribution from it that could not be saved).
    public func eraseTake(_ id: String) throws(ArchiveError) {
        try write("erase-take", detail: id) { db in
            try db.execute(sql: "DELETE FROM take WHERE id = ?", arguments: [id])
            guard db.changesCount == 1 else { throw ArchiveError("no take \(id)", kind: .notFound) }
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
        guard let pool = (backend as? SQLiteBackend)?.pool else { return }
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    static func takes(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [ArchivedTake] {
        try Row.fetchAll(db, sql: """
            SELECT t.id, t.songId, t.section, t.format, t.seconds, t.transcription, t.createdAt,
                   (SELECT group_concat(contributorId, ' ') FROM takeSinger s WHERE s.takeId = t.id) AS singers
            FROM take t WHERE \(condition) ORDER BY t.createdAt, t.rowid
            """, arguments: arguments).map { row in
            ArchivedTake(id: row["id"], song: row["songId"], section: row["section"],
                         singers: ((row["singers"] as String?) ?? "").split(separator: " ").map(String.init).sorted(),
                         format: row["format"], seconds: row["seconds"], transcription: row["transcription"], createdAt: row["createdAt"])
        }
    }
}
