import Foundation
import MelodicSearch
import SongCore
import SongText

extension TourArchive {
    // MARK: - The melodic index

    /// The tunes of one version as the public may see them now, one shape per section that has a tune of its own
    /// (a section sung to another's tune adds nothing; two sections with one tune are indexed once).
    static func tuneShapes(of stored: Song, _ db: any SQLSession) throws -> [(section: String, shape: TuneShape)] {
        tuneShapes(ofPublic: try consentForProjection(stored, db).publicProjection)
    }

    /// The same, of a song as the public sees it (its projection with today's consent).
    static func tuneShapes(ofPublic song: Song) -> [(section: String, shape: TuneShape)] {
        var seen = Set<TuneShape>()
        var out: [(String, TuneShape)] = []
        for section in song.sections {
            guard let melody = section.melody else { continue }
            let shape = TuneShape(melody: melody)
            guard shape.noteCount >= 2, seen.insert(shape).inserted else { continue }
            out.append((section.id, shape))
        }
        return out
    }

    /// Indexes one new version's tunes (the same write that stores the version).
    static func indexTunes(of id: Int64, version number: Int, _ song: Song, _ db: any SQLSession) throws {
        for (section, shape) in try tuneShapes(of: song, db) {
            try db.execute("INSERT INTO tuneShape (songId, version, section, shape) VALUES (?, ?, ?, ?)", [id, number, section, Data(shape.bytes)])
        }
        try bumpTuneGeneration(db)
    }

    /// Indexes every version of a song again, with everyone's consent as it is now (after a consent change): a
    /// withdrawn person's tunes leave the index in every version. A damaged version is left out.
    static func indexTunes(of id: Int64, _ db: any SQLSession) throws {
        try db.execute("DELETE FROM tuneShape WHERE songId = ?", [id])
        for row in try db.rows("SELECT number, chordpro, sha256 FROM version WHERE songId = ? ORDER BY number", [id]) {
            let number: Int = row[0] ?? 0
            guard let song = try? parseVersion(row[1] ?? "", sha256: row[2], song: id, number: number) else { continue }
            for (section, shape) in try tuneShapes(of: song, db) {
                try db.execute("INSERT INTO tuneShape (songId, version, section, shape) VALUES (?, ?, ?, ?)", [id, number, section, Data(shape.bytes)])
            }
        }
        try bumpTuneGeneration(db)
    }

    static func bumpTuneGeneration(_ db: any SQLSession) throws {
        try db.execute("UPDATE tuneIndexGeneration SET value = value + 1")
    }

    /// The melodic index, read again only when the archive's has changed since it was last read.
    func tuneIndex() throws(ArchiveError) -> TuneIndexCache.Loaded {
        try query { db in
            let generation = try TourArchive.tuneGeneration(db)
            return try tuneCache.index(at: generation) {
                var entries: [MelodicIndex.Entry] = []
                var origins: [TuneIndexCache.Origin] = []
                var rows: [Int64] = []
                // Newest first, so of two versions with one tune the newer is the hit.
                for row in try db.rows("SELECT songId, version, section, referenceTuneId, shape, id FROM tuneShape ORDER BY id DESC") {
                    let bytes: Data = row[4] ?? Data()
                    guard let shape = TuneShape(bytes: [UInt8](bytes)) else { continue }
                    let song: Int64? = row[0], reference: Int64? = row[3]
                    entries.append(MelodicIndex.Entry(group: song ?? -(reference ?? 0), shape: shape))
                    origins.append(TuneIndexCache.Origin(song: song, version: row[1], section: row[2], referenceTune: reference))
                    rows.append(row[5] ?? 0)
                }
                return TuneIndexCache.Loaded(generation: generation, index: MelodicIndex(entries: entries), origins: origins, rows: rows)
            }
        }
    }

    /// Reads the melodic index now, if it is not held already, so the next tune search need not.
    public func prepareTuneSearch() throws(ArchiveError) { _ = try tuneIndex() }

    /// The tunes most like `query` among the tour's songs (every version) and the reference tunebooks, best first,
    /// at most one hit per song and per reference tune. `excluding` leaves one song out ("tunes like this").
    /// `likeness`: the query is a whole tune of the song left out, searched as "tunes like this" is
    /// (`MelodicIndex.forLikeness`: a quarter of the work, nearly all of the same likenesses).
    public func tuneSearch(_ query: TuneShape, limit: Int = 10, excluding: Int64? = nil, likeness: Bool = false) throws(ArchiveError) -> [TuneMatch] {
        try tuneSearches([query], limit: limit, excluding: excluding, likeness: likeness)[0]
    }

