import Foundation
import SongCore
import SongMerge
import SongText

/// One sync's work inside its write transaction: each incoming record matched by global id to what is here, added
/// when new, compared when known (a known id with other content is a conflict, and the transaction is undone).
struct SyncTransaction {
    let db: any SQLSession
    var report = SyncReport()
    /// People whose consent history grew, by local id: their consent is decided again afterwards.
    var touchedPeople: Set<String> = []
    /// Takes erased by erasures that arrived.
    var erasedTakes = 0

    init(db: any SQLSession) { self.db = db }

    /// The organisation the changes were gathered for, if a partner's token asked a central archive for them.
    var organisation: String?

    mutating func takeIn(_ changes: SyncChanges) throws {
        organisation = changes.organisation
        for s in changes.stops { try stop(s) }
        for s in changes.sessions { try session(s) }
        for p in changes.people { try person(p) }
        for c in changes.consent { try consent(c) }
        for e in changes.erasures { try erasure(e) }
        for s in changes.songs { try song(s) }
        try contributions(changes.contributions)
        for v in changes.versions ?? [] { try version(v) }
    }

    /// A statement run (on SQLite, compiled once for the whole batch: compiling each anew was a fifth of a sync's time).
    func run(_ sql: String, arguments: [any SQLBindable]) throws {
        try db.execute(sql, arguments)
    }

    /// The first row a statement finds.
    func row(_ sql: String, arguments: [any SQLBindable]) throws -> SQLRow? {
        try db.row(sql, arguments)
    }

    static func conflict(_ what: String) -> ArchiveError {
        ArchiveError("conflict: \(what); nothing was changed", kind: .conflict)
    }

    /// Local keys already looked up, by table and global id (a batch names the same songs and people many times).
    var known: [String: [String: SQLValue]] = [:]

    /// The local key of a record the changes refer to, which must be here by now (sent before it, or already here).
    mutating func required<T: SQLReadable>(_ table: String, _ uid: String, for what: String) throws -> T {
        guard let id: T = try local(table, uid) else {
            throw ArchiveError("refused: \(what) refers to a \(table) (\(uid.prefix(8))…) that neither these changes nor this archive hold; nothing was changed", kind: .invalid)
        }
        return id
    }

    /// The local key of the record with global id `uid`, if this archive holds it.
    mutating func local<T: SQLReadable>(_ table: String, _ uid: String) throws -> T? {
        if let value = known[table]?[uid], let id = T(sqlValue: value) { return id }
        guard let value = try db.value("SELECT id FROM \(table) WHERE uid = ?", [uid], as: SQLValue.self), value != .null,
              let id = T(sqlValue: value) else { return nil }
        known[table, default: [:]][uid] = value
        return id
    }

    /// A local id for a new record: its own, unless taken here by another; then its own with its global id's start.
    mutating func freeID(_ id: String, in table: String, uid: String) throws -> String {
        guard try row("SELECT 1 FROM \(table) WHERE id = ?", arguments: [id]) != nil else { return id }
        let renamed = "\(id.prefix(50))-\(uid.prefix(8))"
        report.renamed[id] = renamed
        return renamed
    }

