import Foundation
import SongMerge
import SongCore
import SongText

extension TourArchive {
    // MARK: - Versions

    /// Merges the song's accepted contributions not yet in a version into a new version; returns it and its report.
    ///
    /// When laptops merged the song apart, it has branches (several versions no other builds on); the new version
    /// joins them: it is built on the newest and takes in every contribution that version's history does not hold
    /// (so the other branches' work arrives as contributions, with the usual conflict report), and names every
    /// branch as its parent.
    ///
    /// Three steps, so the write lock is held only for the last: read what the merge starts from (the newest
    /// version, the contributions, and only the people they name), merge and check outside any transaction, then
    /// write the version in a short transaction that first checks the song has not moved on meanwhile. Two merges
    /// of one song at once: the second finds a newer version than it started from and is refused as a conflict
    /// (merge again), never writing over the first.
    public func merge(song id: Int64) throws(ArchiveError) -> (version: Int, report: MergeReport) {
        let prepared = try prepareMerge(song: id)
        return (try commit(prepared), prepared.report)
    }

    /// A merge worked out and checked, not yet written.
    struct PreparedMerge: Sendable {
        var song: Int64
        /// The version it was built on (nil before the first).
        var baseNumber: Int?
        /// The song's branches when it was read (global ids, the one built on first): the new version's parents.
        var heads: [String]
        var merged: Song
        var text: String
        var report: MergeReport
        var reportJSON: String
    }

    /// The first two steps: what the merge starts from, read in one read transaction, then merged and checked.
    func prepareMerge(song id: Int64) throws(ArchiveError) -> PreparedMerge {
        let (base, baseNumber, heads, contributions, people) = try query { db in try TourArchive.mergeInput(song: id, db) }
        var pieces: [MergePiece] = []
        for c in contributions { pieces.append(try TourArchive.read(c)) }
        var (song, report) = Merger.merge(base: base, pieces: pieces, people: people)
        if heads.count > 1 { report.joined = heads.count }
        let reportJSON: String
        do { reportJSON = String(decoding: try JSONEncoder().encode(report), as: UTF8.self) } catch {
            throw ArchiveError("the merge report could not be written (\(error)); nothing was changed", kind: .invalid)
        }
        let text = ChordProWriter.write(song)
        // What is stored must read back: a version that would not is refused now, not found broken later.
        guard (try? ChordProReader.read(text, name: "song \(id)").value.first) != nil else {
            throw ArchiveError("the merged song does not read back as ChordPro; nothing was changed", kind: .invalid)
        }
        return PreparedMerge(song: id, baseNumber: baseNumber, heads: heads, merged: song, text: text, report: report, reportJSON: reportJSON)
    }

    /// The last step: the version written in a short transaction, unless the song has moved on since the merge
    /// read it (then a conflict, and nothing is written).
    func commit(_ m: PreparedMerge) throws(ArchiveError) -> Int {
        return try change("merge", detail: "song \(m.song)") { db in
            let graph = try TourArchive.versionGraph(of: m.song, db)
            let newest = graph.last?.number
            guard Set(VersionNode.heads(of: graph).map(\.uid)) == Set(m.heads) else {
                throw ArchiveError("song \(m.song) changed while it was being merged (version \(newest ?? 0) is now the newest); nothing was changed, merge again", kind: .conflict)
            }
            let number = (newest ?? 0) + 1
            try TourArchive.insertVersion(of: m.song, number: number, parents: m.heads, merged: try TourArchive.uids(ofContributions: m.report.merged, db),
                                          song: m.merged, text: m.text, report: m.reportJSON, db)
            for merged in m.report.merged { try db.execute("UPDATE contribution SET mergedIn = ? WHERE id = ?", [number, merged]) }
            return number
        }
    }

