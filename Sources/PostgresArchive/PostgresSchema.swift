import Foundation
import SongArchive

/// The archive's tables on PostgreSQL: the shape the SQLite file's migrations arrive at (`ArchiveSchema`), written
/// for PostgreSQL, so the same statements read and write both. Differences, each kept small:
/// - names are unquoted, so `songId` is stored as `songid` (rows are read by position or by name in any case);
/// - flags are integers (0 or 1), as in SQLite, so `holdsWithdrawn = 1` reads both;
/// - `writer` is a view of the transaction's own setting, since writes run side by side here;
/// - private details (`personalName`, `sessionNote`) are behind row-level security: a transaction sees the rows of
///   the organisation named in its `songbridge.organisation` setting (`*` all, `home` the archive's own, empty
///   none), forced on the tables' owner too. Superusers pass every policy, so the server must connect as a role
///   that is not one (the README's setup makes one);
/// - full-text search is a `tsvector` under a configuration that folds diacritics with `unaccent` (as FTS5's
///   `remove_diacritics` does: "dwr" finds "Dŵr") and does not stem (nor does FTS5's unicode61);
/// - a record's arrival number comes from `syncClock`'s one row, whose lock the writing transaction holds until it
///   commits, so arrival numbers follow commit order and a sync's cursor never skips a record committed late. The
///   row is read and locked once per transaction, the numbers counted on in the transaction's own setting
///   `songbridge.arrival`, and the last written back once before the commit (`writeBackClock`): updating the
///   row for each record left one dead copy of it per record in the transaction, and each update read them all,
///   so a 10,000-record sync took half a minute.
enum PostgresSchema {
    /// The migrations, in order; a database that has one not listed here was written by a newer Songbridge.
    static let migrations: [(name: String, sql: String, then: (@Sendable (any SQLSession) throws -> Void)?)] = [
        ("pg1", pg1, nil), ("pg2", pg2, nil),
        ("pg3", pg3, { db in
            // (Reading the names moved under the new policies needs the setting that lets everything through.)
            try db.execute("SELECT set_config('songbridge.organisation', '*', true)")
            try TourArchive.narrowStoredNames(db)
            try db.execute("SELECT set_config('songbridge.organisation', '', true)")
        }),
        ("pg4", pg4, nil),
        ("pg5", "", { db in
            // Search rows that a partner's write may have left with a name the public may not see, made again
            // seeing every organisation's names (`TourArchive.indexWordsAgainWhereShared`).
            try db.execute("SELECT set_config('songbridge.organisation', '*', true)")
            try TourArchive.indexWordsAgainWhereShared(db)
            try db.execute("SELECT set_config('songbridge.organisation', '', true)")
        }),
    ]

    static func migrate(_ backend: PostgresBackend) throws(ArchiveError) {
        try backend.write { db in
            // One process migrates at a time; the others wait here, then find the work done.
            try db.execute("SELECT pg_advisory_xact_lock(8172635)")
            try db.execute("CREATE TABLE IF NOT EXISTS songbridgeSchema (name TEXT PRIMARY KEY, appliedAt TIMESTAMPTZ NOT NULL DEFAULT now())")
            let applied = Set(try db.values("SELECT name FROM songbridgeSchema", as: String.self))
            let known = Set(migrations.map(\.name))
            if !applied.isSubset(of: known) {
                throw ArchiveError("\(backend.location) was written by a newer Songbridge (schema \(applied.subtracting(known).sorted().joined(separator: ", "))); update Songbridge to open it", kind: .invalid)
            }
            for migration in migrations where !applied.contains(migration.name) {
                // One statement at a time: a prepared statement holds one.
                for statement in statements(in: migration.sql) { try db.execute(statement) }
                try migration.then?(db)
                try db.execute("INSERT INTO songbridgeSchema (name) VALUES (?)", [migration.name])
            }
        }
    }

