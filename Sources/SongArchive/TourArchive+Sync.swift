import Foundation
import SongCore

extension TourArchive {
    // MARK: - Sync between laptops

    /// Bounds on what one sync may bring: a whole tour fits many times over.
    public enum SyncLimits {
        public static let records = 2_000_000
        public static let textBytes = 4 << 10
        public static let contributionsPerVersion = 100_000
    }

    /// This archive's own id and its tour's id.
    public func syncIdentity() throws(ArchiveError) -> (archive: String, tour: String) {
        try query { db in
            (try db.value("SELECT value FROM secret WHERE name = 'archive-id'", as: String.self) ?? "",
             try db.value("SELECT value FROM secret WHERE name = 'tour-id'", as: String.self) ?? "")
        }
    }

    /// Everything this archive holds that another laptop of the tour may need: every stop, session and person,
    /// and the consent history, songs, contributions and versions made at or after `since` (ISO 8601, the maker's
    /// clock) and arrived here after `after` (a cursor: the `upTo` of changes taken from here before). Nil: all of
    /// them.
    public func syncChanges(since: String? = nil, after cursor: Int? = nil) throws(ArchiveError) -> SyncChanges {
        // Every time is at or after "" and every record arrived after 0: no bound is the lowest one.
        let from = since ?? "", after = cursor ?? 0
        return try query { db in
            let upTo = try db.value("SELECT value FROM syncClock", as: Int.self) ?? 0
            let archive = try db.value("SELECT value FROM secret WHERE name = 'archive-id'", as: String.self) ?? ""
            let tour = try db.value("SELECT value FROM secret WHERE name = 'tour-id'", as: String.self) ?? ""
            func origin(_ row: SQLRow) -> SyncChanges.Origin { .init(archive: row["madeIn"] ?? archive, by: row["madeBy"] ?? "") }
            let stops = try db.rows("SELECT uid, id, place, nation, venue, date, partners, madeIn, madeBy FROM stop ORDER BY uid").map {
                SyncChanges.Stop(uid: $0[0] ?? "", id: $0[1] ?? "", place: $0[2] ?? "", nation: $0[3] ?? "", venue: $0[4] ?? "", date: $0[5],
                                 partners: $0[6] ?? "", origin: origin($0))
            }
            // Private details only where this viewer may read them (a partner's token: its own organisation's).
            let sessions = try db.rows("""
                SELECT s.uid, st.uid AS stopUID, s.date, note.notes, note.organisation, s.madeIn, s.madeBy
                FROM session s JOIN stop st ON st.id = s.stopId LEFT JOIN sessionNote note ON note.sessionId = s.id AND \(db.viewer.sees("note"))
                ORDER BY s.uid
                """).map {
                SyncChanges.Session(uid: $0[0] ?? "", stop: $0[1] ?? "", date: $0[2], notes: $0[3], organisation: $0[4], origin: origin($0))
            }
            let people = try db.rows("""
                SELECT p.uid, p.id, n.name, p.consent, p.generation, p.role, p.madeIn, p.madeBy, p.name AS shown, n.organisation
                FROM contributor p LEFT JOIN personalName n ON n.contributorId = p.id AND \(db.viewer.sees("n")) ORDER BY p.uid
                """).map {
                let withdrawn = ($0[3] as String?) == Consent.withdrawn.rawValue
                return SyncChanges.Person(uid: $0[0] ?? "", id: $0[1] ?? "", name: withdrawn ? nil : $0[2], shown: withdrawn ? nil : $0[8],
                                          organisation: withdrawn ? nil : $0[9], generation: $0[4] ?? "", role: $0[5] ?? "", origin: origin($0))
            }
            let consent = try db.rows("""
                SELECT cc.uid, p.uid AS personUID, cc.consent, cc.guardian, cc.at, cc.supersedes, cc.madeIn, cc.madeBy
                FROM consentChange cc JOIN contributor p ON p.id = cc.contributorId
                WHERE cc.at >= ? AND cc.arrived > ? ORDER BY cc.at, cc.uid
                """, [from, after]).map {
                SyncChanges.PersonConsent(person: $0[1] ?? "", change: ConsentChange(
                    uid: $0[0] ?? "", consent: Consent(rawValue: $0[2] ?? "") ?? .anonymous, guardian: $0[3], at: $0[4] ?? "",
                    supersedes: ($0[5] as String? ?? "").split(separator: " ").map(String.init)), origin: origin($0))
            }
            let songs = try db.rows("""
                SELECT s.uid, s.title, st.uid AS stopUID, s.key, s.meter, s.themes, s.style, s.createdAt, s.madeIn, s.madeBy
                FROM song s LEFT JOIN stop st ON st.id = s.stopId
                WHERE (s.createdAt >= ? AND s.arrived > ?) OR s.id IN (SELECT songId FROM contribution WHERE createdAt >= ? AND arrived > ?) ORDER BY s.uid
                """, [from, after, from, after]).map {
                SyncChanges.SongRecord(uid: $0[0] ?? "", title: $0[1] ?? "", stop: $0[2], key: $0[3], meter: $0[4], themes: $0[5] ?? "",
                                       style: $0[6], createdAt: $0[7] ?? "", origin: origin($0))
            }
            let names = db.dialect == .sqlite ? "group_concat(p.uid, ' ')" : "string_agg(p.uid, ' ')"
            let contributions = try db.rows("""
                SELECT c.uid, s.uid AS songUID, c.kind, c.payload, c.section, c.line, c.status, se.uid AS sessionUID,
                       (SELECT \(names) FROM contributionContributor cc JOIN contributor p ON p.id = cc.contributorId WHERE cc.contributionId = c.id) AS people,
                       c.createdAt, c.madeIn, c.madeBy
                FROM contribution c JOIN song s ON s.id = c.songId LEFT JOIN session se ON se.id = c.sessionId
                WHERE c.createdAt >= ? AND c.arrived > ? ORDER BY c.uid
                """, [from, after]).map {
                SyncChanges.ContributionRecord(uid: $0[0] ?? "", song: $0[1] ?? "", kind: $0[2] ?? "", payload: $0[3] ?? "", section: $0[4], line: $0[5],
                                               status: $0[6] ?? "", session: $0[7],
                                               people: (($0[8] as String?) ?? "").split(separator: " ").map(String.init).sorted(),
                                               createdAt: $0[9] ?? "", origin: origin($0))
            }
            let erasures = try db.rows("""
                SELECT personUID, at, madeIn, madeBy FROM erasure WHERE at >= ? AND arrived > ? ORDER BY at, personUID
                """, [from, after]).map { SyncChanges.ErasureRecord(person: $0[0] ?? "", at: $0[1] ?? "", origin: origin($0)) }
            return SyncChanges(format: SyncChanges.currentFormat, tour: tour, archive: archive, madeAt: TourArchive.now, upTo: upTo,
                               organisation: db.viewer.writesAs, stops: stops,
                               sessions: sessions, people: people, consent: consent, songs: songs, contributions: contributions, erasures: erasures,
                               versions: try Self.syncVersions(since: since, after: cursor, db))
        }
    }