    /// `tuneSearch` for each of `queries`, with the index read (or its generation checked) once and every hit's
    /// song and reference tune looked up in one statement each for all of them: a song page's "tunes like this"
    /// asks for each of the song's tunes, and each search made three statements (on PostgreSQL, round trips).
    func tuneSearches(_ queries: [TuneShape], limit: Int, excluding: Int64?, likeness: Bool) throws(ArchiveError) -> [[TuneMatch]] {
        for query in queries {
            guard query.noteCount >= SongLimits.tuneQueryMinimumNotes else {
                throw ArchiveError("a tune search needs at least \(SongLimits.tuneQueryMinimumNotes) notes; this has \(query.noteCount)", kind: .invalid)
            }
            guard query.noteCount <= SongLimits.tuneQueryNotes else {
                throw ArchiveError("a tune search takes at most \(SongLimits.tuneQueryNotes) notes; this has \(query.noteCount) (search with a phrase)", kind: .invalid)
            }
        }
        guard !queries.isEmpty else { return [] }
        let loaded = try tuneIndex()
        let index = likeness ? loaded.index.forLikeness(least: TourArchive.likenessLeast) : loaded.index
        let found = queries.map { query in
            index.search(query, limit: limit + (excluding == nil ? 0 : 1)).filter { excluding == nil || loaded.origins[$0.entry].song != excluding }
                .map(Found.init)
        }
        return try resolve(found, in: loaded, limit: limit)
    }

    /// A tune found in the index held (`TuneIndexCache.Loaded`): its entry there, and how and where it matched.
    struct Found: Sendable {
        var entry: Int
        var similarity: Double
        var tuneNotes: Range<Int>
        var queryNotes: Range<Int>
    }

    /// Each list of tunes found as the public may see them (at most `limit` a list), with every hit's song and
    /// reference tune read in one statement each for all the lists.
    func resolve(_ found: [[Found]], in loaded: TuneIndexCache.Loaded, limit: Int) throws(ArchiveError) -> [[TuneMatch]] {
        let kept = found.flatMap { $0 }
        return try self.query { db in
            // Every hit's song, or reference tune, looked up at once: one statement each, not one a hit (a song page's
            // "tunes like this" made sixteen, each a round trip to PostgreSQL).
            let songIDs = Set(kept.compactMap { loaded.origins[$0.entry].song }), tuneIDs = Set(kept.compactMap { loaded.origins[$0.entry].referenceTune })
            var songs: [Int64: ArchivedSong] = [:], tunes: [Int64: (number: Int?, title: String, collection: String)] = [:]
            if !songIDs.isEmpty {
                for row in try db.rows("""
                    SELECT \(TourArchive.summaryColumns)
                    FROM song s LEFT JOIN stop st ON st.id = s.stopId WHERE s.id IN (\(Self.marks(songIDs.count)))
                    """, Array(songIDs)) {
                    let summary = TourArchive.summary(row)
                    songs[summary.id] = summary
                }
            }
            if !tuneIDs.isEmpty {
                for row in try db.rows("""
                    SELECT t.id, t.number, t.title, c.name FROM referenceTune t JOIN referenceCollection c ON c.id = t.collectionId
                    WHERE t.id IN (\(Self.marks(tuneIDs.count)))
                    """, Array(tuneIDs)) {
                    tunes[row[0] ?? 0] = (row[1], row[2] ?? "", row[3] ?? "")
                }
            }
            return found.map { hits in
                var out: [TuneMatch] = []
                for hit in hits {
                    let origin = loaded.origins[hit.entry]
                    guard let match = TourArchive.match(hit, origin, loaded.index.entries[hit.entry].shape, songs: songs, tunes: tunes) else { continue }
                    out.append(match)
                    if out.count == limit { break }
                }
                return out
            }
        }
    }

