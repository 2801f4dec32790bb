import Foundation
import GRDB
import SongCore
import SongTesting
import Testing
import TourExport
@testable import SongArchive

/// Versions across laptops: two laptops that merge the same song apart both keep both versions, as branches of the
/// song; the next merge joins them with everyone's work, once; every laptop ends with the same version graph; a
/// version travels without names, and one that conflicts or lacks its parents changes nothing.
@Suite struct VersionBranchTests {
    typealias Tour = SyncTests.Tour

    /// Each version as (global id, parents' global ids): the graph, whatever the local numbers.
    static func graph(_ archive: TourArchive, song: Int64 = 1) throws -> Set<String> {
        Set(try archive.versions(song).map { "\($0.uid) <- \($0.parents.sorted().joined(separator: ","))" })
    }

    /// Two laptops of one tour that both hold version 1 of The Strand (Eileen's line), merged on a.
    static func twoLaptopsWithAVersion(_ tour: Tour) throws -> (TourArchive, TourArchive) {
        let laptops = try SyncTests.threeLaptops(tour)
        let (a, b) = (laptops[0], laptops[1])
        try a.setStatus(1, .accepted)
        _ = try a.merge(song: 1)
        try SyncTests.carry(a, to: b)
        return (a, b)
    }

    @Test func songsMergedApartKeepBothVersionsAsBranchesAndTheNextMergeJoinsThem() throws {
        let tour = try Tour()
        defer { tour.scratch.remove() }
        let (a, b) = try Self.twoLaptopsWithAVersion(tour)
        #expect(try Self.graph(a) == Self.graph(b) && Self.graph(a).count == 1)
        // Apart, each laptop registers its own "p2", who gives a line that is accepted and merged there.
        for (laptop, name) in [(a, "Sam"), (b, "Aoife")] {
            try laptop.add(Contributor(id: "p2", name: name, generation: .olderAdult, consent: .firstName))
            let line = try laptop.contribute(song: 1, by: ["p2"], kind: .lyrics, payload: "\(name) sings of the harbour wall", section: "Verse 2")
            try laptop.setStatus(line, .accepted)
            #expect(try laptop.merge(song: 1).version == 2)
        }
        let report = try SyncTests.carry(a, to: b)
        #expect(report.versions == 1)
        try SyncTests.carry(b, to: a)
        // Both laptops hold both versions: two branches on version 1.
        #expect(try Self.graph(a) == Self.graph(b))
        for laptop in [a, b] {
            let versions = try laptop.versions(1)
            #expect(versions.count == 3)
            #expect(VersionNode.heads(of: versions).count == 2, "\(versions)")
            #expect(VersionNode.heads(of: versions).allSatisfy { $0.parents == [versions[0].uid] })
        }
        // On a, the version from b names b's p2 as a knows her (renamed here, her name from a's own record).
        let fromB = try a.song(1, version: 3)
        let aoife = try #require(fromB.provenance.contributors.first { $0.name == "Aoife" })
        #expect(aoife.id.hasPrefix("p2-"))
        #expect(fromB.provenance.credits.contains { $0.contributors == [aoife.id] })
        // The next merge, on a, joins the branches: both new lines, Eileen's once, and both branches as parents.
        let joined = try a.merge(song: 1)
        #expect(joined.version == 4 && joined.report.joined == 2)
        let song = try a.song(1)
        let words = song.sections.flatMap(\.lyricLines)
        #expect(words.filter { $0.contains("harbour wall") }.count == 2, "\(words)")
        #expect(words.filter { $0.contains("white horses") }.count == 1, "\(words)")
        let versions = try a.versions(1)
        #expect(Set(versions[3].parents) == Set(versions[1...2].map(\.uid)))
        #expect(VersionNode.heads(of: versions).count == 1)
        // b takes the join in: the same graph on both, one head, and nothing new the second time.
        #expect(try SyncTests.carry(a, to: b).versions == 1)
        #expect(try Self.graph(a) == Self.graph(b))
        #expect(VersionNode.heads(of: try b.versions(1)).map(\.uid) == [versions[3].uid])
        #expect(try SyncTests.carry(a, to: b).isEmpty)
        #expect(try SyncTests.carry(b, to: a).isEmpty)
        // A merge on b now builds on the join and finds nothing to add twice.
        #expect(try b.merge(song: 1).report.merged.isEmpty)
    }

    @Test func aVersionTravelsWithoutNamesAndAWithdrawalReachesTheCopiesElsewhere() throws {
        let tour = try Tour()
        defer { tour.scratch.remove() }
        let (a, b) = try Self.twoLaptopsWithAVersion(tour)
        let versions = try #require(try a.syncChanges().versions)
        #expect(versions.count == 1)
        #expect(!versions[0].text.contains("Eileen"), "names travel only in people's records, as consent allows")
        #expect(versions[0].text.contains("white horses"))
        // Eileen withdraws on a: on b, the copy of a's version is marked, and her line leaves b's public song.
        try a.setConsent("p1", .withdrawn)
        try SyncTests.carry(a, to: b)
        #expect(try b.versions(1).allSatisfy(\.holdsWithdrawn))
        let shown = try b.publicSong(try b.song(1))
        #expect(!shown.sections.flatMap(\.lyricLines).contains { $0.contains("white horses") })
        #expect(try SyncTests.carry(a, to: b).isEmpty)
    }