    /// Takes in another laptop's changes, in one transaction: everything or, on any refusal, nothing.
    ///
    /// Records are matched by global id. A new one is added (with a new local number, and a new local id where
    /// its own is taken here by someone or something else); one already here must say the same, or the whole sync
    /// is refused as a conflict. Contributions merge by union; a review made elsewhere reaches a contribution still
    /// waiting here. Consent changes join each person's history, and the history decides: a withdrawal on any
    /// laptop wins, with everything withdrawal does here (versions marked, takes erased, search indexed again).
    /// Taking in the same changes twice changes nothing. An archive that holds nothing yet joins the changes' tour.
    /// With `peer`, the changes were pulled from that server: its cursor is kept in the same transaction, so the
    /// next pull asks only for what arrived there since, and a pull cut short is simply asked again.
    public func takeIn(_ changes: SyncChanges, pulledFrom peer: String? = nil) throws(ArchiveError) -> SyncReport {
        guard changes.format == SyncChanges.currentFormat else {
            throw ArchiveError("these changes are in sync format \(changes.format), this Songbridge reads format \(SyncChanges.currentFormat); update Songbridge on both laptops. Nothing was changed", kind: .invalid)
        }
        guard changes.count <= SyncLimits.records else { throw ArchiveError("the changes hold more than \(SyncLimits.records) records; refused, nothing was changed", kind: .tooLarge) }
        try Self.check(changes)
        // Nothing to take in (a laptop with nothing new since its last push): nothing to check against this tour.
        guard changes.count > 0 else { return SyncReport() }
        let (report, erased) = try change("sync", detail: "from \(changes.archive) (\(changes.count) records)") { db -> (SyncReport, Int) in
            try Self.setWriter("sync from \(changes.archive)", db)
            try Self.joinTour(changes, db)
            var sync = SyncTransaction(db: db)
            try sync.takeIn(changes)
            if let peer, let upTo = changes.upTo {
                try db.execute("INSERT INTO syncPeer (url, pulledUpTo) VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET pulledUpTo = excluded.pulledUpTo", [peer, upTo])
            }
            // Anything erased here (takes, or a name in a version) is then overwritten in the file too.
            var erased = sync.erasedTakes + sync.report.erasures
            // The songs of everyone whose consent was decided, indexed again once each at the end.
            var songsToIndex: Set<Int64> = []
            for id in sync.touchedPeople.sorted() {
                let history = try Self.consentHistory(of: id, db)
                let guardian = ConsentChange.guardian(history) ?? false
                let row = try db.row("SELECT consent, guardianConsent FROM contributor WHERE id = ?", [id])
                if let deciding = ConsentChange.deciding(history), let row, row[0] as String? != deciding.consent.rawValue || row[1] as Bool? != guardian {
                    erased += try Self.applyConsent(of: id, deciding.consent, guardian: guardian, songsToIndex: &songsToIndex, db)
                    sync.report.consentDecided.append(id)
                } else {
                    // Consent unchanged: how much of the name is shown is still worked out again, as the name may have come.
                    try Self.refreshShownName(of: id, db)
                }
            }
            try Self.indexAgain(songsToIndex, db)
            return (sync.report, erased)
        }
        if erased > 0 { forgetErased() }
        return report
    }