    /// `count` parameters for an `IN (…)` list.
    static func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    /// A hit as the public may see it, from its song's or reference tune's row (nil where there is none).
    static func match(_ hit: Found, _ origin: TuneIndexCache.Origin, _ shape: TuneShape, songs: [Int64: ArchivedSong],
                      tunes: [Int64: (number: Int?, title: String, collection: String)]) -> TuneMatch? {
        let bars = shape.bars
        let first = bars.indices.contains(hit.tuneNotes.lowerBound) ? Int(bars[hit.tuneNotes.lowerBound]) : 0
        let last = bars.indices.contains(hit.tuneNotes.upperBound - 1) ? Int(bars[hit.tuneNotes.upperBound - 1]) : first
        if let song = origin.song {
            guard let summary = songs[song] else { return nil }
            return TuneMatch(kind: .song, song: summary, version: origin.version, section: origin.section, title: summary.title,
                             similarity: hit.similarity, firstBar: first, lastBar: last, barCount: Int(bars.last ?? 0), upbeat: bars.first == 0, tuneNotes: hit.tuneNotes, queryNotes: hit.queryNotes)
        }
        guard let reference = origin.referenceTune, let tune = tunes[reference] else { return nil }
        return TuneMatch(kind: .reference, referenceTune: reference, collection: tune.collection, number: tune.number, title: tune.title,
                         similarity: hit.similarity, firstBar: first, lastBar: last, barCount: Int(bars.last ?? 0), upbeat: bars.first == 0, tuneNotes: hit.tuneNotes, queryNotes: hit.queryNotes)
    }

    /// How many times the melodic index has changed: a page that shows resemblances is the same page only at the
    /// same generation.
    public func tuneGeneration() throws(ArchiveError) -> Int64 {
        try query { db in try TourArchive.tuneGeneration(db) }
    }

    /// The melodic index's generation, read with `db`; inside `reading` (where every read is the shared
    /// transaction's, and no write can be), once for the whole transaction.
    static func tuneGeneration(_ db: any SQLSession) throws -> Int64 {
        let memo = sharedRead?.memo
        if let held = memo?.tuneGeneration.withLock({ $0 }) { return held }
        let value = try db.value("SELECT value FROM tuneIndexGeneration", as: Int64.self) ?? 0
        memo?.tuneGeneration.withLock { $0 = value }
        return value
    }

    /// The versions of a song whose tunes (as the public may see them) differ from the version before's: the
    /// first version with a tune, and each that changed one.
    public func tuneChanges(song id: Int64) throws(ArchiveError) -> Set<Int> {
        try query { db in
            var byVersion: [Int: Set<Data>] = [:]
            for row in try db.rows("SELECT version, shape FROM tuneShape WHERE songId = ?", [id]) {
                byVersion[row[0] ?? 0, default: []].insert(row[1] ?? Data())
            }
            var changed = Set<Int>(), previous = Set<Data>()
            for version in try db.values("SELECT number FROM version WHERE songId = ? ORDER BY number", [id], as: Int.self) {
                let tunes = byVersion[version] ?? []
                if tunes != previous, !tunes.isEmpty { changed.insert(version) }
                previous = tunes
            }
            return changed
        }
    }

    /// The same, from the melodic index held in memory, for the versions numbered `versions` (a song page has read
    /// them already): no statement but the index's generation.
    public func tuneChanges(song id: Int64, versions: [Int]) throws(ArchiveError) -> Set<Int> {
        let loaded = try tuneIndex()
        var byVersion: [Int: Set<TuneShape>] = [:]
        for entry in loaded.entriesOfSong[id] ?? [] {
            byVersion[loaded.origins[entry].version ?? 0, default: []].insert(loaded.index.entries[entry].shape)
        }
        var changed = Set<Int>(), previous = Set<TuneShape>()
        for version in versions.sorted() {
            let tunes = byVersion[version] ?? []
            if tunes != previous, !tunes.isEmpty { changed.insert(version) }
            previous = tunes
        }
        return changed
    }

    /// A resemblance of one of a song's tunes to another tune: which section, the bars of it that matched, and the
    /// other tune.
    public struct Resemblance: Sendable, Hashable {
        public var section: String
        public var firstBar: Int
        public var lastBar: Int
        public var match: TuneMatch
    }