    /// A script's statements: split after each line that ends in `;`, outside `$$` bodies (the scripts here keep
    /// to that layout; none has a `?`, which the session would read as a parameter).
    static func statements(in script: String) -> [String] {
        var statements: [String] = []
        var current: [Substring] = []
        var inBody = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("--") && current.isEmpty { continue }
            current.append(line)
            if line.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody && trimmed.hasSuffix(";") {
                statements.append(current.joined(separator: "\n"))
                current = []
            }
        }
        let rest = current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }

    static let pg1 = """
        CREATE EXTENSION IF NOT EXISTS unaccent;
        CREATE TEXT SEARCH CONFIGURATION songbridge (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION songbridge ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

        CREATE TABLE secret (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO secret (name, value) VALUES
          ('public-id', replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')),
          ('archive-id', replace(gen_random_uuid()::text, '-', '')),
          ('tour-id', replace(gen_random_uuid()::text, '-', ''));
        CREATE VIEW writer AS SELECT COALESCE(current_setting('songbridge.writer', true), 'unknown') AS label;
        CREATE TABLE syncClock (value BIGINT NOT NULL);
        INSERT INTO syncClock (value) VALUES (1);
        CREATE TABLE tuneIndexGeneration (value BIGINT NOT NULL);
        INSERT INTO tuneIndexGeneration (value) VALUES (0);

        CREATE TABLE stop (
          id TEXT PRIMARY KEY, place TEXT NOT NULL, nation TEXT NOT NULL, venue TEXT NOT NULL, date TEXT,
          partners TEXT NOT NULL DEFAULT '',
          uid TEXT UNIQUE, madeIn TEXT, madeBy TEXT, arrived BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE session (
          id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, stopId TEXT NOT NULL REFERENCES stop(id) ON DELETE RESTRICT,
          date TEXT, notes TEXT,
          uid TEXT UNIQUE, madeIn TEXT, madeBy TEXT, arrived BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE contributor (
          id TEXT PRIMARY KEY, name TEXT, generation TEXT NOT NULL, role TEXT NOT NULL, consent TEXT NOT NULL,
          guardianConsent BIGINT NOT NULL DEFAULT 0,
          uid TEXT UNIQUE, madeIn TEXT, madeBy TEXT, arrived BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE song (
          id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, title TEXT NOT NULL,
          stopId TEXT REFERENCES stop(id) ON DELETE RESTRICT, key TEXT, meter TEXT, themes TEXT NOT NULL DEFAULT '',
          createdAt TEXT NOT NULL, style TEXT,
          uid TEXT UNIQUE, madeIn TEXT, madeBy TEXT, arrived BIGINT NOT NULL DEFAULT 0);
        CREATE INDEX songByTitle ON song (title, id);
        CREATE TABLE take (
          id TEXT PRIMARY KEY, songId BIGINT NOT NULL REFERENCES song(id) ON DELETE CASCADE, section TEXT,
          format TEXT NOT NULL, seconds DOUBLE PRECISION NOT NULL, transcription TEXT NOT NULL, createdAt TEXT NOT NULL,
          uid TEXT UNIQUE, madeIn TEXT, madeBy TEXT, arrived BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE takeAudio (takeId TEXT PRIMARY KEY REFERENCES take(id) ON DELETE CASCADE, bytes BYTEA NOT NULL);
        CREATE TABLE contribution (
          id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, songId BIGINT NOT NULL REFERENCES song(id) ON DELETE CASCADE,
          kind TEXT NOT NULL, payload TEXT NOT NULL, section TEXT, line BIGINT, status TEXT NOT NULL, mergedIn BIGINT,
          sessionId BIGINT REFERENCES session(id) ON DELETE SET NULL, createdAt TEXT NOT NULL,
          takeId TEXT REFERENCES take(id) ON DELETE SET NULL,
          uid TEXT UNIQUE, madeIn TEXT, madeBy TEXT, arrived BIGINT NOT NULL DEFAULT 0);
        CREATE INDEX contributionBySong ON contribution (songId);
        CREATE TABLE contributionContributor (
          contributionId BIGINT NOT NULL REFERENCES contribution(id) ON DELETE CASCADE,
          contributorId TEXT NOT NULL REFERENCES contributor(id) ON DELETE RESTRICT,
          PRIMARY KEY (contributionId, contributorId));
        CREATE INDEX contributionContributorByContributor ON contributionContributor (contributorId);
        CREATE TABLE takeSinger (
          takeId TEXT NOT NULL REFERENCES take(id) ON DELETE CASCADE,
          contributorId TEXT NOT NULL REFERENCES contributor(id) ON DELETE RESTRICT,
          PRIMARY KEY (takeId, contributorId));
        CREATE INDEX takeSingerByContributor ON takeSinger (contributorId);
        CREATE TABLE version (
          id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, songId BIGINT NOT NULL REFERENCES song(id) ON DELETE CASCADE,
          number BIGINT NOT NULL, parentNumber BIGINT, chordpro TEXT NOT NULL, report TEXT NOT NULL,
          holdsWithdrawn BIGINT NOT NULL DEFAULT 0, createdAt TEXT NOT NULL, sha256 TEXT,
          parents TEXT NOT NULL DEFAULT '', merged TEXT NOT NULL DEFAULT '',
          uid TEXT UNIQUE, madeIn TEXT, madeBy TEXT, arrived BIGINT NOT NULL DEFAULT 0,
          UNIQUE (songId, number));
        CREATE TABLE audit (
          id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL,
          detail TEXT NOT NULL, source TEXT NOT NULL);
        CREATE TABLE token (
          id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, hash TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
          createdAt TEXT NOT NULL, revokedAt TEXT);
        CREATE TABLE referenceCollection (
          id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
          importedAt TEXT NOT NULL);
        CREATE TABLE referenceTune (
          id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
          collectionId BIGINT NOT NULL REFERENCES referenceCollection(id) ON DELETE CASCADE,
          number BIGINT, title TEXT NOT NULL, abc TEXT NOT NULL);
        CREATE TABLE tuneShape (
          id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, songId BIGINT REFERENCES song(id) ON DELETE CASCADE,
          version BIGINT, section TEXT, referenceTuneId BIGINT REFERENCES referenceTune(id) ON DELETE CASCADE,
          shape BYTEA NOT NULL);
        CREATE INDEX tuneShapeBySong ON tuneShape (songId);
        CREATE TABLE consentChange (
          uid TEXT PRIMARY KEY, contributorId TEXT NOT NULL REFERENCES contributor(id) ON DELETE CASCADE,
          consent TEXT NOT NULL, guardian BIGINT, at TEXT NOT NULL, supersedes TEXT NOT NULL DEFAULT '',
          madeIn TEXT, madeBy TEXT, arrived BIGINT NOT NULL DEFAULT 0);
        CREATE INDEX consentChangeByContributor ON consentChange (contributorId);
        CREATE TABLE erasure (
          personUID TEXT PRIMARY KEY, at TEXT NOT NULL, madeIn TEXT, madeBy TEXT, arrived BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE syncPeer (url TEXT PRIMARY KEY, pushedUpTo BIGINT NOT NULL DEFAULT 0, pulledUpTo BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE songSearch (
          songId BIGINT PRIMARY KEY REFERENCES song(id) ON DELETE CASCADE,
          title TEXT NOT NULL, words TEXT NOT NULL, place TEXT NOT NULL, themes TEXT NOT NULL,
          document TSVECTOR NOT NULL);
        CREATE INDEX songSearchDocument ON songSearch USING GIN (document);

        -- A row written without a global id (every write but a sync's) gets one, with where and by whom it was made.
        CREATE FUNCTION songbridgeOrigin() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.uid IS NULL THEN
            NEW.uid := replace(gen_random_uuid()::text, '-', '');
            NEW.madeIn := (SELECT value FROM secret WHERE name = 'archive-id');
            NEW.madeBy := (SELECT label FROM writer);
          END IF;
          RETURN NEW;
        END $$;
        -- Every record that arrives (and a contribution whose review changes) takes the next arrival number.
        CREATE FUNCTION songbridgeArrived() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE syncClock SET value = value + 1 RETURNING value INTO NEW.arrived;
          RETURN NEW;
        END $$;
        CREATE TRIGGER contributionReviewed BEFORE UPDATE OF status ON contribution
          FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION songbridgeArrived();
        DO $$
        DECLARE t TEXT;
        BEGIN
          FOREACH t IN ARRAY ARRAY['stop', 'session', 'contributor', 'song', 'contribution', 'version', 'take'] LOOP
            EXECUTE format('CREATE TRIGGER %sOrigin BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION songbridgeOrigin()', t, t);
          END LOOP;
          FOREACH t IN ARRAY ARRAY['stop', 'session', 'contributor', 'song', 'contribution', 'version', 'take', 'consentChange', 'erasure'] LOOP
            EXECUTE format('CREATE TRIGGER %sArrived BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION songbridgeArrived()', t, t);
            EXECUTE format('CREATE INDEX %sByArrival ON %s (arrived)', t, t);
          END LOOP;
        END $$;
        """

    /// Arrival numbers counted in the transaction (see the type's notes): the clock's row is read and locked at
    /// the transaction's first record, and `writeBackClock` stores the last number before the commit.
    static let pg2 = """
        CREATE OR REPLACE FUNCTION songbridgeArrived() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE next BIGINT;
        BEGIN
          next := NULLIF(current_setting('songbridge.arrival', true), '')::BIGINT;
          IF next IS NULL THEN
            SELECT value INTO next FROM syncClock FOR UPDATE;
          END IF;
          next := next + 1;
          PERFORM set_config('songbridge.arrival', next::TEXT, true);
          NEW.arrived := next;
          RETURN NEW;
        END $$;
        """

    /// The statement a write runs before it commits: the transaction's last arrival number (if it numbered
    /// anything) written to the clock's row, whose lock it has held since its first.
    static let writeBackClock = """
        UPDATE syncClock SET value = current_setting('songbridge.arrival', true)::BIGINT
        WHERE COALESCE(current_setting('songbridge.arrival', true), '') <> ''
        """

    /// Organisations, and private details behind row-level security (see the type's notes): as SQLite's
    /// `v11-organisations`, with the policies. An erasure, which must reach every organisation's rows, sets `*`
    /// for its statement.
    static let pg3 = TourArchive.organisationsSchema(integer: "BIGINT") + "\n" + """
        CREATE FUNCTION songbridgeSees(owner TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
          SELECT CASE COALESCE(current_setting('songbridge.organisation', true), '')
            WHEN '*' THEN true
            WHEN '' THEN false
            WHEN 'home' THEN owner IS NULL
            ELSE owner IS NOT DISTINCT FROM current_setting('songbridge.organisation', true)
          END
        $$;
        DO $$
        DECLARE t TEXT;
        BEGIN
          FOREACH t IN ARRAY ARRAY['personalName', 'sessionNote'] LOOP
            EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
            EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
            EXECUTE format('CREATE POLICY seen ON %s FOR SELECT USING (songbridgeSees(organisation))', t);
            EXECUTE format('CREATE POLICY added ON %s FOR INSERT WITH CHECK (songbridgeSees(organisation))', t);
            EXECUTE format('CREATE POLICY changed ON %s FOR UPDATE USING (songbridgeSees(organisation)) WITH CHECK (songbridgeSees(organisation))', t);
            EXECUTE format('CREATE POLICY removed ON %s FOR DELETE USING (songbridgeSees(organisation))', t);
          END LOOP;
        END $$;
        """

    /// Search made cheaper where its cost lies (measured with EXPLAIN ANALYZE at 100,000 songs, two words of which
    /// each is in a fifth of the songs: 8–12 ms when both are in the same 20,000, about 1 ms when in none):
    /// - `songSearch` keeps only the song and its `tsvector`. It also kept the title, words, place and themes the
    ///   vector is made from, which nothing reads; a match's row was three times as wide, so the bitmap of
    ///   matches spanned more pages and each ranked match read more: 9.4 → 6.6 ms for words sung together,
    ///   2.9 → 2.2 ms over a sample of a hundred pairs (the same hits). The table is made again, so an archive
    ///   written before takes the smaller rows too.
    /// - Its GIN index takes each new row into its tree at once (`fastupdate = off`). With PostgreSQL's default,
    ///   new rows wait in a list of up to 4 MB that every search reads whole until a vacuum sorts them in: while
    ///   28,000 songs were being written, a search's index scan took 3.5–6 ms against 1–1.5 ms after.
    /// - `songbridgeMatches` is the search's first step, with the planner's hint in its own definition (`SET
    ///   enable_seqscan = off`, for the call only): taking words as independent, the planner read the table in
    ///   order for the first matches, and where none held both words read all of it (67–135 ms at 74,000 songs
    ///   against 4 ms through the index). Set by the server for each search, the hint cost two round trips more.
    static let pg4 = """
        CREATE TABLE songSearchNarrow (
          songId BIGINT PRIMARY KEY REFERENCES song(id) ON DELETE CASCADE,
          document TSVECTOR NOT NULL);
        INSERT INTO songSearchNarrow (songId, document) SELECT songId, document FROM songSearch ORDER BY songId;
        DROP TABLE songSearch;
        ALTER TABLE songSearchNarrow RENAME TO songSearch;
        ALTER INDEX songSearchNarrow_pkey RENAME TO songSearch_pkey;
        ALTER TABLE songSearch RENAME CONSTRAINT songSearchNarrow_songId_fkey TO songSearch_songId_fkey;
        CREATE INDEX songSearchDocument ON songSearch USING GIN (document) WITH (fastupdate = off);
        ANALYZE songSearch;
        CREATE FUNCTION songbridgeMatches(q TSQUERY, ranked BIGINT) RETURNS TABLE (songId BIGINT, rank REAL)
          LANGUAGE sql STABLE SET enable_seqscan = off AS $$
          SELECT f.songId, ts_rank('{0.1, 0.2, 0.4, 1.0}', f.document, q) FROM songSearch f WHERE f.document @@ q LIMIT ranked
        $$;
        """
}
