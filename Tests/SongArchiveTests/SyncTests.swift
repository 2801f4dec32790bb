import Foundation
import GRDB
import SongCore
import SongTesting
import Testing
import TourExport
import ZipFiles
@testable import SongArchive

/// Laptops of one tour, each with its own archive file, recording apart and then syncing by bundle in every order:
/// they end holding the same contributions and the same consent decisions, a withdrawal made anywhere wins
/// everywhere, and a bundle that is damaged, hostile or in conflict changes nothing.
@Suite struct SyncTests {
    /// A tour of laptops in one scratch folder.
    struct Tour {
        let scratch: Scratch
        init() throws { scratch = try Scratch() }
        func laptop(_ name: String) throws -> TourArchive {
            try TourArchive(path: scratch.folder.appendingPathComponent("\(name).sqlite").path, source: "laptop \(name)")
        }
    }

    /// One laptop's changes carried to another as a bundle would be: packed, unpacked, taken in.
    @discardableResult
    static func carry(_ from: TourArchive, to: TourArchive) throws -> SyncReport {
        try to.takeIn(try SyncBundle.unpack(try SyncBundle.pack(try from.syncChanges())))
    }

    /// What an archive holds, in global ids (without when the changes were gathered or which archive says so).
    struct Holding: Equatable, CustomStringConvertible {
        var contributions: [String: String]
        var people: [String: String]
        var consentChanges: Set<String>
        var songs: Set<String>
        var stops: Set<String>
        var description: String { "\(contributions.count) contributions, \(people.count) people, \(consentChanges.count) consent changes, \(songs.count) songs" }
    }

    static func holding(_ archive: TourArchive) throws -> Holding {
        let c = try archive.syncChanges()
        let consent = try DatabaseQueue(path: archive.path).read { db in
            try Row.fetchAll(db, sql: "SELECT uid, consent FROM contributor").reduce(into: [String: String]()) { $0[$1["uid"]] = $1["consent"] }
        }
        return Holding(contributions: Dictionary(uniqueKeysWithValues: c.contributions.map { ($0.uid, "\($0.status) \($0.payload)") }),
                       people: consent, consentChanges: Set(c.consent.map(\.change.uid)), songs: Set(c.songs.map(\.uid)), stops: Set(c.stops.map(\.uid)))
    }

    /// The first laptop sets the tour up; the others join it by taking in its first bundle.
    static func threeLaptops(_ tour: Tour) throws -> [TourArchive] {
        let a = try tour.laptop("a"), b = try tour.laptop("b"), c = try tour.laptop("c")
        try a.add(TourStop(id: "portrush-2026-12-01", place: "Portrush", nation: .northernIreland, venue: .careHome, date: "2026-12-01"))
        let song = try a.newSong(title: "The Strand", stop: "portrush-2026-12-01")
        try a.add(Contributor(id: "p1", name: "Eileen Doherty", generation: .olderAdult, consent: .firstName))
        try a.contribute(song: song, by: ["p1"], kind: .lyrics, payload: "[G]Down on the strand where the [D]white horses run")
        try Self.carry(a, to: b)
        try Self.carry(a, to: c)
        return [a, b, c]
    }