    /// Tunes like a song's own: for each tune of its newest version (as the public may see it), the songs and
    /// reference tunes it most resembles, best first, one hit per other tune; only likenesses of at least
    /// `least` of the tune and `notes` notes. `shown`, when the caller has read it already, is that version as
    /// the public sees it (`publicSong`, as a song page shows it): its tunes are searched without reading it again.
    /// `kept`: where likenesses found before are kept. A song whose tunes are as they were when its likenesses were
    /// kept is not searched again: its kept hits are shown where the index still holds the tune each matched, joined by
    /// a search of the rows added since (when there are at most `likenessNewestSearched`; more, and it is searched
    /// whole again). What is found is kept there.
    public func tunesLike(song id: Int64, shown: Song? = nil, kept: KeptParts? = nil, limit: Int = TourArchive.likenessesShown, least: Double = TourArchive.likenessLeast,
                          notes: Int = TourArchive.likenessNotes) throws(ArchiveError) -> [Resemblance] {
        let shapes: [(section: String, shape: TuneShape)]
        if let shown {
            shapes = TourArchive.tuneShapes(ofPublic: shown)
        } else {
            let song = try self.song(id)
            shapes = try query { db in try TourArchive.tuneShapes(of: song, db) }
        }
        var best: [String: Resemblance] = [:]
        // Alignment is local in the other tune, so a whole section finds a shared chorus anywhere in it.
        let asked = shapes.filter { $0.shape.noteCount >= SongLimits.tuneQueryMinimumNotes }.map { section, shape in
            (section, shape.noteCount > SongLimits.tuneQueryNotes ? shape.notes(0..<SongLimits.tuneQueryNotes) : shape)
        }
        // A song's verses are mostly sung to one tune: each different tune is searched once, and its likenesses
        // are its first section's (as they were when every section was searched).
        var distinct: [TuneShape] = [], place: [TuneShape: Int] = [:]
        for (_, shape) in asked where place[shape] == nil {
            place[shape] = distinct.count
            distinct.append(shape)
        }
        let (loaded, hits) = try likenessHits(distinct, of: id, kept: kept, limit: limit)
        let searched = try resolve(hits, in: loaded, limit: limit)
        let found = asked.map { searched[place[$0.1]!] }
        for ((section, query), matches) in zip(asked, found) {
            for match in matches where match.similarity >= least && match.tuneNotes.count >= notes {
                let key = match.kind == .song ? "s\(match.song?.id ?? 0)" : "r\(match.referenceTune ?? 0)"
                if let held = best[key], held.match.similarity >= match.similarity { continue }
                let own = query.bars
                best[key] = Resemblance(section: section, firstBar: Int(own[min(match.queryNotes.lowerBound, own.count - 1)]),
                                        lastBar: Int(own[min(max(match.queryNotes.upperBound - 1, 0), own.count - 1)]), match: match)
            }
        }
        return best.values.sorted { $0.match.similarity != $1.match.similarity ? $0.match.similarity > $1.match.similarity : $0.match.title < $1.match.title }
            .prefix(limit).map { $0 }
    }

    /// What a song page shows as "tunes like this": at most this many likenesses, each of at least this share of the
    /// tune (the alignment's similarity) over at least this many notes.
    public static let likenessesShown = 8, likenessLeast = 0.6, likenessNotes = 8
    /// How many more hits a tune's kept likenesses hold than a page shows, so one that leaves (its song withdrawn or
    /// indexed again) leaves the next in its place; and the most rows added since they were kept that are searched
    /// on their own rather than searching the whole index again.
    public static let likenessesSpare = 4, likenessNewestSearched = 2_000

