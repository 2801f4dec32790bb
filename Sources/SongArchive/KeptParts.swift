import Foundation
import GRDB

/// What a song page is built from that costs far more to work out than to read, kept beside the archive in an
/// SQLite file of its own: each tune's drawing (abcm2ps, about 15 ms of a cold page), which drawings a page shows
/// (laying the words on the tunes to know, about 0.6 ms), each song's "tunes like this" (the melodic search, about
/// 13 ms), the page itself without its drawings (parsing, projecting and rendering, about 1 ms), with the ids of
/// the people each version's text names, and the song's JSON (parsing and projecting again). It is derived data:
/// deleting the file loses nothing but time.
///
/// Kept apart from the archive so that keeping a part is not a change to the archive: a write there moves the
/// archive's generation (or PostgreSQL's snapshot), which would throw away every answer a server holds in memory
/// at every cold page. A central archive's servers each keep their own file.
///
/// Nothing here can show what the public may no longer see:
/// - a drawing is kept under the digest of exactly what was drawn (the tune and the words as the public sees them
///   now), so once someone withdraws, the page asks for a drawing without their words, which is not kept yet;
/// - which drawings a page shows is kept under a digest of the version's text and of everything the page shows of
///   it (`NotationDrawings.pageKey`): a withdrawal changes what is shown, so the page is looked up afresh;
/// - a page, or a song's JSON, is kept under a digest of everything it is made from (`API.keptKey`), among them
///   what the projection reads of each person the text names: a withdrawal, or any change to a credit, makes
///   another key;
/// - a likeness names the melodic index's row it matched and a digest of that row's tune, and is shown only while
///   the index holds that row with that tune (a consent change indexes a song's tunes again, under new rows).
/// Words a withdrawn person wrote stay in drawings made before, unreachable, as they stay in the archive's own
/// contribution log (withdrawal and erasure keep history; they change what is shown); the oldest drawings go first
/// once there are `mostDrawings`, save that a page or answer still being served is kept again as new before it goes.
public final class KeptParts: Sendable {
    private let pool: DatabasePool
    public let path: String
    /// The most drawings kept; past it, the oldest go (a tune's drawing is about 20 KB).
    public let mostDrawings: Int

    /// Room for every page of an archive of `songs` songs with its drawings (four a song; a generated page shows
    /// about 2.4), and never less than `atLeast`. A file with less room than an archive's pages throws the oldest
    /// away as `prepare-pages` keeps the newest, and the early pages are then drawn again when asked: at 100,000
    /// songs with room for 200,000 drawings, `make bench-scale` saw a fifth of different pages drawn afresh (p99
    /// 1.3 s at 500 a second on PostgreSQL, 2.3 s on SQLite).
    public static func room(forSongs songs: Int, atLeast: Int = 200_000) -> Int {
        max(atLeast, songs.multipliedReportingOverflow(by: 4).overflow ? Int.max : songs * 4)
    }