    @Test func threeLaptopsRecordingApartConvergeInAnyOrderOfSyncs() throws {
        let tour = try Tour()
        defer { tour.scratch.remove() }
        let laptops = try Self.threeLaptops(tour)
        let (a, b, c) = (laptops[0], laptops[1], laptops[2])
        let (ida, idb, idc) = (try a.syncIdentity(), try b.syncIdentity(), try c.syncIdentity())
        #expect(ida.tour == idb.tour && idb.tour == idc.tour, "b and c joined a's tour")
        #expect(Set([ida.archive, idb.archive, idc.archive]).count == 3, "each laptop is an archive of its own")
        // Apart: each laptop registers someone as "p2" (a different person each time) and adds lines to the one song.
        let song: Int64 = 1
        for (i, laptop) in laptops.enumerated() {
            try laptop.add(Contributor(id: "p2", name: ["Sam", "Aoife", "Dylan"][i], generation: .child, consent: .anonymous))
            for line in 0..<3 {
                let id = try laptop.contribute(song: song, by: ["p2"], kind: .lyrics, payload: "Laptop \(i) line \(line)", section: "Verse \(i + 1)")
                if line == 0 { try laptop.setStatus(id, .accepted) }
            }
        }
        // The first contribution (proposed everywhere) is accepted on b only: the review reaches the others.
        try b.setStatus(1, .accepted)
        // Syncs in a shuffled order, some pairs twice, then a round that reaches everyone.
        var generator = Mutator(seed: 7)
        let pairs = [(0, 1), (1, 0), (0, 2), (2, 0), (1, 2), (2, 1), (0, 1), (2, 1)].shuffled(using: &generator)
        for (from, to) in pairs { try Self.carry(laptops[from], to: laptops[to]) }
        for (from, to) in [(0, 1), (1, 2), (2, 0), (0, 1)] { try Self.carry(laptops[from], to: laptops[to]) }
        let held = try laptops.map(Self.holding)
        #expect(held[0] == held[1] && held[1] == held[2], "\(held)")
        #expect(held[0].contributions.count == 1 + 9, "every contribution once: none lost, none doubled")
        #expect(held[0].people.count == 4, "three different p2s and Eileen")
        #expect(held[0].contributions.values.filter { $0.hasPrefix("accepted") }.count == 1 + 3)
        // Each laptop still knows its own p2 as p2; the others' are renamed.
        #expect(try a.contributor("p2").name == "Sam")
        #expect(try a.contributors().filter { $0.id.hasPrefix("p2-") }.count == 2)
        // Taking the same bundle in again changes nothing.
        #expect(try Self.carry(c, to: a).isEmpty)
        #expect(try Self.holding(a) == held[0])
        // And the merge on any laptop now holds every accepted line.
        let merged = try b.merge(song: song)
        #expect(merged.report.merged.count == 4, "\(merged.report)")
    }

    @Test func aWithdrawalOnOneLaptopWinsEverywhereEvenOverAGrantMadeApart() throws {
        let tour = try Tour()
        defer { tour.scratch.remove() }
        let laptops = try Self.threeLaptops(tour)
        let (a, b) = (laptops[0], laptops[1])
        try a.setStatus(1, .accepted)
        try Self.carry(a, to: b)
        _ = try b.merge(song: 1)
        // A warm cache: b's public song, read once with Eileen credited.
        let before = try b.publicSong(try b.song(1))
        #expect(before.provenance.contributors.contains { $0.consent != .withdrawn }, "Eileen is credited before")
        #expect(try b.search("horses").count == 1)
        // Apart: Eileen withdraws on a; on b, not knowing, someone widens her consent.
        try a.setConsent("p1", .withdrawn)
        try b.setConsent("p1", .fullName)
        try Self.carry(a, to: b)
        try Self.carry(b, to: a)
        for laptop in [a, b] {
            #expect(try laptop.contributor("p1").consent == .withdrawn, "the withdrawal wins on \(laptop.source)")
        }
        let after = try b.publicSong(try b.song(1))
        #expect(!after.sections.flatMap(\.lines).contains { ($0.words ?? "").contains("horses") }, "her line has left b's public song")
        #expect(try b.search("horses").isEmpty, "and b's search")
        // Only a change made knowing the withdrawal undoes it: she agrees again, on a laptop that has heard.
        try a.setConsent("p1", .initials)
        try Self.carry(a, to: b)
        #expect(try b.contributor("p1").consent == .initials)
        #expect(try b.consentHistory(of: "p1").count == 4)
    }