    /// Each of `tunes` (a song's different tunes, as the public sees them) searched for likenesses among every other
    /// song's tunes and the reference tunebooks: at most `limit` + `likenessesSpare` hits each, in the search's order,
    /// one per song or reference tune. From `kept` where it holds them for these tunes (see `tunesLike`).
    func likenessHits(_ tunes: [TuneShape], of id: Int64, kept: KeptParts?, limit: Int) throws(ArchiveError) -> (TuneIndexCache.Loaded, [[Found]]) {
        let loaded = try tuneIndex()
        let wanted = limit + TourArchive.likenessesSpare
        // (A shape's bytes begin with its length, so joined they read back one way only.)
        let digest = Data(SHA256.digest(tunes.flatMap(\.bytes)))
        func found(_ hits: [MelodicIndex.Hit]) -> [Found] {
            hits.filter { loaded.origins[$0.entry].song != id }.prefix(wanted)
                .map(Found.init)
        }
        func keep(_ lists: [[Found]]) {
            kept?.keep(likeness: StoredLikeness(tunes: digest, upTo: loaded.newestRow, hits: lists.map { list in
                list.map { StoredLikeness.Hit(row: loaded.rows[$0.entry], check: StoredLikeness.check(loaded.index.entries[$0.entry].shape.bytes),
                                              similarity: $0.similarity, tuneNotes: $0.tuneNotes, queryNotes: $0.queryNotes) }
            }), of: id)
        }
        if let stored = kept?.likeness(of: id), stored.tunes == digest, stored.hits.count == tunes.count {
            let newer = loaded.count(newerThan: stored.upTo)
            // A kept hit stands while its row is in the index (a consent change indexes a song again, under new
            // rows; a song or tunebook removed takes its rows). A row that holds another tune than the one matched
            // (an archive put back from a backup under the same name) means the list is not this archive's.
            var foreign = false
            var lists = stored.hits.map { list in
                list.compactMap { hit -> Found? in
                    guard let entry = loaded.entryOfRow[hit.row] else { return nil }
                    guard loaded.origins[entry].song != id, StoredLikeness.check(loaded.index.entries[entry].shape.bytes) == hit.check else {
                        foreign = true
                        return nil
                    }
                    return Found(entry: entry, similarity: hit.similarity, tuneNotes: hit.tuneNotes, queryNotes: hit.queryNotes)
                }
            }
            // So many gone that a page could show fewer than a search would find: search again.
            let thinned = zip(stored.hits, lists).contains { $0.count >= limit && $1.count < limit }
            if newer <= TourArchive.likenessNewestSearched, !thinned, !foreign {
                if newer > 0 {
                    let index = tuneCache.newest(newer, of: loaded).forLikeness(least: TourArchive.likenessLeast)
                    for (i, query) in tunes.enumerated() {
                        let fresh = found(index.search(query, limit: wanted + 1))
                        guard !fresh.isEmpty else { continue }
                        // One hit per song or reference tune (the better of the kept and the new), best first.
                        var best: [Int64: Found] = [:]
                        for hit in lists[i] + fresh {
                            let group = loaded.index.entries[hit.entry].group
                            if let held = best[group], held.similarity >= hit.similarity { continue }
                            best[group] = hit
                        }
                        lists[i] = Array(best.values.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.entry < $1.entry }.prefix(wanted))
                    }
                    keep(lists)
                }
                return (loaded, lists)
            }
        }
        let index = loaded.index.forLikeness(least: TourArchive.likenessLeast)
        let lists = tunes.map { found(index.search($0, limit: wanted + 1)) }
        keep(lists)
        return (loaded, lists)
    }

    // MARK: - Reference tunebooks

    /// What came of importing a reference tunebook.
    public struct ReferenceImport: Sendable {
        public var collection: Int64
        public var tunes: Int
        /// Each tune that did not read, as `file:line:column: error: ...` (first line only); the rest were imported.
        public var problems: [String]
    }

    /// A reference tunebook, by name, with how many tunes it holds.
    public struct ReferenceCollection: Sendable, Hashable, Codable {
        public var id: Int64
        public var name: String
        public var source: String
        public var tunes: Int
        public var importedAt: String
    }

    /// Imports ABC tunebooks (`files`: each one's text and name) as one reference collection named `name`: every
    /// tune that reads is kept and indexed, each that does not is reported by file and line. One write: all of it
    /// is kept, or nothing.
    public func importReference(_ files: [(text: String, file: String)], name: String) throws(ArchiveError) -> ReferenceImport {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ArchiveError("a reference collection needs a name (--name)", kind: .invalid) }
        if let problem = OneLineText.problem(name, what: "the collection's name") { throw ArchiveError(problem, kind: .invalid) }
        typealias Read = (number: Int?, title: String, abc: String, shape: TuneShape)
        var tunes: [Read] = []
        var problems: [String] = []
        for (text, file) in files {
            guard text.utf8.count <= SongLimits.songTextBytes else {
                throw ArchiveError("\(file) is larger than \(SongLimits.songTextBytes >> 20) MB; split the tunebook", kind: .invalid)
            }
            let (read, diagnostics) = ABCReader.mapEachTune(SourceText(text, name: file)) { tune -> Read in
                (tune.reference, tune.title ?? "Untitled", ABCWriter.write(tune), TuneShape(melody: tune.melody))
            }
            tunes += read
            // One problem per tune left out: its first error (a tune's X: line starts it).
            var starts: [Int] = []
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.hasPrefix("X:") { starts.append(i + 1) }
            var reported = Set<Int>()
            for d in diagnostics where d.isError {
                let tune = starts.lastIndex { $0 <= d.line } ?? -1
                guard reported.insert(tune).inserted else { continue }
                problems.append(String(String(describing: d).split(separator: "\n").first ?? ""))
            }
            guard tunes.count <= SongLimits.referenceTunes else {
                throw ArchiveError("a reference collection takes at most \(SongLimits.referenceTunes) tunes; nothing was imported", kind: .invalid)
            }
        }
        guard !tunes.isEmpty else {
            throw ArchiveError("no tune could be read" + (problems.first.map { " (\($0))" } ?? ""), kind: .invalid)
        }
        let source = files.map { ($0.file as NSString).lastPathComponent }.prefix(3).joined(separator: ", ") + (files.count > 3 ? " and \(files.count - 3) more" : "")
        return try change("reference import", detail: name) { db in
            if try db.exists("SELECT id FROM referenceCollection WHERE name = ?", [name]) {
                throw ArchiveError("a reference collection named '\(name)' is already in the archive; remove it first (songbridge reference remove)", kind: .conflict)
            }
            let collection = try db.insert("INSERT INTO referenceCollection (name, source, importedAt) VALUES (?, ?, ?)", [name, source, TourArchive.now])
            for tune in tunes {
                let id = try db.insert("INSERT INTO referenceTune (collectionId, number, title, abc) VALUES (?, ?, ?, ?)",
                                       [collection, tune.number, OneLineText.safe(String(tune.title.prefix(SongLimits.nameLength))), tune.abc])
                if tune.shape.noteCount >= 2 { try db.execute("INSERT INTO tuneShape (referenceTuneId, shape) VALUES (?, ?)", [id, Data(tune.shape.bytes)]) }
            }
            try TourArchive.bumpTuneGeneration(db)
            return ReferenceImport(collection: collection, tunes: tunes.count, problems: problems)
        }
    }

    /// The reference collections, by name.
    public func referenceCollections() throws(ArchiveError) -> [ReferenceCollection] {
        try query { db in
            try db.rows("""
                SELECT c.id, c.name, c.source, c.importedAt, (SELECT COUNT(*) FROM referenceTune t WHERE t.collectionId = c.id) AS n
                FROM referenceCollection c ORDER BY c.name
                """).map { ReferenceCollection(id: $0[0] ?? 0, name: $0[1] ?? "", source: $0[2] ?? "", tunes: $0[4] ?? 0, importedAt: $0[3] ?? "") }
        }
    }

    /// Removes a reference collection, its tunes and their place in the index; gives how many tunes went.
    @discardableResult
    public func removeReference(named name: String) throws(ArchiveError) -> Int {
        try change("reference remove", detail: name) { db in
            guard let id = try db.value("SELECT id FROM referenceCollection WHERE name = ?", [name], as: Int64.self) else {
                throw ArchiveError("no reference collection named '\(OneLineText.safe(String(name.prefix(80))))'", kind: .notFound)
            }
            let count = try db.value("SELECT COUNT(*) FROM referenceTune WHERE collectionId = ?", [id], as: Int.self) ?? 0
            try db.execute("DELETE FROM referenceCollection WHERE id = ?", [id])
            try TourArchive.bumpTuneGeneration(db)
            return count
        }
    }

    /// A reference tune: its collection, number, title and ABC.
    public func referenceTune(_ id: Int64) throws(ArchiveError) -> (collection: String, number: Int?, title: String, abc: String) {
        guard let row = try query({ db in
            try db.row("SELECT c.name, t.number, t.title, t.abc FROM referenceTune t JOIN referenceCollection c ON c.id = t.collectionId WHERE t.id = ?", [id])
        }) else { throw ArchiveError("no reference tune \(id)", kind: .notFound) }
        return (row[0] ?? "", row[1], row[2] ?? "", row[3] ?? "")
    }
}

extension TourArchive.Found {
    /// A search's hit, in the index it searched (whose entries are numbered as the one held).
    init(_ hit: MelodicIndex.Hit) { self.init(entry: hit.entry, similarity: hit.similarity, tuneNotes: hit.tuneNotes, queryNotes: hit.queryNotes) }
}