    /// Opens (creating if needed) the file at `path`; refused when it cannot be opened or is not such a file (a server
    /// then builds its pages without it, as before).
    public init(path: String, mostDrawings: Int = 200_000) throws(ArchiveError) {
        self.path = path
        self.mostDrawings = max(1, mostDrawings)
        var config = Configuration()
        config.busyMode = .timeout(5)
        // Derived data: a power cut may lose the last few kept parts, which are worked out again.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try pool.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS drawing (
                      n INTEGER PRIMARY KEY, digest BLOB NOT NULL UNIQUE, svg TEXT NOT NULL, noteHeads INTEGER NOT NULL, texts TEXT NOT NULL);
                    CREATE TABLE IF NOT EXISTS shown (n INTEGER PRIMARY KEY, page BLOB NOT NULL UNIQUE, digests BLOB NOT NULL);
                    CREATE TABLE IF NOT EXISTS likeness (song INTEGER PRIMARY KEY, tunes BLOB NOT NULL, upTo INTEGER NOT NULL, hits BLOB NOT NULL);
                    CREATE TABLE IF NOT EXISTS textPeople (n INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, ids TEXT NOT NULL);
                    CREATE TABLE IF NOT EXISTS page (n INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE, skeleton TEXT NOT NULL, drawings BLOB NOT NULL);
                    CREATE TABLE IF NOT EXISTS answer (n INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE, body BLOB NOT NULL);
                    """)
            }
        } catch {
            throw ArchiveError("cannot open \(path) (kept drawings and likenesses): \(error)", kind: .cannotWrite)
        }
    }

    /// Where a server keeps them for the archive at `location` (a file's path, or a PostgreSQL URL): beside the file,
    /// or in the system's temporary folder, one file per database.
    public static func defaultPath(for location: String, isURL: Bool) -> String {
        guard isURL else { return location + ".kept" }
        let url = URLComponents(string: location)
        let name = [url?.host ?? "", url?.path ?? ""].joined(separator: "-").split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
        return FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-kept-" + String(name.prefix(80)) + ".sqlite").path
    }

    // MARK: - Drawings

    /// A drawing as kept: its SVG, note heads and texts (the engraver's `Engraving`, which this module does not know).
    public struct Drawing: Sendable, Hashable {
        public var svg: String
        public var noteHeads: Int
        public var texts: [String]
        public init(svg: String, noteHeads: Int, texts: [String]) {
            self.svg = svg
            self.noteHeads = noteHeads
            self.texts = texts
        }
    }

    /// The digest a drawing is kept under: of the text drawn and its accessible name.
    public static func digest(drawing abc: String, name: String) -> Data {
        Data(SHA256.digest(Array((abc + "\u{0}" + name).utf8)))
    }

    /// The drawings kept under `digests`, by digest (those not kept are left out).
    public func drawings(_ digests: [Data]) -> [Data: Drawing] {
        guard !digests.isEmpty else { return [:] }
        return (try? pool.read { db in
            var found: [Data: Drawing] = [:]
            let rows = try Row.fetchAll(db, sql: "SELECT digest, svg, noteHeads, texts FROM drawing WHERE digest IN (\(TourArchive.marks(digests.count)))",
                                        arguments: StatementArguments(digests))
            for row in rows {
                let texts: String = row[3]
                found[row[0]] = Drawing(svg: row[1], noteHeads: row[2], texts: texts.isEmpty ? [] : texts.components(separatedBy: "\u{1F}"))
            }
            return found
        }) ?? [:]
    }

    /// Keeps drawings under their digests, in one write; the oldest go when there are more than `mostDrawings`.
    public func keep(drawings: [(digest: Data, drawing: Drawing)]) {
        guard !drawings.isEmpty else { return }
        try? pool.write { db in
            for (digest, drawing) in drawings {
                try db.execute(sql: "INSERT OR IGNORE INTO drawing (digest, svg, noteHeads, texts) VALUES (?, ?, ?, ?)",
                               arguments: [digest, drawing.svg, drawing.noteHeads, drawing.texts.joined(separator: "\u{1F}")])
            }
            try trimOldest(of: "drawing", db)
        }
    }

    /// Leaves at most `mostDrawings` rows in `table` (`drawing`, `shown`, `page`, `answer` or `textPeople`), the
    /// oldest going first: two reads of the key's ends, not a count of every row.
    private func trimOldest(of table: String, _ db: Database) throws {
        let newest = try Int64.fetchOne(db, sql: "SELECT MAX(n) FROM \(table)") ?? 0, oldest = try Int64.fetchOne(db, sql: "SELECT MIN(n) FROM \(table)") ?? 0
        if newest - oldest >= Int64(mostDrawings) {
            try db.execute(sql: "DELETE FROM \(table) WHERE n <= ?", arguments: [newest - Int64(mostDrawings)])
        }
    }

    /// The drawings a page shows, in order (nil where a section has no drawing), by what the page shows (`page`, a
    /// digest its caller makes of everything the drawings are made from): nil unless every one is kept.
    public func drawings(shownOn page: Data) -> [Drawing?]? {
        guard let places = try? pool.read({ db in try places(shownOn: page, db)?.places }) else { return nil }
        return KeptParts.placed(places, drawings(places.compactMap { $0 }))
    }

    /// What was `found` by digest, in the page's order (`places`, nil where a section has no drawing); nil unless
    /// every one was found.
    private static func placed<T>(_ places: [Data?], _ found: [Data: T]) -> [T?]? {
        var out: [T?] = []
        for place in places {
            guard let place else { out.append(nil); continue }
            guard let drawing = found[place] else { return nil }
            out.append(drawing)
        }
        return out
    }

    /// Keeps which drawings (by digest; nil where a section has none) the page `page` shows.
    public func keep(shownOn page: Data, digests: [Data?]) {
        var bytes = Data()
        for digest in digests { bytes.append(digest ?? Data(count: 32)) }
        try? pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO shown (page, digests) VALUES (?, ?)", arguments: [page, bytes])
            try trimOldest(of: "shown", db)
        }
    }

    /// How many drawings, likeness lists, pages and other answers are kept.
    public func counts() -> (drawings: Int, likenesses: Int, pages: Int, answers: Int) {
        (try? pool.read { db in
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
            return (try count("drawing"), try count("likeness"), try count("page"), try count("answer"))
        }) ?? (0, 0, 0, 0)
    }

    // MARK: - Pages

    /// A song page as kept: its HTML with a mark where each drawing goes (`SongWordsHTML.fill`), and the key its
    /// drawings are kept under (`drawings(shownOn:)`).
    public struct Page: Sendable, Equatable {
        public var skeleton: String
        public var drawings: Data
        public init(skeleton: String, drawings: Data) {
            self.skeleton = skeleton
            self.drawings = drawings
        }
    }

    /// The page kept under `key` (a digest of everything it was made from; its caller makes it).
    public func page(_ key: Data) -> Page? {
        try? pool.read { db in
            try Row.fetchOne(db, sql: "SELECT skeleton, drawings FROM page WHERE key = ?", arguments: [key]).map { Page(skeleton: $0[0], drawings: $0[1]) }
        }
    }

    /// A kept page as it is served: its HTML with marks, and the SVG of each drawing it shows, in order (nil where
    /// a section has none), as the bytes kept; `drawings` is nil when one of them is no longer kept.
    public struct Served: Sendable {
        public var skeleton: Data
        public var drawings: [Data?]?
    }

    /// The page kept under `key` with its drawings' SVGs, in one read (each statement parsed once a connection),
    /// as bytes: neither the page nor its drawings is made a string, nor the drawings' other parts read. A page served
    /// near the old end of the file is kept again as new, with what it shows (`refresh`).
    public func served(_ key: Data) -> Served? {
        let read = try? pool.read { db -> (Served, old: [Used])? in
            let pages = try Row.fetchCursor(db.cachedStatement(sql: "SELECT n, skeleton, drawings FROM page WHERE key = ?"), arguments: [key])
            guard let row = try pages.next() else { return nil }
            let (skeleton, shown): (Data, Data) = (row[1], row[2])
            var used = [Used(table: "page", n: row[0])]
            guard let (n, places) = try places(shownOn: shown, db) else { return (Served(skeleton: skeleton, drawings: nil), try old(used, db)) }
            used.append(Used(table: "shown", n: n))
            var found: [Data: Data] = [:]
            let wanted = Array(Set(places.compactMap { $0 }))
            if !wanted.isEmpty {
                let sql = "SELECT n, digest, svg FROM drawing WHERE digest IN (\(TourArchive.marks(wanted.count)))"
                let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: StatementArguments(wanted))
                while let row = try rows.next() {
                    found[row[1]] = row[2]
                    used.append(Used(table: "drawing", n: row[0]))
                }
            }
            return (Served(skeleton: skeleton, drawings: KeptParts.placed(places, found)), try old(used, db))
        }
        guard let read else { return nil }
        refresh(read.old)
        return read.0
    }

    // MARK: - Keeping what is used

    /// A row read, by its table and its place in the order things were kept.
    private struct Used {
        var table: String
        var n: Int64
    }

    /// Of the rows `used`, those in the oldest quarter of the room in their table: the next to go as newer parts are
    /// kept. One read of each table's newest row (the end of its key).
    private func old(_ used: [Used], _ db: Database) throws -> [Used] {
        var newest: [String: Int64] = [:]
        for table in Set(used.map(\.table)) {
            newest[table] = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(n) FROM \(table)")) ?? 0
        }
        let fresh = Int64(mostDrawings - mostDrawings / 4)
        return used.filter { newest[$0.table, default: 0] - $0.n >= fresh }
    }

    /// Keeps the rows `old` again as the newest of their tables, so that what is still asked for is not the next to
    /// go: the file trims the oldest kept, and without this a page served every day would go as surely as one never
    /// asked for again. A row is kept again once in each three quarters of its table's room, and only when it is read,
    /// so the writes are few: none at all while the file holds less than three quarters of its room.
    private func refresh(_ old: [Used]) {
        guard !old.isEmpty else { return }
        try? pool.write { db in
            for row in old {
                try db.execute(sql: "UPDATE \(row.table) SET n = (SELECT MAX(n) FROM \(row.table)) + 1 WHERE n = ?", arguments: [row.n])
            }
        }
    }

    /// The digests of the drawings the page `page` shows, in order (nil where a section has none), with the row's
    /// place in the order kept; nil when the page is not kept.
    private func places(shownOn page: Data, _ db: Database) throws -> (n: Int64, places: [Data?])? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT n, digests FROM shown WHERE page = ?"), arguments: [page]) else { return nil }
        let digests: Data = row[1]
        guard digests.count % 32 == 0 else { return nil }
        let bytes = [UInt8](digests)
        return (row[0], stride(from: 0, to: bytes.count, by: 32).map { start -> Data? in
            let digest = bytes[start..<start + 32]
            return digest.allSatisfy { $0 == 0 } ? nil : Data(digest)
        })
    }

    /// Keeps `page` under `key`; the oldest go when there are more than `mostDrawings`.
    public func keep(page: Page, under key: Data) {
        try? pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO page (key, skeleton, drawings) VALUES (?, ?, ?)", arguments: [key, page.skeleton, page.drawings])
            try trimOldest(of: "page", db)
        }
    }

    /// The ids of the people a version's text names (by the text's SHA-256), as its parse found them: what a kept
    /// page's key is made from, without parsing the text.
    public func people(ofText sha256: String) -> [String]? {
        (try? pool.read { db in try String.fetchOne(db.cachedStatement(sql: "SELECT ids FROM textPeople WHERE sha256 = ?"), arguments: [sha256]) })
            .flatMap { $0 }.map { $0.isEmpty ? [] : $0.components(separatedBy: "\u{1F}") }
    }

    /// Keeps the ids of the people the text with `sha256` names.
    public func keep(people ids: [String], ofText sha256: String) {
        try? pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO textPeople (sha256, ids) VALUES (?, ?)", arguments: [sha256, ids.joined(separator: "\u{1F}")])
            try trimOldest(of: "textPeople", db)
        }
    }

    // MARK: - Other answers

    /// An answer's body kept under `key` (a digest of everything it is made from; its caller makes it, as a song's
    /// JSON is kept: `API.songJSON`).
    /// An answer read near the old end of the file is kept again as new (`refresh`).
    public func answer(_ key: Data) -> Data? {
        let read = try? pool.read { db -> (body: Data, old: [Used])? in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT n, body FROM answer WHERE key = ?"), arguments: [key]) else { return nil }
            return (row[1], try old([Used(table: "answer", n: row[0])], db))
        }
        guard let read else { return nil }
        refresh(read.old)
        return read.body
    }

    /// Keeps `body` under `key`; the oldest go when there are more than `mostDrawings`.
    public func keep(answer body: Data, under key: Data) {
        try? pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO answer (key, body) VALUES (?, ?)", arguments: [key, body])
            try trimOldest(of: "answer", db)
        }
    }

    // MARK: - Likenesses

    /// A song's kept likenesses (`TourArchive.tunesLike`'s raw hits, with what they were found for).
    public func likeness(of song: Int64) -> StoredLikeness? {
        try? pool.read { db in
            try Row.fetchOne(db, sql: "SELECT tunes, upTo, hits FROM likeness WHERE song = ?", arguments: [song]).flatMap { row in
                StoredLikeness(tunes: row[0], upTo: row[1], hits: row[2])
            }
        }
    }

    /// Keeps `likeness` as `song`'s.
    public func keep(likeness: StoredLikeness, of song: Int64) {
        try? pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO likeness (song, tunes, upTo, hits) VALUES (?, ?, ?, ?)",
                           arguments: [song, likeness.tunes, likeness.upTo, likeness.encodedHits])
        }
    }
}