    @Test func aVersionThatConflictsOrLacksItsParentIsRefusedWhole() throws {
        let tour = try Tour()
        defer { tour.scratch.remove() }
        let (a, b) = try Self.twoLaptopsWithAVersion(tour)
        let line = try a.contribute(song: 1, by: ["p1"], kind: .lyrics, payload: "A second line from Eileen", section: "Verse 2")
        try a.setStatus(line, .accepted)
        _ = try a.merge(song: 1)
        let good = try a.syncChanges()
        let all = try #require(good.versions)
        #expect(all.count == 2 && all[1].parents == [all[0].uid], "a version is sent after its parent")
        let before = try SyncTests.dump(b)
        func refused(_ why: String, _ change: (inout SyncChanges) -> Void) {
            var changes = good
            change(&changes)
            #expect(throws: ArchiveError.self, "\(why)") { try b.takeIn(changes) }
            #expect((try? SyncTests.dump(b)) == before, "\(why): nothing changed")
        }
        refused("a known version with other words") { $0.versions![0].text = $0.versions![0].text.replacingOccurrences(of: "white horses", with: "grey horses") }
        refused("a known version with another parent") { $0.versions![0].parents = [all[1].uid] }
        refused("a known version that merged something else") { $0.versions![0].merged = [String(repeating: "1", count: 32)] }
        refused("a new version on a parent no one has") { $0.versions![1].parents = [String(repeating: "e", count: 32)] }
        refused("a new version that is itself its parent") { $0.versions![1].parents = [all[1].uid] }
        refused("a new version that does not read") { $0.versions![1].text = "{title: Broken\n{start_of_abc}\nX:1\nK:C\n[CEG C|\n{end_of_abc}" }
        refused("a new version naming someone no one has") {
            $0.versions![1].text = $0.versions![1].text.replacingOccurrences(of: good.people.first { $0.id == "p1" }!.uid, with: String(repeating: "0", count: 32))
        }
        // The good changes still go in afterwards, whole, and b holds a's graph.
        #expect(try b.takeIn(good).versions == 1)
        #expect(try Self.graph(a) == Self.graph(b))
    }

    @Test func aBundleOfRecentWorkCarriesTheVersionsItsVersionsBuildOn() throws {
        let tour = try Tour()
        defer { tour.scratch.remove() }
        let laptops = try SyncTests.threeLaptops(tour)
        let (a, c) = (laptops[0], laptops[2])
        try a.setStatus(1, .accepted)
        _ = try a.merge(song: 1)
        let line = try a.contribute(song: 1, by: ["p1"], kind: .lyrics, payload: "A second line from Eileen", section: "Verse 2")
        try a.setStatus(line, .accepted)
        _ = try a.merge(song: 1)
        // Version 1 was made in the spring; a bundle of what was made since the summer still carries it, since
        // version 2 builds on it, and c (which has neither) takes both in.
        try DatabaseQueue(path: a.path).write { db in try db.execute(sql: "UPDATE version SET createdAt = '2026-04-01T10:00:00Z' WHERE number = 1") }
        let recent = try a.syncChanges(since: "2026-07-01T00:00:00Z")
        #expect(recent.versions?.count == 2)
        #expect(try c.takeIn(try SyncBundle.unpack(try SyncBundle.pack(recent))).versions == 2)
        #expect(try Self.graph(c) == Self.graph(a))
        // Nothing made since: no version travels.
        #expect(try a.syncChanges(since: "2099-01-01T00:00:00Z").versions?.isEmpty == true)
        // A new laptop that has nothing takes the bundle in without the spring's line (made before the summer, so
        // not in it): the versions hold it by global id, and once the line arrives a merge there finds it held.
        try DatabaseQueue(path: a.path).write { db in try db.execute(sql: "UPDATE contribution SET createdAt = '2026-04-01T09:00:00Z' WHERE id = 1") }
        let d = try tour.laptop("d")
        let partial = try a.syncChanges(since: "2026-07-01T00:00:00Z")
        #expect(!partial.contributions.contains { $0.payload.contains("white horses") })
        #expect(try d.takeIn(partial).versions == 2)
        try SyncTests.carry(a, to: d)
        #expect(try Self.graph(d) == Self.graph(a))
        #expect(try d.merge(song: 1).report.merged.isEmpty, "everything accepted is held by the versions already")
    }

    @Test func anArchiveFromBeforeBranchesGivesItsVersionsTheirParentsAndMergedWork() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let queue = try DatabaseQueue(path: scratch.archivePath)
        try ArchiveSchema.migrator.migrate(queue, upTo: "v9-sync")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO song (title, themes, createdAt) VALUES ('Old Song', '', '2026-01-01T00:00:00Z')")
            try db.execute(sql: "INSERT INTO contribution (songId, kind, payload, status, mergedIn, createdAt) VALUES (1, 'lyrics', 'An old line', 'accepted', 1, '2026-01-01T00:00:00Z')")
            try db.execute(sql: "INSERT INTO contribution (songId, kind, payload, status, mergedIn, createdAt) VALUES (1, 'lyrics', 'A newer line', 'accepted', 2, '2026-01-02T00:00:00Z')")
            for n in 1...2 {
                let text = "{title: Old Song}\n"
                try db.execute(sql: "INSERT INTO version (songId, number, parentNumber, chordpro, sha256, report, createdAt) VALUES (1, ?, ?, ?, ?, '{}', '2026-01-02T00:00:00Z')",
                               arguments: [n, n == 1 ? nil : 1, text, SHA256.hex(text)])
            }
        }
        try queue.close()
        let archive = try TourArchive(path: scratch.archivePath)
        let versions = try archive.versions(1)
        #expect(versions.count == 2 && versions[0].parents.isEmpty && versions[1].parents == [versions[0].uid])
        let contributions = try archive.syncChanges().contributions
        let uid = { (words: String) in contributions.first { $0.payload == words }?.uid }
        #expect(versions[0].merged == [uid("An old line")].compactMap { $0 } && versions[1].merged == [uid("A newer line")].compactMap { $0 })
        // So the next merge finds nothing left to merge.
        #expect(try archive.merge(song: 1).report.merged.isEmpty)
    }
}
