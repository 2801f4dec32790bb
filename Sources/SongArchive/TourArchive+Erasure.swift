import Foundation
import SongCore
import SongText

extension TourArchive {
    // MARK: - Erasure

    /// What an erasure took away here.
    public struct Erasure: Sendable, Equatable {
        /// Takes (recordings) erased.
        public var takes = 0
        /// Versions whose text named the person, rewritten without the name.
        public var versions = 0
    }

    /// Erases a person's private details on their request: their name (here and in every version that recorded
    /// it) and every take they are heard in. Their contributions stay, credited as their consent allows (without a
    /// name, at most by their age group). A tombstone is kept and synced, so neither a laptop that was away nor an
    /// old bundle can bring the details back.
    @discardableResult
    public func erase(_ id: String) throws(ArchiveError) -> Erasure {
        let done = try change("erase", detail: id) { db -> Erasure in
            guard let uid = try db.value("SELECT uid FROM contributor WHERE id = ?", [id], as: String.self) else {
                throw ArchiveError("no contributor with id \(id)", kind: .notFound)
            }
            try db.execute("""
                INSERT INTO erasure (personUID, at, madeIn, madeBy) VALUES (?, ?, (SELECT value FROM secret WHERE name = 'archive-id'), (SELECT label FROM writer))
                ON CONFLICT (personUID) DO NOTHING
                """, [uid, TourArchive.now])
            return try Self.applyErasure(of: id, db)
        }
        forgetErased()
        return done
    }

    /// Whether the person with global id `uid` has been erased here.
    static func isErased(_ uid: String, _ db: any SQLSession) throws -> Bool {
        try db.exists("SELECT 1 FROM erasure WHERE personUID = ?", [uid])
    }

    /// The erasure's work on this archive: the name goes from the person's row and from every version's text
    /// (each such version is written again without it, with its new digest, so no cache serves the old one), and
    /// their takes go.
    static func applyErasure(of id: String, _ db: any SQLSession) throws -> Erasure {
        var done = Erasure()
        try db.execute("UPDATE contributor SET name = NULL WHERE id = ?", [id])
        // The name itself, whichever organisation wrote it down: an erasure reaches every organisation's rows. (Read
        // first: it is cut out of the versions' free text below too.)
        let written: [String] = try TourArchive.asEveryone(db) { db in
            let names = try db.values("SELECT name FROM personalName WHERE contributorId = ?", [id], as: String.self)
            try db.execute("DELETE FROM personalName WHERE contributorId = ?", [id])
            return names
        }
        done.takes = try eraseTakes(by: id, db)
        // Only versions whose text names this person can hold their name (ids need no escaping in a directive).
        let marker = "id=\(id);"
        let position = db.dialect == .sqlite ? "instr" : "strpos"
        for row in try db.rows("SELECT id, songId, number, chordpro FROM version WHERE \(position)(chordpro, ?) > 0", [marker]) {
            let text: String = row[3] ?? ""
            guard var song = try? ChordProReader.read(text, name: "version").value.first,
                  song.provenance.contributors.contains(where: { $0.id == id && $0.name != nil }) else { continue }
            // Their name in free text ({composer: …}, a subtitle) goes too: once the name is erased, no projection
            // could find it there (as the text spelled it at the merge, and as it is kept now).
            let names = Set(written + song.provenance.contributors.filter { $0.id == id }.compactMap(\.name)).filter { $0.count >= 2 }
            for name in names.sorted() { song = song.erasingName(name) }
            song.provenance.contributors = song.provenance.contributors.map { p in
                var p = p
                if p.id == id { p.name = nil }
                return p
            }
            let rewritten = ChordProWriter.write(song)
            try db.execute("UPDATE version SET chordpro = ?, sha256 = ? WHERE id = ?", [rewritten, SHA256.hex(rewritten), row[0] as Int64? ?? 0])
            done.versions += 1
        }
        return done
    }

    /// Runs `body` seeing every organisation's private rows (on PostgreSQL, its policies set so for the while), then
    /// as the session's own viewer again.
    @discardableResult static func asEveryone<T>(_ db: any SQLSession, _ body: (any SQLSession) throws -> T) throws -> T {
        guard let viewed = db as? ViewedSession else { return try body(ViewedSession(base: db, viewer: .everyone)) }
        // (A session that sees everyone already needs no change of setting, nor one back.)
        return viewed.viewer == .everyone ? try body(viewed) : try viewed.acting(as: .everyone, body)
    }
}