    /// Stores a version (the one place versions are written): its text with the text's SHA-256 (checked whenever
    /// it is read), its report, whether it holds anyone who has withdrawn, its parents and the contributions it
    /// merged (both by global id); and the song's search entry, from what the public may see of it. A version made
    /// here gets its global id and origin from the version table's trigger; one brought by a sync (`synced`) keeps
    /// its own, and its date.
    static func insertVersion(of id: Int64, number: Int, parents: [String], merged mergedUIDs: [String], synced: (uid: String, createdAt: String, origin: SyncChanges.Origin)? = nil,
                              song: Song, text: String, report: String, _ db: any SQLSession) throws {
        let holdsWithdrawn = song.provenance.contributors.contains { $0.consent == .withdrawn }
        let parentNumber = try parents.first.flatMap { try db.value("SELECT number FROM version WHERE songId = ? AND uid = ?", [id, $0], as: Int.self) }
        try db.execute("""
            INSERT INTO version (songId, number, parentNumber, chordpro, sha256, report, holdsWithdrawn, createdAt, parents, merged, uid, madeIn, madeBy)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [id, number, parentNumber, text, SHA256.hex(text), report, holdsWithdrawn, synced?.createdAt ?? TourArchive.now,
                               parents.joined(separator: " "), mergedUIDs.sorted().joined(separator: " "), synced?.uid, synced?.origin.archive, synced?.origin.by])
        try index(id, song, db)
        try indexTunes(of: id, version: number, song, db)
    }

    /// The global ids of contributions given by their local ids (those held here).
    static func uids(ofContributions ids: [Int64], _ db: any SQLSession) throws -> [String] {
        try ids.compactMap { try db.value("SELECT uid FROM contribution WHERE id = ?", [$0], as: String.self) }
    }

    /// What a merge of song `id` starts from: the newest of its branches (a damaged one stops the merge:
    /// rebuilding from the song's row alone would silently drop everything merged before), or, before the first, a
    /// song made from its row; that version's number; every branch (global ids, the one built on first); the
    /// accepted contributions that version's history does not hold (those merged on other branches among them);
    /// and the people they and the song name, with their consent as it is now.
    static func mergeInput(song id: Int64, _ db: any SQLSession) throws -> (base: Song, number: Int?, heads: [String], contributions: [Contribution], people: [Contributor]) {
        guard let row = try db.row("SELECT title, key, meter, stopId FROM song WHERE id = ?", [id]) else { throw ArchiveError("no song with id \(id)", kind: .notFound) }
        let graph = try versionGraph(of: id, db)
        let heads = VersionNode.heads(of: graph)
        let latest = heads.max { $0.number < $1.number }
        var base: Song
        if let latest {
            let text = try db.row("SELECT chordpro, sha256 FROM version WHERE songId = ? AND number = ?", [id, latest.number])
            base = try parseVersion(text?[0] ?? "", sha256: text?[1], song: id, number: latest.number)
        } else {
            var meta = SongMetadata(title: row[0] as String? ?? "")
            meta.key = (row[1] as String?).flatMap { Key($0) }
            meta.meter = (row[2] as String?).flatMap { Meter($0) }
            base = Song(metadata: meta)
            if let stopID = row[3] as String? {
                base.provenance.stop = try db.row("SELECT \(TourStop.columns) FROM stop WHERE id = ?", [stopID]).map(TourStop.init(sqlRow:))
            }
        }
        // What the version built on holds already: everything merged in it and in the versions it descends from.
        let ancestry = latest.map { VersionNode.ancestry(of: $0.uid, in: graph) } ?? []
        let held = Set(graph.filter { ancestry.contains($0.uid) }.flatMap(\.merged))
        var contributions: [Contribution] = []
        for c in try db.rows("SELECT id, kind, payload, section, line, uid FROM contribution WHERE songId = ? AND status = 'accepted' ORDER BY id", [id])
        where !held.contains(c[5] ?? "") {
            let cid: Int64 = c[0] ?? 0
            let people = try db.values("SELECT contributorId FROM contributionContributor WHERE contributionId = ? ORDER BY contributorId", [cid], as: String.self)
            contributions.append(Contribution(id: cid, kind: Contribution.Kind(rawValue: c[1] ?? "") ?? .idea, payload: c[2] ?? "", section: c[3],
                                              line: c[4], contributors: people, status: .accepted))
        }
        let named = Set(base.provenance.contributors.map(\.id)).union(contributions.flatMap(\.contributors))
        let people = try named.sorted().compactMap { person in
            try Contributor.read(person, db)
        }
        // Everyone's consent as it is now.
        base.provenance.contributors = base.provenance.contributors.map { p in people.first { $0.id == p.id } ?? p }
        let others = heads.filter { $0.uid != latest?.uid }.sorted { $0.number < $1.number }
        return (base, latest?.number, (latest.map { [$0.uid] } ?? []) + others.map(\.uid), contributions, people)
    }

    /// A version of a song (the newest when `number` is nil).
    public func song(_ id: Int64, version number: Int? = nil) throws(ArchiveError) -> Song {
        try numberedSong(id, version: number).song
    }

    /// A version of a song (the newest when `number` is nil) with its number, read together, so a page can say
    /// which version it shows.
    public func numberedSong(_ id: Int64, version number: Int? = nil) throws(ArchiveError) -> (number: Int, song: Song) {
        let (number, _, song) = try numberedVersion(id, version: number)
        return (number, song)
    }

    /// The same, with the SHA-256 of the version's text (hex): what a page made from it can be kept under.
    public func numberedVersion(_ id: Int64, version number: Int? = nil) throws(ArchiveError) -> (number: Int, sha256: String, song: Song) {
        let cache = versionCache
        let found: (VersionKey?, Song?)? = try query { db in
            // The cache is keyed by the text's digest too: a version rewritten by an erasure (here or by another
            // process on the same file) is never served from a copy parsed before.
            // (The text comes with the row: a second statement for it, when the parsed song is not held, was a round
            // trip more to PostgreSQL for every song not read lately.)
            let row = try number.map { n in
                try db.row("SELECT number, sha256, chordpro FROM version WHERE songId = ? AND number = ?", [id, n])
            } ?? db.row("SELECT number, sha256, chordpro FROM version WHERE songId = ? ORDER BY number DESC LIMIT 1", [id])
            guard let row else { return try db.exists("SELECT 1 FROM song WHERE id = ?", [id]) ? (nil, nil) : nil }
            let key = VersionKey(song: id, number: row[0] ?? 0, sha256: row[1] ?? "")
            if let parsed = cache.get(key) { return (key, parsed) }
            return (key, try TourArchive.parseVersion(row[2] ?? "", sha256: row[1], song: id, number: key.number))
        }
        guard let found else { throw ArchiveError("no song \(id)", kind: .notFound) }
        guard let key = found.0, let song = found.1 else {
            throw ArchiveError(number.map { "song \(id) has no version \($0)" } ?? "song \(id) has no version yet (merge it first)", kind: .notFound)
        }
        cache.put(key, song)
        return (key.number, key.sha256, song)
    }

    /// The newest version's number and the SHA-256 of its text, without reading the text (nil when the song has no
    /// version, or one stored before versions had digests): what a kept page is looked up by. Inside `reading`, the
    /// melodic index's generation, which a kept page is looked up by too, comes with it: one statement, not two.
    public func newestVersionMark(_ id: Int64) throws(ArchiveError) -> (number: Int, sha256: String)? {
        try query { db in
            let sql = "SELECT number, sha256, (SELECT value FROM tuneIndexGeneration) FROM version WHERE songId = ? ORDER BY number DESC LIMIT 1"
            return try db.row(sql, [id]).flatMap { row in
                if let memo = TourArchive.sharedRead?.memo, let generation: Int64 = row[2] {
                    memo.tuneGeneration.withLock { held in if held == nil { held = generation } }
                }
                guard let number: Int = row[0], let sha256: String = row[1] else { return nil }
                return (number, sha256)
            }
        }
    }

    /// The newest version as the public may see it now (through the consent projection), with its number, its
    /// text's SHA-256 and the ids of the people its text names (as stored, not the public's), in one read
    /// transaction (on PostgreSQL each is a BEGIN, the viewer's setting, the reads and a COMMIT).
    public func newestPublicVersion(_ id: Int64) throws(ArchiveError) -> (number: Int, sha256: String, song: Song, people: [String]) {
        try reading { () throws(ArchiveError) in
            let (number, sha256, song) = try numberedVersion(id)
            return (number, sha256, try publicSong(song), Array(Set(song.provenance.contributors.map(\.id))).sorted())
        }
    }

    /// The newest stored version of a song, not yet read: its number and a way to read it (checked).
    static func newestVersion(of id: Int64, _ db: any SQLSession) throws -> (number: Int, read: () throws(ArchiveError) -> Song)? {
        guard let row = try db.row("SELECT number, chordpro, sha256 FROM version WHERE songId = ? ORDER BY number DESC LIMIT 1", [id]) else {
            return nil
        }
        let (number, text, sha256): (Int, String, String?) = (row[0] ?? 0, row[1] ?? "", row[2])
        return (number, { () throws(ArchiveError) -> Song in try parseVersion(text, sha256: sha256, song: id, number: number) })
    }

    /// A stored version's text as a song, after checking it is the text that was stored (its SHA-256); a damaged
    /// or unreadable version is an error naming the song and version, and is never parsed or built on.
    static func parseVersion(_ text: String, sha256: String?, song id: Int64, number: Int) throws(ArchiveError) -> Song {
        if let sha256, SHA256.hex(text) != sha256 {
            throw ArchiveError("version \(number) of song \(id) is damaged: its text is not what was stored (the checksum differs); restore the archive from a backup", kind: .invalid)
        }
        do {
            guard let song = try ChordProReader.read(text, name: "song \(id) version \(number)").value.first else {
                throw ArchiveError("version \(number) of song \(id) holds no song", kind: .invalid)
            }
            return song
        } catch let e as ArchiveError { throw e } catch {
            throw ArchiveError("version \(number) of song \(id) does not read: \(String(describing: error).split(separator: "\n").first ?? "")", kind: .invalid)
        }
    }

    /// The newest version's number and when it was made: one indexed lookup, for a page that watches for a new
    /// draft.
    public func latestVersion(_ id: Int64) throws(ArchiveError) -> (number: Int, createdAt: String) {
        let found: (number: Int, createdAt: String)?? = try query { db in
            guard try db.exists("SELECT 1 FROM song WHERE id = ?", [id]) else { return nil }
            return .some(try db.row("SELECT number, createdAt FROM version WHERE songId = ? ORDER BY number DESC LIMIT 1", [id])
                .map { (number: $0[0] ?? 0, createdAt: $0[1] ?? "") })
        }
        guard let exists = found else { throw ArchiveError("no song \(id)", kind: .notFound) }
        guard let latest = exists else { throw ArchiveError("song \(id) has no version yet (merge it first)", kind: .notFound) }
        return latest
    }

    /// The versions of a song, oldest first (by their numbers here): each with its parents, what it merged,
    /// where it was made, and whether it holds withdrawn people's work.
    /// A song that is not there is refused ("no song N"); one not merged yet has none.
    public func versions(_ id: Int64) throws(ArchiveError) -> [VersionNode] {
        let graph: [VersionNode]? = try query { db in
            let graph = try TourArchive.versionGraph(of: id, db)
            if graph.isEmpty, try !db.exists("SELECT 1 FROM song WHERE id = ?", [id]) { return nil }
            return graph
        }
        guard let graph else { throw ArchiveError("no song \(id)", kind: .notFound) }
        return graph
    }

    /// The song's version graph, oldest first by local number.
    static func versionGraph(of id: Int64, _ db: any SQLSession) throws -> [VersionNode] {
        try db.rows("""
            SELECT number, uid, parents, merged, createdAt, holdsWithdrawn, madeIn, madeBy FROM version WHERE songId = ? ORDER BY number
            """, [id]).map { row in
            VersionNode(number: row[0] ?? 0, uid: row[1] ?? "", parents: VersionNode.uids(in: row[2] ?? ""), merged: VersionNode.uids(in: row[3] ?? ""), createdAt: row[4] ?? "",
                        holdsWithdrawn: row[5] ?? false, madeIn: row[6] ?? "", madeBy: row[7] ?? "")
        }
    }
}
