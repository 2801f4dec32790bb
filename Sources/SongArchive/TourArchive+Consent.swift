import Foundation
import SongCore

extension TourArchive {
    // MARK: - Consent history

    /// A person's consent history, oldest first.
    public func consentHistory(of id: String) throws(ArchiveError) -> [ConsentChange] {
        try query { db in try TourArchive.consentHistory(of: id, db) }
    }

    static func consentHistory(of id: String, _ db: any SQLSession) throws -> [ConsentChange] {
        try db.rows("SELECT uid, consent, guardian, at, supersedes FROM consentChange WHERE contributorId = ? ORDER BY at, uid", [id]).map {
            ConsentChange(uid: $0[0] ?? "", consent: Consent(rawValue: $0[1] ?? "") ?? .anonymous, guardian: $0[2], at: $0[3] ?? "",
                          supersedes: ($0[4] as String? ?? "").split(separator: " ").map(String.init))
        }
    }

    /// Adds a change made here: it supersedes every head of the person's history, since this laptop knew them all.
    static func logConsent(of id: String, _ level: Consent, guardian: Bool?, _ db: any SQLSession) throws {
        let heads = ConsentChange.heads(try consentHistory(of: id, db)).map(\.uid).sorted()
        try db.execute("""
            INSERT INTO consentChange (uid, contributorId, consent, guardian, at, supersedes, madeIn, madeBy)
            VALUES (?, ?, ?, ?, ?, ?, (SELECT value FROM secret WHERE name = 'archive-id'), (SELECT label FROM writer))
            """, [ArchiveSchema.randomUID(), id, level.rawValue, guardian, TourArchive.now, heads.joined(separator: " ")])
    }

    /// Makes the person's row say `level` (and the guardian's answer, when given), with what follows from it:
    /// withdrawal marks every version holding their contributions and erases every take they are heard in; their
    /// songs are indexed again for search with the consent now given. Returns how many takes were erased.
    static func applyConsent(of id: String, _ level: Consent, guardian: Bool?, _ db: any SQLSession) throws -> Int {
        var songs: Set<Int64> = []
        let erased = try applyConsent(of: id, level, guardian: guardian, songsToIndex: &songs, db)
        try indexAgain(songs, db)
        return erased
    }

    /// The same, leaving the person's songs to be indexed again in `songsToIndex` (a sync that decides many people's
    /// consent indexes each of their songs once, not once for each of its people).
    static func applyConsent(of id: String, _ level: Consent, guardian: Bool?, songsToIndex: inout Set<Int64>, _ db: any SQLSession) throws -> Int {
        try db.execute("UPDATE contributor SET consent = ?, guardianConsent = COALESCE(?, guardianConsent) WHERE id = ?",
                       [level.rawValue, guardian, id])
        try refreshShownName(of: id, db)
        if level == .withdrawn {
            try db.execute("""
                UPDATE version SET holdsWithdrawn = 1 WHERE songId IN (
                  SELECT c.songId FROM contribution c JOIN contributionContributor cc ON cc.contributionId = c.id WHERE cc.contributorId = ?)
                """, [id])
        }
        // Their voice goes: every take they are heard in (the notes made from it stay, credited as consent allows).
        let erasedTakes = level == .withdrawn ? try TourArchive.eraseTakes(by: id, db) : 0
        // Search finds only what the public may see: their songs are indexed again with the consent just given.
        songsToIndex.formUnion(try db.values("""
            SELECT DISTINCT c.songId FROM contribution c JOIN contributionContributor cc ON cc.contributionId = c.id WHERE cc.contributorId = ?
            """, [id], as: Int64.self))
        return erasedTakes
    }

    /// Indexes songs again for search, words and tunes, with everyone's consent as it is now.
    static func indexAgain(_ songs: Set<Int64>, _ db: any SQLSession) throws {
        let songs = songs.sorted()
        try indexWordsAgain(songs, db)
        // Every version's tunes again: a withdrawn person's tune is searchable in none of them.
        for song in songs { try TourArchive.indexTunes(of: song, db) }
    }

    /// Makes songs' search rows again from their newest versions as the public sees them now.
    static func indexWordsAgain(_ songs: [Int64], _ db: any SQLSession) throws {
        for song in songs {
            guard let latest = try TourArchive.newestVersion(of: song, db) else { continue }
            // A damaged version is reported where it is read; its song is taken out of search meanwhile.
            guard let parsed = try? latest.read() else {
                try TourArchive.unindex(song, db)
                continue
            }
            try TourArchive.index(song, parsed, db)
        }
    }

    /// Every song's search row made again, in an archive with partner organisations: the step both engines'
    /// migrations take (SQLite's `v13-search-as-the-public-sees`, PostgreSQL's `pg5`), run seeing every
    /// organisation's names. Before 5eb0bb5 a song was indexed through a projection that read names as the writer
    /// could: a partner's token could not read the archive's own names (nor the archive's own token a partner's),
    /// so a name in a title, which the projection shortens or takes out as consent says, could stay findable in the
    /// song's search row. Without organisations every writer read every name, and nothing needs doing.
    public static func indexWordsAgainWhereShared(_ db: any SQLSession) throws {
        guard try db.exists("SELECT 1 FROM organisation LIMIT 1") else { return }
        try indexWordsAgain(try db.values("SELECT id FROM song ORDER BY id", as: Int64.self), db)
    }

    /// Sets how much of the person's name anyone may see to what their consent shows now: worked out from the name
    /// itself where this viewer may read it, otherwise from what was shown before (so it can narrow, never widen,
    /// without the name).
    static func refreshShownName(of id: String, _ db: any SQLSession) throws {
        guard let person = try Contributor.read(id, db) else { return }
        try db.execute("UPDATE contributor SET name = ? WHERE id = ?", [person.shownName, id])
    }

    /// The person a public id (`publicID`, as the API's list of people gives it) stands for, or nil: a script that
    /// read someone from that list can change their consent or erase their takes. Every id is tried (a hash each).
    public func contributorID(publicID given: String) throws(ArchiveError) -> String? {
        guard given.hasPrefix("p-"), given.utf8.count == 14 else { return nil }
        let ids = try query { db in try db.values("SELECT id FROM contributor", as: String.self) }
        return ids.first { publicID($0) == given }
    }
}