    /// How far syncs with the server at `peer` got: this archive's cursor up to which its changes were pushed
    /// there, and the server's up to which its changes were pulled here (nil before the first of each).
    public func syncCursors(peer: String) throws(ArchiveError) -> (pushedUpTo: Int?, pulledUpTo: Int?) {
        try query { db in
            let row = try db.row("SELECT pushedUpTo, pulledUpTo FROM syncPeer WHERE url = ?", [peer])
            return (row.flatMap { $0[0] as Int? }.flatMap { $0 > 0 ? $0 : nil }, row.flatMap { $0[1] as Int? }.flatMap { $0 > 0 ? $0 : nil })
        }
    }

    /// Every server this archive has synced with, and how far each sync got, by address.
    public func syncPeers() throws(ArchiveError) -> [(server: String, pushedUpTo: Int, pulledUpTo: Int)] {
        try query { db in
            try db.rows("SELECT url, pushedUpTo, pulledUpTo FROM syncPeer ORDER BY url").map { ($0[0] ?? "", $0[1] ?? 0, $0[2] ?? 0) }
        }
    }

    /// Notes that this archive's changes up to `upTo` have been taken in by the server at `peer`.
    public func recordPush(to peer: String, upTo: Int) throws(ArchiveError) {
        try change("sync push", detail: peer) { db in
            // (The larger of the two: SQLite's two-argument MAX, PostgreSQL's GREATEST.)
            let larger = db.dialect == .sqlite ? "MAX" : "GREATEST"
            try db.execute("INSERT INTO syncPeer (url, pushedUpTo) VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET pushedUpTo = \(larger)(syncPeer.pushedUpTo, excluded.pushedUpTo)",
                           [peer, upTo])
        }
    }