    mutating func stop(_ s: SyncChanges.Stop) throws {
        if let row = try row("SELECT place, nation, venue, date FROM stop WHERE uid = ?", arguments: [s.uid]) {
            guard row["place"] == s.place, row["nation"] == s.nation, row["venue"] == s.venue, row["date"] as String? == s.date else {
                throw Self.conflict("stop \(s.id) (\(s.uid.prefix(8))…) is here with another place, venue or date")
            }
            return
        }
        let id = try freeID(s.id, in: "stop", uid: s.uid)
        try run("INSERT INTO stop (id, place, nation, venue, date, partners, uid, madeIn, madeBy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [id, s.place, s.nation, s.venue, s.date, s.partners, s.uid, s.origin.archive, s.origin.by])
        report.stops += 1
    }

    mutating func session(_ s: SyncChanges.Session) throws {
        if let row = try row("SELECT s.id, st.uid AS stop, s.date FROM session s JOIN stop st ON st.id = s.stopId WHERE s.uid = ?", arguments: [s.uid]) {
            guard row["stop"] == s.stop, row["date"] as String? == s.date else { throw Self.conflict("session \(s.uid.prefix(8))… is here at another stop or date") }
            // Notes this archive did not have (it had the session from another organisation's laptop, without them).
            try keepNotes(of: s, as: row["id"] ?? 0)
            return
        }
        let stop: String = try required("stop", s.stop, for: "a session")
        let id = try db.insert("INSERT INTO session (stopId, date, uid, madeIn, madeBy) VALUES (?, ?, ?, ?, ?)",
                               [stop, s.date, s.uid, s.origin.archive, s.origin.by])
        try keepNotes(of: s, as: id)
        report.sessions += 1
    }

    /// A session's notes, if they came, kept apart as their organisation's (unless this archive has them already).
    func keepNotes(of s: SyncChanges.Session, as id: Int64) throws {
        guard let notes = s.notes, !notes.isEmpty else { return }
        try run("INSERT INTO sessionNote (sessionId, organisation, notes) VALUES (?, ?, ?) ON CONFLICT (sessionId) DO NOTHING",
                arguments: [id, try owner(s.organisation, of: "session \(s.uid.prefix(8))…'s notes"), notes])
    }

    /// A new person starts as the most private (anonymous, no guardian's consent) until their history decides. Their
    /// row keeps as much of the name as the sender showed; the name itself, when it came, is kept apart as its
    /// organisation's. Someone erased here never gets their name back from another laptop.
    mutating func person(_ p: SyncChanges.Person) throws {
        let erased = try TourArchive.isErased(p.uid, db)
        if let row = try row("SELECT id, generation FROM contributor WHERE uid = ?", arguments: [p.uid]) {
            guard row["generation"] == p.generation else { throw Self.conflict("person \(p.id) (\(p.uid.prefix(8))…) is here in another age group") }
            // The name itself, when this archive had only what consent shows (it had them from another organisation).
            if !erased, let id: String = row["id"], try keepName(of: p, as: id) { touchedPeople.insert(id) }
            return
        }
        let id = try freeID(p.id, in: "contributor", uid: p.uid)
        try run("""
            INSERT INTO contributor (id, name, generation, role, consent, guardianConsent, uid, madeIn, madeBy) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)
            """, arguments: [id, erased ? nil : p.shown, p.generation, p.role, Consent.default.rawValue, p.uid, p.origin.archive, p.origin.by])
        if !erased { try keepName(of: p, as: id) }
        touchedPeople.insert(id)
        report.people += 1
    }

    /// A person's name, if it came, kept apart as their organisation's (unless this archive has it already);
    /// whether it was added.
    @discardableResult func keepName(of p: SyncChanges.Person, as id: String) throws -> Bool {
        guard let name = p.name, !name.isEmpty else { return false }
        return try db.execute("INSERT INTO personalName (contributorId, organisation, name) VALUES (?, ?, ?) ON CONFLICT (contributorId) DO NOTHING",
                              [id, try owner(p.organisation, of: "person \(p.id)'s name"), name]) > 0
    }

    /// Whose a private detail from these changes is here: nil (this archive's own) for the sender's own, or for
    /// the organisation the changes were gathered for (this archive's, as the central archive knows it); written by
    /// a partner's token, that partner's. A partner may not bring another organisation's private details.
    func owner(_ claimed: String?, of what: String) throws -> String? {
        guard let claimed, claimed != organisation else { return db.viewer.writesAs }
        if case .organisation(let mine) = db.viewer, claimed != mine {
            throw ArchiveError("refused: \(what) belong to another organisation than this token's; nothing was changed", kind: .invalid)
        }
        return claimed
    }

    mutating func consent(_ c: SyncChanges.PersonConsent) throws {
        let person: String = try required("contributor", c.person, for: "a consent change")
        if let row = try row("SELECT contributorId, consent, at FROM consentChange WHERE uid = ?", arguments: [c.change.uid]) {
            guard row["contributorId"] == person, row["consent"] == c.change.consent.rawValue, row["at"] == c.change.at else {
                throw Self.conflict("consent change \(c.change.uid.prefix(8))… is here with other content")
            }
            return
        }
        try run("INSERT INTO consentChange (uid, contributorId, consent, guardian, at, supersedes, madeIn, madeBy) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [c.change.uid, person, c.change.consent.rawValue, c.change.guardian, c.change.at, c.change.supersedes.joined(separator: " "),
                                   c.origin.archive, c.origin.by])
        touchedPeople.insert(person)
        report.consentChanges += 1
    }

