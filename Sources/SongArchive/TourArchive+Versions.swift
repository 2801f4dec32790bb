import Foundation
import GRDB
import SongMerge
import SongCore
import SongText

extension TourArchive {
    // MARK: - Versions

    /// Merges the song's accepted contributions not yet in a version into a new version; returns it and its report.
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
        var merged: Song
        var text: String
        var report: MergeReport
        var reportJSON: String
    }

    /// The first two steps: what the merge starts from, read in one read transaction, then merged and checked.
    func prepareMerge(song id: Int64) throws(ArchiveError) -> PreparedMerge {
        let (base, baseNumber, contributions, people) = try read { db in try TourArchive.mergeInput(song: id, db) }
        var pieces: [MergePiece] = []
        for c in contributions { pieces.append(try TourArchive.read(c)) }
        let (song, report) = Merger.merge(base: base, pieces: pieces, people: people)
        let reportJSON: String
        do { reportJSON = String(decoding: try JSONEncoder().encode(report), as: UTF8.self) } catch {
            throw ArchiveError("the merge report could not be written (\(error)); nothing was changed", kind: .invalid)
        }
        let text = ChordProWriter.write(song)
        // What is stored must read back: a version that would not is refused now, not found broken later.
        guard (try? ChordProReader.read(text, name: "song \(id)").value.first) != nil else {
            throw ArchiveError("the merged song does not read back as ChordPro; nothing was changed", kind: .invalid)
        }
        return PreparedMerge(song: id, baseNumber: baseNumber, merged: song, text: text, report: report, reportJSON: reportJSON)
    }

    /// The last step: the version written in a short transaction, unless the song has moved on since the merge
    /// read it (then a conflict, and nothing is written).
    func commit(_ m: PreparedMerge) throws(ArchiveError) -> Int {
        return try write("merge", detail: "song \(m.song)") { db in
            let newest = try Int.fetchOne(db, sql: "SELECT MAX(number) FROM version WHERE songId = ?", arguments: [m.song])
            guard newest == m.baseNumber else {
                throw ArchiveError("song \(m.song) changed while it was being merged (version \(newest ?? 0) is now the newest); nothing was changed, merge again", kind: .conflict)
            }
            let number = (m.baseNumber ?? 0) + 1
            try TourArchive.insertVersion(of: m.song, number: number, after: m.baseNumber, song: m.merged, text: m.text, report: m.reportJSON, db)
            for merged in m.report.merged { try db.execute(sql: "UPDATE contribution SET mergedIn = ? WHERE id = ?", arguments: [number, merged]) }
            return number
        }
    }

    /// Stores a version (the one place versions are written): its text with the text's SHA-256 (checked whenever
    /// it is read), its report, whether it holds anyone who has withdrawn; and the song's search entry, from what
    /// the public may see of it.
    static func insertVersion(of id: Int64, number: Int, after parent: Int?, song: Song, text: String, report: String, _ db: Database) throws {
        let holdsWithdrawn = song.provenance.contributors.contains { $0.consent == .withdrawn }
        try db.execute(sql: "INSERT INTO version (songId, number, parentNumber, chordpro, sha256, report, holdsWithdrawn, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [id, number, parent, text, SHA256.hex(text), report, holdsWithdrawn, TourArchive.now])
        try index(id, song, db)
        try indexTunes(of: id, version: number, song, db)
    }

    /// What a merge of song `id` starts from: the newest version (a damaged one stops the merge: rebuilding from
    /// the song's row alone would silently drop everything merged before), or, before the first, a song made from
    /// its row; that version's number; the accepted contributions not yet merged; and the people they and the
    /// song name, with their consent as it is now.
    static func mergeInput(song id: Int64, _ db: Database) throws -> (base: Song, number: Int?, contributions: [Contribution], people: [Contributor]) {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM song WHERE id = ?", arguments: [id]) else { throw ArchiveError("no song with id \(id)", kind: .notFound) }
        let latest = try TourArchive.newestVersion(of: id, db)
        var base: Song
        if let latest {
            base = try latest.read()
        } else {
            var meta = SongMetadata(title: row["title"])
            meta.key = (row["key"] as String?).flatMap { Key($0) }
            meta.meter = (row["meter"] as String?).flatMap { Meter($0) }
            base = Song(metadata: meta)
            if let stopID = row["stopId"] as String? { base.provenance.stop = try TourStop.fetchOne(db, key: stopID) }
        }
        var contributions: [Contribution] = []
        for c in try Row.fetchAll(db, sql: "SELECT * FROM contribution WHERE songId = ? AND status = 'accepted' AND mergedIn IS NULL ORDER BY id", arguments: [id]) {
            let people = try String.fetchAll(db, sql: "SELECT contributorId FROM contributionContributor WHERE contributionId = ? ORDER BY contributorId", arguments: [c["id"] as Int64])
            contributions.append(Contribution(id: c["id"], kind: Contribution.Kind(rawValue: c["kind"]) ?? .idea, payload: c["payload"], section: c["section"],
                                              line: c["line"], contributors: people, status: .accepted))
        }
        let named = Set(base.provenance.contributors.map(\.id)).union(contributions.flatMap(\.contributors))
        let people = try Contributor.filter(keys: named.sorted()).order(Column("id")).fetchAll(db)
        // Everyone's consent as it is now.
        base.provenance.contributors = base.provenance.contributors.map { p in people.first { $0.id == p.id } ?? p }
        return (base, latest?.number, contributions, people)
    }

    /// A version of a song (the newest when `number` is nil).
    public func song(_ id: Int64, version number: Int? = nil) throws(ArchiveError) -> Song {
        try numberedSong(id, version: number).song
    }

    /// A version of a song (the newest when `number` is nil) with its number, read together, so a page can say
    /// which version it shows.
    public func numberedSong(_ id: Int64, version number: Int? = nil) throws(ArchiveError) -> (number: Int, song: Song) {
        let cache = versionCache
        let found: (VersionKey, Song?)? = try read { db in
            // The cache is keyed by the text's digest too: a version rewritten by an erasure (here or by another
            // process on the same file) is never served from a copy parsed before.
            let row = try number.map { n in
                try Row.fetchOne(db, sql: "SELECT number, sha256 FROM version WHERE songId = ? AND number = ?", arguments: [id, n])
            } ?? Row.fetchOne(db, sql: "SELECT number, sha256 FROM version WHERE songId = ? ORDER BY number DESC LIMIT 1", arguments: [id])
            guard let row else { return nil }
            let key = VersionKey(song: id, number: row["number"], sha256: row["sha256"] ?? "")
            if let parsed = cache.get(key) { return (key, parsed) }
            let text = try String.fetchOne(db, sql: "SELECT chordpro FROM version WHERE songId = ? AND number = ?", arguments: [id, key.number])
            return (key, try TourArchive.parseVersion(text ?? "", sha256: row["sha256"], song: id, number: key.number))
        }
        guard let (key, parsed) = found, let song = parsed else {
            throw ArchiveError(number.map { "song \(id) has no version \($0)" } ?? "song \(id) has no version yet (merge it first)", kind: .notFound)
        }
        cache.put(key, song)
        return (key.number, song)
    }

    /// The newest stored version of a song, not yet read: its number and a way to read it (checked).
    static func newestVersion(of id: Int64, _ db: Database) throws -> (number: Int, read: () throws(ArchiveError) -> Song)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT number, chordpro, sha256 FROM version WHERE songId = ? ORDER BY number DESC LIMIT 1", arguments: [id]) else {
            return nil
        }
        let (number, text, sha256): (Int, String, String?) = (row["number"], row["chordpro"], row["sha256"])
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
        let found: (number: Int, createdAt: String)?? = try read { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM song WHERE id = ?)", arguments: [id]) == true else { return nil }
            return .some(try Row.fetchOne(db, sql: "SELECT number, createdAt FROM version WHERE songId = ? ORDER BY number DESC LIMIT 1", arguments: [id])
                .map { (number: $0[0], createdAt: $0[1]) })
        }
        guard let exists = found else { throw ArchiveError("no song \(id)", kind: .notFound) }
        guard let latest = exists else { throw ArchiveError("song \(id) has no version yet (merge it first)", kind: .notFound) }
        return latest
    }

    /// The version numbers of a song, oldest first, and whether each holds withdrawn people's work.
    public func versions(_ id: Int64) throws(ArchiveError) -> [(number: Int, createdAt: String, holdsWithdrawn: Bool)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT number, createdAt, holdsWithdrawn FROM version WHERE songId = ? ORDER BY number", arguments: [id])
                .map { ($0["number"], $0["createdAt"], $0["holdsWithdrawn"]) }
        }
    }
}