    /// The tour check: the same tour, or an archive with nothing in it yet, which joins the changes' tour.
    static func joinTour(_ changes: SyncChanges, _ db: any SQLSession) throws {
        let tour = try db.value("SELECT value FROM secret WHERE name = 'tour-id'", as: String.self)
        guard tour != changes.tour else { return }
        let held = try db.value("SELECT (SELECT COUNT(*) FROM song) + (SELECT COUNT(*) FROM contributor) + (SELECT COUNT(*) FROM stop)", as: Int.self) ?? 0
        guard held == 0 else {
            throw ArchiveError("these changes are from another tour (\(changes.tour.prefix(8))…, this archive's is \((tour ?? "").prefix(8))…); refused, nothing was changed", kind: .conflict)
        }
        try db.execute("UPDATE secret SET value = ? WHERE name = 'tour-id'", [changes.tour])
    }

    /// Checks every value from outside before anything is written: ids are global ids, names and titles are one
    /// line and bounded, a contribution reads as its kind, and no consent change is dated in the future.
    static func check(_ changes: SyncChanges) throws(ArchiveError) {
        func refuse(_ what: String) -> ArchiveError { ArchiveError("refused: \(what); nothing was changed", kind: .invalid) }
        func uid(_ s: String, _ what: String) throws(ArchiveError) {
            guard s.utf8.count == 32, s.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else { throw refuse("\(what) has no valid global id ('\(OneLineText.safe(String(s.prefix(40))))')") }
        }
        func line(_ s: String?, _ what: String) throws(ArchiveError) {
            guard let s else { return }
            if let problem = OneLineText.problem(s, what: what) { throw refuse(problem) }
            guard s.utf8.count <= SyncLimits.textBytes else { throw refuse("\(what) is longer than \(SyncLimits.textBytes) bytes") }
        }
        func date(_ s: String, _ what: String) throws(ArchiveError) {
            guard isTimestamp(s) else { throw refuse("\(what) has no valid date ('\(OneLineText.safe(String(s.prefix(40))))')") }
        }
        for s in [changes.tour, changes.archive] { try uid(s, "the changes' tour or archive") }
        if let o = changes.organisation { try uid(o, "the changes' organisation") }
        for s in changes.stops {
            try uid(s.uid, "a stop")
            try line(s.id, "a stop's id"); try line(s.place, "a stop's place"); try line(s.partners, "a stop's partners"); try line(s.date, "a stop's date")
            guard TourStop.Nation(rawValue: s.nation) != nil, TourStop.Venue(rawValue: s.venue) != nil else { throw refuse("stop \(s.id) has an unknown nation or venue") }
        }
        for s in changes.sessions {
            try uid(s.uid, "a session"); try uid(s.stop, "a session's stop"); try line(s.date, "a session's date")
            if let o = s.organisation { try uid(o, "a session's organisation") }
            guard (s.notes?.utf8.count ?? 0) <= SyncLimits.textBytes else { throw refuse("a session's notes are longer than \(SyncLimits.textBytes) bytes") }
        }
        for p in changes.people {
            try uid(p.uid, "a person")
            guard Contributor.isValidID(p.id), p.id.count <= 64 else { throw refuse("a person's id is not letters, digits, - _ and .") }
            try line(p.name, "a person's name"); try line(p.shown, "a person's shown name")
            if let o = p.organisation { try uid(o, "a person's organisation") }
            guard Generation(rawValue: p.generation) != nil, Role(rawValue: p.role) != nil else { throw refuse("person \(p.id) has an unknown generation or role") }
        }
        // A few minutes' grace for laptops whose clocks disagree; a change dated beyond that is refused.
        let latest = TourArchive.timestamp(after: 600)
        for c in changes.consent {
            try uid(c.person, "a consent change's person"); try uid(c.change.uid, "a consent change")
            for s in c.change.supersedes { try uid(s, "a consent change's predecessor") }
            guard c.change.supersedes.count <= 64 else { throw refuse("a consent change supersedes more than 64 others") }
            try date(c.change.at, "a consent change")
            guard c.change.at <= latest else { throw refuse("a consent change is dated in the future (\(c.change.at))") }
        }
        for e in changes.erasures {
            try uid(e.person, "an erasure")
            try date(e.at, "an erasure")
            guard e.at <= latest else { throw refuse("an erasure is dated in the future (\(e.at))") }
        }
        for s in changes.songs {
            try uid(s.uid, "a song"); try line(s.title, "a song's title"); try line(s.themes, "a song's themes")
            try line(s.key, "a song's key"); try line(s.meter, "a song's meter"); try line(s.style, "a song's style")
            if let stop = s.stop { try uid(stop, "a song's stop") }
            try date(s.createdAt, "a song")
        }
        for c in changes.contributions {
            try uid(c.uid, "a contribution"); try uid(c.song, "a contribution's song")
            if let session = c.session { try uid(session, "a contribution's session") }
            guard !c.people.isEmpty, c.people.count <= 256 else { throw refuse("contribution \(c.uid) names no one, or too many") }
            for p in c.people { try uid(p, "a contribution's person") }
            guard Contribution.Kind(rawValue: c.kind) != nil, Contribution.Status(rawValue: c.status) != nil else { throw refuse("contribution \(c.uid) has an unknown kind or status") }
            try line(c.section, "a contribution's section")
            try date(c.createdAt, "a contribution")
            guard c.payload.utf8.count <= SongLimits.songTextBytes else { throw ArchiveError("contribution \(c.uid) is larger than \(SongLimits.songTextBytes >> 20) MB; refused, nothing was changed", kind: .tooLarge) }
            // Whether its payload reads as its kind is checked where it is taken in, for the new ones only.
        }
        for v in changes.versions ?? [] {
            try uid(v.uid, "a version"); try uid(v.song, "a version's song")
            guard v.parents.count <= 64, v.merged.count <= SyncLimits.contributionsPerVersion else { throw refuse("version \(v.uid) has too many parents or contributions") }
            for p in v.parents { try uid(p, "a version's parent") }
            guard Set(v.parents).count == v.parents.count, !v.parents.contains(v.uid) else { throw refuse("version \(v.uid) names a parent twice, or itself") }
            for c in v.merged { try uid(c, "a version's contribution") }
            try date(v.createdAt, "a version")
            guard v.text.utf8.count <= SongLimits.songTextBytes else { throw ArchiveError("version \(v.uid) is larger than \(SongLimits.songTextBytes >> 20) MB; refused, nothing was changed", kind: .tooLarge) }
            // Whether its text reads as a song is checked where it is taken in, for the new ones only.
        }
    }

    /// Whether `s` is a time as the archive writes them, `2026-12-01T09:30:00Z` (checked by hand: a Swift regex
    /// here was most of the time a 10,000-contribution sync took).
    static func isTimestamp(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard bytes.count == 20 else { return false }
        let shape = Array("dddd-dd-ddTdd:dd:ddZ".utf8)
        return zip(bytes, shape).allSatisfy { b, want in want == UInt8(ascii: "d") ? (b >= 48 && b <= 57) : b == want }
    }

    /// The time `seconds` from now, as ISO 8601 UTC, made with gmtime_r: building a Foundation date formatter
    /// for each write was a sixth of an import's time.
    static func timestamp(after seconds: Int) -> String {
        var t = time(nil) + seconds
        var parts = tm()
        gmtime_r(&t, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let n = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%SZ", &parts)
        return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
