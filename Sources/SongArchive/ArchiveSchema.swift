import Foundation
import GRDB
import SongCore

/// The archive's tables, created and changed only by numbered migrations so every earlier file can be brought up.
enum ArchiveSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "stop") { t in
                t.primaryKey("id", .text)
                t.column("place", .text).notNull()
                t.column("nation", .text).notNull()
                t.column("venue", .text).notNull()
                t.column("date", .text)
                t.column("partners", .text).notNull().defaults(to: "")
            }
            try db.create(table: "session") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("stop", onDelete: .restrict).notNull()
                t.column("date", .text)
                t.column("notes", .text)
            }
            try db.create(table: "contributor") { t in
                t.primaryKey("id", .text)
                t.column("name", .text)
                t.column("generation", .text).notNull()
                t.column("role", .text).notNull()
                t.column("consent", .text).notNull()
                t.column("guardianConsent", .boolean).notNull().defaults(to: false)
                t.column("notes", .text)
            }
            try db.create(table: "song") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("title", .text).notNull()
                t.belongsTo("stop", onDelete: .restrict)
                t.column("key", .text)
                t.column("meter", .text)
                t.column("themes", .text).notNull().defaults(to: "")
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "contribution") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("song", onDelete: .cascade).notNull()
                t.column("kind", .text).notNull()
                t.column("payload", .text).notNull()
                t.column("section", .text)
                t.column("line", .integer)
                t.column("status", .text).notNull()
                t.column("mergedIn", .integer)
                t.belongsTo("session", onDelete: .setNull)
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "contributionContributor") { t in
                t.belongsTo("contribution", onDelete: .cascade).notNull()
                t.belongsTo("contributor", onDelete: .restrict).notNull()
                t.primaryKey(["contributionId", "contributorId"])
            }
            try db.create(table: "version") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("song", onDelete: .cascade).notNull()
                t.column("number", .integer).notNull()
                t.column("parentNumber", .integer)
                t.column("chordpro", .text).notNull()
                t.column("report", .text).notNull()
                t.column("holdsWithdrawn", .boolean).notNull().defaults(to: false)
                t.column("createdAt", .text).notNull()
                t.uniqueKey(["songId", "number"])
            }
            try db.create(table: "render") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("version", onDelete: .cascade).notNull()
                t.column("options", .text).notNull()
                t.column("path", .text).notNull()
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .text).notNull()
                t.column("action", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("source", .text).notNull()
            }
            // Full-text search over titles, words, places and themes; diacritics folded so ŵ finds w (Welsh).
            try db.create(virtualTable: "songSearch", using: FTS5()) { t in
                t.tokenizer = .unicode61(diacritics: .remove)
                t.column("title")
                t.column("words")
                t.column("place")
                t.column("themes")
            }
        }
        // Song lists are read a page at a time in title order (the server's list and home page).
        m.registerMigration("v2-title-index") { db in
            try db.create(index: "songByTitle", on: "song", columns: ["title", "id"])
        }
        // Facilitator tokens, stored hashed; and the style a song is arranged in, for filtering.
        m.registerMigration("v3-tokens-style") { db in
            try db.create(table: "token") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("hash", .text).notNull().unique()
                t.column("label", .text).notNull()
                t.column("createdAt", .text).notNull()
                t.column("revokedAt", .text)
            }
            try db.alter(table: "song") { t in t.add(column: "style", .text) }
        }
        // Each version carries the SHA-256 of its text, checked whenever it is read: a damaged version is reported
        // and never parsed or built on. Versions written before are given theirs now.
        m.registerMigration("v4-version-checksum") { db in
            try db.alter(table: "version") { t in t.add(column: "sha256", .text) }
            for row in try Row.fetchAll(db, sql: "SELECT id, chordpro FROM version") {
                try db.execute(sql: "UPDATE version SET sha256 = ? WHERE id = ?", arguments: [SHA256.hex(row["chordpro"] as String), row["id"] as Int64])
            }
        }
        // A random key, made once, from which each person's public id is derived (`TourArchive.publicID`): opaque,
        // the same in every public output, and not to be worked back to the archive's own id without the file.
        m.registerMigration("v5-public-id-key") { db in
            try db.create(table: "secret") { t in
                t.primaryKey("name", .text)
                t.column("value", .text).notNull()
            }
            var generator = SystemRandomNumberGenerator()
            let key = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
            try db.execute(sql: "INSERT INTO secret (name, value) VALUES ('public-id', ?)", arguments: [key])
        }
        // What was made and never used goes: the render table (renders are cached as files by the server, never
        // here) and the contributor's notes (never written, never read). A version's parentNumber stays: it is
        // written with every version, and the sync of laptops (branches of a song) is where it will be read.
        m.registerMigration("v6-drop-unused") { db in
            try db.drop(table: "render")
            try db.alter(table: "contributor") { t in t.drop(column: "notes") }
        }
        // Takes: the recordings a tune was sung, hummed or played in, kept so it can be transcribed again. A voice
        // is personal data, so takes sit apart from the contribution log: a contribution refers to its take, and
        // when the take is erased (its singer withdrew or asked) the reference is cleared and the notes stay.
        m.registerMigration("v7-takes") { db in
            try db.create(table: "take") { t in
                t.primaryKey("id", .text)
                t.belongsTo("song", onDelete: .cascade).notNull()
                t.column("section", .text)
                t.column("format", .text).notNull()
                t.column("seconds", .double).notNull()
                t.column("transcription", .text).notNull()
                t.column("createdAt", .text).notNull()
            }
            // The audio in a table of its own, so listing takes never reads it.
            try db.create(table: "takeAudio") { t in
                t.primaryKey { t.belongsTo("take", onDelete: .cascade) }
                t.column("bytes", .blob).notNull()
            }
            try db.create(table: "takeSinger") { t in
                t.belongsTo("take", onDelete: .cascade).notNull()
                t.belongsTo("contributor", onDelete: .restrict).notNull()
                t.primaryKey(["takeId", "contributorId"])
            }
            try db.create(index: "takeSingerByContributor", on: "takeSinger", columns: ["contributorId"])
            try db.alter(table: "contribution") { t in t.add(column: "takeId", .text).references("take", onDelete: .setNull) }
        }
        // The melodic index: every version's tunes (as the public may see them) and the reference tunebooks'
        // tunes, each as its shape (intervals, rhythm ratios, bars). Reference tunebooks are a collection apart from
        // the tour's songs and can be removed whole. `tuneIndexGeneration` counts changes to the index, so a
        // search holding it in memory knows when to read it again (from any process).
        m.registerMigration("v8-melodic-index") { db in
            try db.create(table: "referenceCollection") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("source", .text).notNull()
                t.column("importedAt", .text).notNull()
            }
            try db.create(table: "referenceTune") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("collection", inTable: "referenceCollection", onDelete: .cascade).notNull()
                t.column("number", .integer)
                t.column("title", .text).notNull()
                t.column("abc", .text).notNull()
            }
            try db.create(table: "tuneShape") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("song", onDelete: .cascade)
                t.column("version", .integer)
                t.column("section", .text)
                t.belongsTo("referenceTune", onDelete: .cascade)
                t.column("shape", .blob).notNull()
            }
            try db.create(table: "tuneIndexGeneration") { t in
                t.column("value", .integer).notNull()
            }
            try db.execute(sql: "INSERT INTO tuneIndexGeneration (value) VALUES (0)")
            // Songs already in the archive are indexed now.
            for song in try Int64.fetchAll(db, sql: "SELECT id FROM song ORDER BY id") {
                try? TourArchive.indexTunes(of: song, db)
            }
        }
        // A tour across laptops (sync): every record gets a global id, random (ids reach public links, and a
        // time-ordered one would tell when a child was registered), and says where it was made: the archive's own
        // id and who was writing (the CLI command, or the server). Local numbers stay for display on one laptop.
        // Consent becomes a dated history (`consentChange`) so changes made apart can be joined; the contributor's
        // `consent` column stays as the history's decision. The tour's id is shared by every laptop of a tour.
        m.registerMigration("v9-sync") { db in
            for name in ["archive-id", "tour-id"] {
                try db.execute(sql: "INSERT INTO secret (name, value) VALUES (?, ?)", arguments: [name, ArchiveSchema.randomUID()])
            }
            // Who is writing: set at the start of every write transaction (TourArchive.write).
            try db.create(table: "writer") { t in
                t.column("label", .text).notNull()
            }
            try db.execute(sql: "INSERT INTO writer (label) VALUES ('migration')")
            let archiveID = try String.fetchOne(db, sql: "SELECT value FROM secret WHERE name = 'archive-id'") ?? ""
            for table in syncedTables {
                try db.alter(table: table) { t in
                    t.add(column: "uid", .text)
                    t.add(column: "madeIn", .text)
                    t.add(column: "madeBy", .text)
                }
                for rowid in try Int64.fetchAll(db, sql: "SELECT rowid FROM \(table)") {
                    try db.execute(sql: "UPDATE \(table) SET uid = ?, madeIn = ?, madeBy = 'before sync' WHERE rowid = ?", arguments: [randomUID(), archiveID, rowid])
                }
                try db.create(index: "\(table)ByUID", on: table, columns: ["uid"], unique: true)
                // A row written without a uid (every write but a sync's) gets one here, with its origin.
                try db.execute(sql: """
                    CREATE TRIGGER \(table)Origin AFTER INSERT ON \(table) WHEN NEW.uid IS NULL BEGIN
                      UPDATE \(table) SET uid = lower(hex(randomblob(16))), madeIn = (SELECT value FROM secret WHERE name = 'archive-id'),
                        madeBy = (SELECT label FROM writer) WHERE rowid = NEW.rowid;
                    END
                    """)
            }
            try db.create(table: "consentChange") { t in
                t.primaryKey("uid", .text)
                t.belongsTo("contributor", onDelete: .cascade).notNull()
                t.column("consent", .text).notNull()
                t.column("guardian", .boolean)
                t.column("at", .text).notNull()
                t.column("supersedes", .text).notNull().defaults(to: "")
                t.column("madeIn", .text)
                t.column("madeBy", .text)
            }
            try db.create(index: "consentChangeByContributor", on: "consentChange", columns: ["contributorId"])
            // Erasures, by the person's global id: a tombstone that syncs, so a laptop that was away, or an old
            // bundle, cannot bring an erased person's details back.
            try db.create(table: "erasure") { t in
                t.primaryKey("personUID", .text)
                t.column("at", .text).notNull()
                t.column("madeIn", .text)
                t.column("madeBy", .text)
            }
            // The order records arrived here in (made here, or brought by a sync): a network sync asks for what
            // arrived after the last it had (a record's own date is its maker's clock, and a relayed one is old).
            // A contribution's review counts as arriving again.
            try db.create(table: "syncClock") { t in t.column("value", .integer).notNull() }
            try db.execute(sql: "INSERT INTO syncClock (value) VALUES (0)")
            try db.create(table: "syncPeer") { t in
                t.primaryKey("url", .text)
                t.column("pushedUpTo", .integer).notNull().defaults(to: 0)
                t.column("pulledUpTo", .integer).notNull().defaults(to: 0)
            }
            for table in syncedTables + ["consentChange", "erasure"] {
                try db.alter(table: table) { t in t.add(column: "arrived", .integer).notNull().defaults(to: 0) }
                try db.execute(sql: """
                    CREATE TRIGGER \(table)Arrived AFTER INSERT ON \(table) BEGIN
                      UPDATE syncClock SET value = value + 1;
                      UPDATE \(table) SET arrived = (SELECT value FROM syncClock) WHERE rowid = NEW.rowid;
                    END
                    """)
                try db.create(index: "\(table)ByArrival", on: table, columns: ["arrived"])
                // What was here before arrived first.
                try db.execute(sql: "UPDATE \(table) SET arrived = 1")
            }
            try db.execute(sql: "UPDATE syncClock SET value = 1")
            try db.execute(sql: """
                CREATE TRIGGER contributionReviewed AFTER UPDATE OF status ON contribution WHEN OLD.status IS NOT NEW.status BEGIN
                  UPDATE syncClock SET value = value + 1;
                  UPDATE contribution SET arrived = (SELECT value FROM syncClock) WHERE rowid = NEW.rowid;
                END
                """)
            // Each person's consent so far becomes the first change of their history.
            for row in try Row.fetchAll(db, sql: "SELECT id, consent, guardianConsent FROM contributor") {
                try db.execute(sql: "INSERT INTO consentChange (uid, contributorId, consent, guardian, at, madeIn, madeBy) VALUES (?, ?, ?, ?, ?, ?, 'before sync')",
                               arguments: [randomUID(), row["id"] as String, row["consent"] as String, row["guardianConsent"] as Bool, TourArchive.now, archiveID])
            }
        }
        // Versions as a graph, so laptops that merged the same song apart keep both versions as branches: each
        // version names its parents by global id (two or more when a merge joined branches), and the
        // contributions it merged, by global id too, so the next merge knows what a branch already holds.
        // `parentNumber` stays as the local number of the first parent.
        m.registerMigration("v10-version-graph") { db in
            try db.alter(table: "version") { t in
                t.add(column: "parents", .text).notNull().defaults(to: "")
                t.add(column: "merged", .text).notNull().defaults(to: "")
            }
            try db.execute(sql: """
                UPDATE version SET parents = COALESCE((SELECT p.uid FROM version p WHERE p.songId = version.songId AND p.number = version.parentNumber), '')
                """)
            try db.execute(sql: """
                UPDATE version SET merged = COALESCE((SELECT group_concat(uid, ' ') FROM (SELECT c.uid FROM contribution c
                    WHERE c.songId = version.songId AND c.mergedIn = version.number ORDER BY c.uid)), '')
                """)
        }
        // Partner organisations, and private details kept apart from what everyone may see: a person's name in
        // `personalName` and a session's notes in `sessionNote`, each with the organisation whose facilitator wrote it
        // (none: the archive's own). The person's row keeps only as much of the name as consent shows.
        m.registerMigration("v11-organisations") { db in
            try db.execute(sql: TourArchive.organisationsSchema(integer: "INTEGER"))
            try TourArchive.narrowStoredNames(db)
        }
        // A number every write adds one to (`SQLiteBackend.write`), so a server can tell at one read whether anything
        // it answered from memory may have changed, whichever process wrote (`TourArchive.generation`).
        m.registerMigration("v12-generation") { db in
            try db.execute(sql: "CREATE TABLE archiveGeneration (value INTEGER NOT NULL); INSERT INTO archiveGeneration (value) VALUES (0)")
        }
        // Search rows that a partner's write may have left with a name the public may not see.
        m.registerMigration("v13-search-as-the-public-sees") { db in
            try TourArchive.indexWordsAgainWhereShared(db)
        }
        return m
    }

    /// The tables whose rows have global ids.
    static let syncedTables = ["stop", "session", "contributor", "song", "contribution", "version", "take"]

    /// A global id: 128 random bits from the system's generator, as 32 hex digits. Random, not time-ordered.
    static func randomUID() -> String {
        var generator = SystemRandomNumberGenerator()
        let (a, b) = (UInt64.random(in: .min ... .max, using: &generator), UInt64.random(in: .min ... .max, using: &generator))
        return [a, b].map { let d = String($0, radix: 16); return String(repeating: "0", count: 16 - d.count) + d }.joined()
    }
}