    /// An erasure made elsewhere: its tombstone kept here, and its work done here if the person is here.
    mutating func erasure(_ e: SyncChanges.ErasureRecord) throws {
        guard try !TourArchive.isErased(e.person, db) else { return }
        try run("INSERT INTO erasure (personUID, at, madeIn, madeBy) VALUES (?, ?, ?, ?)", arguments: [e.person, e.at, e.origin.archive, e.origin.by])
        if let id: String = try local("contributor", e.person) {
            let done = try TourArchive.applyErasure(of: id, db)
            erasedTakes += done.takes
        }
        report.erasures += 1
    }

    mutating func song(_ s: SyncChanges.SongRecord) throws {
        if let row = try row("SELECT createdAt FROM song WHERE uid = ?", arguments: [s.uid]) {
            guard row["createdAt"] == s.createdAt else { throw Self.conflict("song '\(s.title)' (\(s.uid.prefix(8))…) is here with another date") }
            return
        }
        var stop: String?
        if let uid = s.stop { stop = try required("stop", uid, for: "song '\(s.title)'") }
        let id = try db.insert("""
            INSERT INTO song (title, stopId, key, meter, themes, style, createdAt, uid, madeIn, madeBy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [s.title, stop, s.key, s.meter, s.themes, s.style, s.createdAt, s.uid, s.origin.archive, s.origin.by])
        try TourArchive.indexRow(id, title: s.title, words: "", place: try TourArchive.place(of: stop, db), themes: s.themes, db)
        report.songs += 1
    }

    /// Contributions, a batch at a time: a contribution's content never changes; its review may arrive later (one
    /// still proposed here takes the acceptance or rejection made elsewhere). One that is new here waits to be
    /// merged here. The songs, people and sessions they name, and those of them already here, are looked up a
    /// few hundred at a time, and the new ones written a few hundred to a statement: a statement or two for each
    /// contribution made a sync into PostgreSQL wait on the network thousands of times.
    mutating func contributions(_ list: [SyncChanges.ContributionRecord]) throws {
        try lookUp("song", list.map(\.song))
        try lookUp("contributor", list.flatMap(\.people))
        try lookUp("session", list.compactMap(\.session))
        let here = try contributionsHere(list.map(\.uid))
        var new: [NewContribution] = []
        var pending: [String: Int] = [:]
        for c in list {
            let what = "contribution \(c.uid.prefix(8))…"
            let song: Int64 = try required("song", c.song, for: what)
            var people: [String] = []
            for uid in c.people { people.append(try required("contributor", uid, for: what)) }
            if let row = here[c.uid] {
                let held = Set(((row["people"] as String?) ?? "").split(separator: " ").map(String.init))
                guard row["songId"] == song, row["kind"] == c.kind, row["payload"] == c.payload, row["section"] as String? == c.section,
                      row["line"] as Int? == c.line, held == Set(people) else {
                    throw Self.conflict("\(what) is here with other content")
                }
                if row["status"] as String? == Contribution.Status.proposed.rawValue, c.status != Contribution.Status.proposed.rawValue {
                    try run("UPDATE contribution SET status = ? WHERE id = ?", arguments: [c.status, row["id"] as Int64? ?? 0])
                    report.reviews += 1
                }
                continue
            }
            // The same contribution twice in one batch: the second must say the same as the first.
            if let first = pending[c.uid] {
                let earlier = new[first].record
                guard earlier.song == c.song, earlier.kind == c.kind, earlier.payload == c.payload, earlier.section == c.section,
                      earlier.line == c.line, Set(earlier.people) == Set(c.people) else { throw Self.conflict("\(what) comes twice with other content") }
                continue
            }
            // What is new here must read as its kind, as a contribution made here must (a batch is as untrusted as a tablet).
            guard let kind = Contribution.Kind(rawValue: c.kind) else { throw ArchiveError("refused: contribution \(c.uid) has an unknown kind; nothing was changed", kind: .invalid) }
            _ = try TourArchive.read(Contribution(kind: kind, payload: c.payload, section: c.section, line: c.line, contributors: people), checkingLimits: true)
            var session: Int64?
            if let uid = c.session { session = try required("session", uid, for: what) }
            pending[c.uid] = new.count
            new.append(NewContribution(record: c, song: song, session: session, people: Set(people).sorted()))
        }
        try write(new)
    }

    /// A contribution new here, with the local keys of what it names.
    struct NewContribution {
        var record: SyncChanges.ContributionRecord
        var song: Int64
        var session: Int64?
        var people: [String]
    }

    /// Writes new contributions and who made them, many rows to a statement, in the batch's order (so their arrival
    /// numbers follow it).
    mutating func write(_ new: [NewContribution]) throws {
        var ids: [String: Int64] = [:]
        for chunk in SQLBatch.chunks(new) {
            let rows = SQLBatch.rows(chunk.count, columns: 11)
            var arguments: [any SQLBindable] = []
            arguments.reserveCapacity(chunk.count * 11)
            for n in chunk {
                let c = n.record
                arguments += [n.song, c.kind, c.payload, c.section, c.line, c.status, n.session, c.createdAt, c.uid, c.origin.archive, c.origin.by] as [any SQLBindable]
            }
            for row in try db.rows("""
                INSERT INTO contribution (songId, kind, payload, section, line, status, sessionId, createdAt, uid, madeIn, madeBy) VALUES \(rows) RETURNING uid, id
                """, arguments) {
                if let uid: String = row[0], let id: Int64 = row[1] { ids[uid] = id }
            }
        }
        let pairs = new.flatMap { n in n.people.map { (ids[n.record.uid], $0) } }
        for chunk in SQLBatch.chunks(pairs) {
            var arguments: [any SQLBindable] = []
            for (contribution, person) in chunk {
                guard let contribution else { throw ArchiveError("a contribution written here was not found again; nothing was changed", kind: .cannotWrite) }
                arguments += [contribution, person] as [any SQLBindable]
            }
            try run("INSERT INTO contributionContributor (contributionId, contributorId) VALUES \(SQLBatch.rows(chunk.count, columns: 2))", arguments: arguments)
        }
        report.contributions += new.count
    }

    /// The local keys of the records of `table` with these global ids, looked up a few hundred to a statement.
    mutating func lookUp(_ table: String, _ uids: [String]) throws {
        let wanted = Array(Set(uids.filter { known[table]?[$0] == nil })).sorted()
        for chunk in SQLBatch.chunks(wanted) {
            for row in try db.rows("SELECT uid, id FROM \(table) WHERE uid IN (\(SQLBatch.marks(chunk.count)))", Array(chunk)) {
                if let uid: String = row[0] { known[table, default: [:]][uid] = row.values[1] }
            }
        }
    }

    /// The contributions already here among these global ids, with what a known one is compared on.
    func contributionsHere(_ uids: [String]) throws -> [String: SQLRow] {
        var here: [String: SQLRow] = [:]
        let people = db.dialect == .sqlite ? "group_concat(contributorId, ' ')" : "string_agg(contributorId, ' ')"
        for chunk in SQLBatch.chunks(Array(Set(uids)).sorted()) {
            for row in try db.rows("""
                SELECT uid, id, songId, kind, payload, section, line, status,
                       (SELECT \(people) FROM contributionContributor WHERE contributionId = contribution.id) AS people
                FROM contribution WHERE uid IN (\(SQLBatch.marks(chunk.count)))
                """, Array(chunk)) {
                if let uid: String = row[0] { here[uid] = row }
            }
        }
        return here
    }

    /// A version merged elsewhere: kept with its own global id, parents and date, as the newest here (so a song
    /// merged on both laptops has two branches until it is merged again). Its text is made local: the people and
    /// stop it names by global id become this archive's, with their names and consent as they are here. One
    /// already here must be the same version; its parents must be here, or arrive before it. The contributions it
    /// merged are kept by global id whether or not they are here yet (a bundle of recent work may carry a version
    /// without the older lines it holds): when they arrive, the version already holds them.
    mutating func version(_ v: SyncChanges.VersionRecord) throws {
        let song: Int64 = try required("song", v.song, for: "version \(v.uid.prefix(8))…")
        if let row = try row("SELECT songId, number, parents, merged, chordpro, sha256 FROM version WHERE uid = ?", arguments: [v.uid]) {
            let here = try TourArchive.parseVersion(row["chordpro"] ?? "", sha256: row["sha256"], song: row["songId"] ?? 0, number: row["number"] ?? 0)
            guard row["songId"] == song, Set(VersionNode.uids(in: row["parents"] ?? "")) == Set(v.parents), Set(VersionNode.uids(in: row["merged"] ?? "")) == Set(v.merged),
                  try TourArchive.portable(here, db) == v.text else {
                throw Self.conflict("version \(v.uid.prefix(8))… is here with other content, parents or contributions")
            }
            return
        }
        for p in v.parents {
            guard try row("SELECT 1 FROM version WHERE uid = ? AND songId = ?", arguments: [p, song]) != nil else {
                throw ArchiveError("refused: version \(v.uid.prefix(8))… builds on a version (\(p.prefix(8))…) of its song that neither these changes nor this archive hold; nothing was changed", kind: .invalid)
            }
        }
        var merged: [Int64] = []
        for c in v.merged { if let id: Int64 = try local("contribution", c) { merged.append(id) } }
        // What is new here must read as a song, as a merge made here must.
        let parsed: Song
        do {
            guard let first = try ChordProReader.read(v.text, name: "version \(v.uid.prefix(8))").value.first else { throw ArchiveError("holds no song", kind: .invalid) }
            parsed = first
        } catch {
            throw ArchiveError("refused: version \(v.uid.prefix(8))… does not read as a song; nothing was changed", kind: .invalid)
        }
        var local = parsed
        var ids: [String: String] = [:]
        var people: [Contributor] = []
        for p in parsed.provenance.contributors {
            let id: String = try required("contributor", p.id, for: "version \(v.uid.prefix(8))…")
            ids[p.id] = id
            if let here = try Contributor.read(id, db) { people.append(here) }
        }
        local.provenance.contributors = people
        local.provenance.credits = parsed.provenance.credits.map { c in
            var c = c
            c.contributors = c.contributors.compactMap { ids[$0] }
            return c
        }
        if let stop = parsed.provenance.stop {
            let id: String = try required("stop", stop.id, for: "version \(v.uid.prefix(8))…")
            local.provenance.stop = try db.row("SELECT \(TourStop.columns) FROM stop WHERE id = ?", [id]).map(TourStop.init(sqlRow:))
        }
        let number = (try db.value("SELECT MAX(number) FROM version WHERE songId = ?", [song], as: Int.self) ?? 0) + 1
        // Its merge report stays where it was merged; here it records what it holds.
        var merge = MergeReport()
        merge.merged = merged
        let reportJSON = String(decoding: try JSONEncoder().encode(merge), as: UTF8.self)
        try TourArchive.insertVersion(of: song, number: number, parents: v.parents, merged: v.merged.sorted(), synced: (v.uid, v.createdAt, v.origin),
                                      song: local, text: ChordProWriter.write(local), report: reportJSON, db)
        for c in merged { try run("UPDATE contribution SET mergedIn = COALESCE(mergedIn, ?) WHERE id = ?", arguments: [number, c]) }
        report.versions += 1
    }
}