    @Test func anErasureTravelsAsATombstoneAndNoOldBundleBringsTheNameBack() throws {
        let tour = try Tour()
        defer { tour.scratch.remove() }
        let laptops = try Self.threeLaptops(tour)
        let (a, b, c) = (laptops[0], laptops[1], laptops[2])
        try a.setStatus(1, .accepted)
        try Self.carry(a, to: b)
        _ = try b.merge(song: 1)
        // A warm cache on b: the version, read once, names her.
        #expect(try b.song(1).provenance.contributors.first { $0.id == "p1" }?.name == "Eileen Doherty")
        let oldBundle = try SyncBundle.pack(try a.syncChanges())
        // She asks to be erased, at b.
        let done = try b.erase("p1")
        #expect(done.versions == 1)
        #expect(try b.contributor("p1").name == nil)
        #expect(try b.song(1).provenance.contributors.first { $0.id == "p1" }?.name == nil, "no copy parsed before the erasure is served")
        let file = try Data(contentsOf: URL(fileURLWithPath: b.path))
        #expect(file.range(of: Data("Eileen".utf8)) == nil, "her name is gone from the file itself, not only from its tables")
        // Her line stays, credited without a name.
        #expect(try b.publicSong(try b.song(1)).sections.flatMap(\.lines).contains { ($0.words ?? "").contains("white horses") })
        // The old bundle, from before, brings nothing back.
        #expect(try b.takeIn(try SyncBundle.unpack(oldBundle)).isEmpty)
        #expect(try b.contributor("p1").name == nil)
        // The tombstone reaches a (who had her name) and c (who had it from the first bundle), and erases there too.
        try Self.carry(b, to: a)
        try Self.carry(a, to: c)
        for laptop in [a, c] { #expect(try laptop.contributor("p1").name == nil, "\(laptop.source)") }
        #expect(try c.takeIn(try SyncBundle.unpack(oldBundle)).isEmpty)
        #expect(try c.contributor("p1").name == nil)
        #expect(try Self.carry(a, to: c).isEmpty)
    }

    /// A dump of everything an archive holds, to show a refused sync changed nothing.
    static func dump(_ archive: TourArchive) throws -> String {
        try DatabaseQueue(path: archive.path).read { db in
            try ["stop", "session", "contributor", "consentChange", "song", "contribution", "contributionContributor", "version", "secret"].map { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map(\.description).joined(separator: "\n")
            }.joined(separator: "\n--\n")
        }
    }

    @Test func changesThatConflictOrAreOutOfBoundsAreRefusedWholeAndChangeNothing() throws {
        let tour = try Tour()
        defer { tour.scratch.remove() }
        let laptops = try Self.threeLaptops(tour)
        let (a, b) = (laptops[0], laptops[1])
        try a.contribute(song: 1, by: ["p1"], kind: .lyrics, payload: "A second line from Eileen")
        let good = try a.syncChanges()
        // Changes are in global-id order, which is random: find the contribution b already has and the new one.
        let known = try #require(good.contributions.firstIndex { $0.payload.contains("white horses") })
        let fresh = 1 - known
        let before = try Self.dump(b)
        func refused(_ why: String, _ change: (inout SyncChanges) -> Void) {
            var changes = good
            change(&changes)
            #expect(throws: ArchiveError.self, "\(why)") { try b.takeIn(changes) }
            #expect((try? Self.dump(b)) == before, "\(why): nothing changed")
        }
        refused("a known contribution with other words") { $0.contributions[known].payload = "Something else entirely" }
        refused("a known consent change with another consent") { $0.consent[0].change.consent = .fullName }
        refused("a consent change dated in the future") { $0.consent[0].change.at = "2099-01-01T00:00:00Z" }
        refused("another tour") { $0.tour = String(repeating: "ab", count: 16) }
        refused("a name with a control character") { $0.people[0].name = "Eileen\u{1B}[2J" }
        refused("an id that is not a global id") { $0.contributions[fresh].uid = "../../etc/passwd" }
        refused("a contribution that does not read") { $0.contributions[fresh].kind = "melody"; $0.contributions[fresh].payload = "X:1\nK:C\n[CEG C|" }
        refused("a contribution naming someone no one has") { $0.contributions[fresh].people = [String(repeating: "0", count: 32)] }
        refused("a newer format") { $0.format = 2 }
        // The good changes still go in afterwards, whole.
        #expect(try b.takeIn(good).contributions == 1)
    }

    @Test func aDamagedPartialOrHostileBundleIsRefusedBeforeAnythingIsRead() throws {
        let tour = try Tour()
        defer { tour.scratch.remove() }
        let a = try Self.threeLaptops(tour)[0]
        let bundle = try SyncBundle.pack(try a.syncChanges())
        #expect(try SyncBundle.unpack(bundle).contributions.count == 1)
        func refused(_ why: String, _ data: Data, _ expected: String) {
            #expect { try SyncBundle.unpack(data) } throws: { error in
                let text = "\(error)"
                return text.contains(expected) || { Issue.record("\(why): \(text)"); return true }()
            }
        }
        refused("truncated", bundle.prefix(bundle.count / 2), "open")
        var flipped = bundle
        flipped[bundle.count / 2] ^= 0x5A
        refused("a byte changed", flipped, "refused")
        func zip(_ entries: [(String, Data)]) throws -> Data {
            var writer = ZipWriter(modified: Date())
            for (path, data) in entries { try writer.add(ZipWriter.Entry(path: path, data: data)) }
            return try writer.finish()
        }
        let manifest = Data(#"{"kind":"songbridge sync bundle","format":1,"tour":"x","archive":"y","madeAt":"","records":0,"changesBytes":2,"changesSHA256":"00"}"#.utf8)
        refused("a path leaving the folder", try zip([("songbridge-sync.json", manifest), ("../changes.json", Data("{}".utf8))]), "leaves the archive")
        refused("an absolute path", try zip([("/etc/changes.json", Data("{}".utf8))]), "leaves the archive")
        refused("a zip bomb", try zip([("songbridge-sync.json", manifest), ("changes.json", Data(count: 40 << 20))]), "zip bomb")
        refused("a file too many", try zip([("songbridge-sync.json", manifest), ("changes.json", Data("{}".utf8)), ("extra", Data())]), "more than 2 files")
        refused("changes that are not what the manifest checksums", try zip([("songbridge-sync.json", manifest), ("changes.json", Data("{}".utf8))]), "damaged")
        refused("not a bundle at all", Data("PK\u{3}\u{4} not really".utf8), "open")
    }

    @Test func anArchiveFromBeforeSyncGainsGlobalIdsAndConsentHistories() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let queue = try DatabaseQueue(path: scratch.archivePath)
        try ArchiveSchema.migrator.migrate(queue, upTo: "v8-melodic-index")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO contributor (id, name, generation, role, consent) VALUES ('c1', 'Ann', 'adult', 'participant', 'initials'), ('c2', NULL, 'child', 'participant', 'anonymous')")
            try db.execute(sql: "INSERT INTO song (title, themes, createdAt) VALUES ('Old Song', '', '2026-01-01T00:00:00Z')")
            try db.execute(sql: "INSERT INTO contribution (songId, kind, payload, status, createdAt) VALUES (1, 'lyrics', 'An old line', 'proposed', '2026-01-01T00:00:00Z')")
        }
        try queue.close()
        let archive = try TourArchive(path: scratch.archivePath)
        let changes = try archive.syncChanges()
        let uids = changes.people.map(\.uid) + changes.songs.map(\.uid) + changes.contributions.map(\.uid)
        #expect(uids.count == 4 && Set(uids).count == 4)
        #expect(uids.allSatisfy { $0.wholeMatch(of: /[0-9a-f]{32}/) != nil })
        #expect(changes.consent.map(\.change.consent).sorted() == [.anonymous, .initials])
        // Rows written after the upgrade get theirs from the archive, with where and by whom they were made.
        let id = try archive.newSong(title: "New Song")
        let origin = try DatabaseQueue(path: scratch.archivePath).read { db in try Row.fetchOne(db, sql: "SELECT uid, madeIn, madeBy FROM song WHERE id = ?", arguments: [id]) }
        #expect((origin?["uid"] as String?)?.count == 32)
        #expect(origin?["madeIn"] as String? == changes.archive && origin?["madeBy"] as String? == "library")
    }

    /// An archive from before organisations: each name moves to `personalName` (the archive's own) and the
    /// person's row keeps what consent shows; session notes move to `sessionNote`; the archive reads as before.
    @Test func anArchiveFromBeforeOrganisationsKeepsItsNamesApart() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let queue = try DatabaseQueue(path: scratch.archivePath)
        try ArchiveSchema.migrator.migrate(queue, upTo: "v10-version-graph")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO contributor (id, name, generation, role, consent) VALUES ('c1', 'Ann Quigley', 'adult', 'participant', 'initials'),
                  ('c2', 'Tom Reilly', 'child', 'participant', 'full-name'), ('c3', 'Sam Reed', 'adult', 'musician', 'first-name');
                INSERT INTO stop (id, place, nation, venue) VALUES ('s1', 'Bangor', 'wales', 'school');
                INSERT INTO session (stopId, date, notes) VALUES ('s1', '2026-10-01', 'Tom Reilly sang the chorus');
                """)
        }
        try queue.close()
        let archive = try TourArchive(path: scratch.archivePath)
        #expect(try archive.contributors().map { $0.name ?? "-" } == ["Ann Quigley", "Tom Reilly", "Sam Reed"], "the keeper reads every name as before")
        #expect(try archive.sessions().first?.notes == "Tom Reilly sang the chorus")
        let rows = try DatabaseQueue(path: scratch.archivePath).read { db in
            (try String?.fetchAll(db, sql: "SELECT name FROM contributor ORDER BY id"), try String?.fetchAll(db, sql: "SELECT notes FROM session"))
        }
        // Initials, nothing for a child without a guardian's consent, the first name.
        #expect(rows.0 == ["A. Q.", nil, "Sam"])
        #expect(rows.1 == [nil])
        #expect(try TourArchive.$viewer.withValue(.nobody) { try archive.contributors().map { $0.name ?? "-" } } == ["A. Q.", "-", "Sam"])
    }
}