extension TourArchive {
    /// The tables of partner organisations and of the private details kept apart, with the existing names and notes
    /// moved into them: the same on both engines but for the name of a 64-bit integer (a migration's text, which
    /// stays as it is once released).
    public static func organisationsSchema(integer: String) -> String {
        """
        CREATE TABLE organisation (uid TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, createdAt TEXT NOT NULL);
        ALTER TABLE token ADD COLUMN organisation TEXT REFERENCES organisation(uid);
        CREATE TABLE personalName (
          contributorId TEXT PRIMARY KEY REFERENCES contributor(id) ON DELETE CASCADE ON UPDATE CASCADE,
          organisation TEXT, name TEXT NOT NULL);
        CREATE TABLE sessionNote (
          sessionId \(integer) PRIMARY KEY REFERENCES session(id) ON DELETE CASCADE, organisation TEXT, notes TEXT NOT NULL);
        INSERT INTO personalName (contributorId, name) SELECT id, name FROM contributor WHERE name IS NOT NULL AND name <> '';
        INSERT INTO sessionNote (sessionId, notes) SELECT id, notes FROM session WHERE notes IS NOT NULL AND notes <> '';
        UPDATE session SET notes = NULL;
        """
    }

    /// Makes every person's row keep only as much of their name as their consent shows (the name itself having
    /// been copied to `personalName`): the step both engines' migrations to organisations take.
    public static func narrowStoredNames(_ db: any SQLSession) throws {
        for row in try db.rows("SELECT id, name, generation, role, consent, guardianConsent FROM contributor WHERE name IS NOT NULL") {
            let person = Contributor(sqlRow: row)
            if person.shownName != person.name { try db.execute("UPDATE contributor SET name = ? WHERE id = ?", [person.shownName, person.id]) }
        }
    }
}
