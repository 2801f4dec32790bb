import Foundation
import PostgresArchive
import SongArchive
import SongCore
import SongTesting
import SongText
import Testing

/// One suite of archive behaviour, run on both engines (an SQLite file and a PostgreSQL database): what a laptop's
/// archive does, the central archive does the same way. Each test gets a new, empty archive.
@Suite struct ArchiveConformanceTests {
    static var demoSongs: [Song] {
        get throws { try Fixtures.songFiles.map { try #require(try SongFile.read(path: $0.path).songs.first) } }
    }

    @Test(arguments: ArchiveEngine.allCases)
    func stopsAndPeopleAreKeptAndADuplicateIsRefused(_ engine: ArchiveEngine) async throws {
        let archive = try await engine.open()
        try archive.add(TourStop(id: "weymouth-2026-06", place: "Weymouth", nation: .england, venue: .careHome, date: "2026-06-03", partners: ["Sea View", "St Mary's"]))
        try archive.add(TourStop(id: "portrush-2026-05", place: "Portrush", nation: .northernIreland, venue: .school, date: "2026-05-12"))
        #expect(try archive.stops().map(\.id) == ["portrush-2026-05", "weymouth-2026-06"], "stops by date")
        #expect(try archive.stops().last?.partners == ["Sea View", "St Mary's"])
        #expect(throws: ArchiveError.self) { try archive.add(TourStop(id: "weymouth-2026-06", place: "Elsewhere", nation: .wales, venue: .other)) }

        try archive.add(Contributor(id: "c-1", name: "Nia Evans", generation: .child, consent: .firstName, guardianConsent: true))
        let read = try archive.contributor("c-1")
        #expect(read == Contributor(id: "c-1", name: "Nia Evans", generation: .child, consent: .firstName, guardianConsent: true))
        do {
            try archive.add(Contributor(id: "c-1", name: "Someone Else"))
            Issue.record("a second person with the same id was kept")
        } catch {
            #expect(error.kind == .conflict)
        }
        #expect(try archive.contributor("c-1").name == "Nia Evans", "the refused write changed nothing")
        do {
            _ = try archive.contributor("nobody")
            Issue.record("an unknown person was read")
        } catch {
            #expect(error.kind == .notFound)
        }
    }

    @Test(arguments: ArchiveEngine.allCases)
    func consentChangesAreADatedHistoryAndTheNewestDecides(_ engine: ArchiveEngine) async throws {
        let archive = try await engine.open()
        try archive.add(Contributor(id: "c-2", name: "Gwilym Jones", generation: .olderAdult, consent: .fullName))
        try archive.setConsent("c-2", .initials)
        // (Both changes may fall in one second, where the history's order is by global id: the order that counts
        // is which supersedes which.)
        let history = try archive.consentHistory(of: "c-2")
        let first = try #require(history.first { $0.consent == .fullName })
        let second = try #require(history.first { $0.consent == .initials })
        #expect(history.count == 2)
        #expect(second.supersedes == [first.uid], "a change made here supersedes what this archive knew")
        #expect(ConsentChange.heads(history).map(\.uid) == [second.uid])
        #expect(Set(history.map(\.uid)).count == 2 && history.allSatisfy { $0.uid.count == 32 }, "each change has its own global id")
        #expect(try archive.contributor("c-2").consent == .initials)
        #expect(throws: ArchiveError.self) { try archive.setConsent("nobody", .withdrawn) }
    }

    @Test(arguments: ArchiveEngine.allCases)
    func importContributeAcceptAndMergeMakeVersions(_ engine: ArchiveEngine) async throws {
        let archive = try await engine.open()
        let songs = try Self.demoSongs
        var ids: [Int64] = []
        for song in songs { ids.append(try archive.importSong(song)) }
        #expect(try archive.list().count == songs.count)
        #expect(throws: ArchiveError.self) { try archive.importSong(songs[0]) }
        let first = try archive.song(ids[0])
        #expect(first.metadata.title == songs[0].metadata.title)
        #expect(try archive.versions(ids[0]).map(\.number) == [1])

        // A new line from a person already in the song, accepted and merged: version 2, built on version 1.
        let person = try #require(songs[0].provenance.contributors.first { $0.consent != .withdrawn })
        let section = try #require(songs[0].sections.first { !$0.lyricLines.isEmpty })
        let line = "and the lanterns swing along the quay"
        let contribution = try archive.contribute(song: ids[0], by: [person.id], kind: .lyrics, payload: line, section: section.id)
        try archive.setStatus(contribution, .accepted)
        let (number, report) = try archive.merge(song: ids[0])
        #expect(number == 2)
        #expect(report.merged == [contribution])
        let graph = try archive.versions(ids[0])
        #expect(graph.map(\.number) == [1, 2])
        #expect(graph[1].parents == [graph[0].uid])
        #expect(try archive.song(ids[0]).sections.flatMap(\.lyricLines).contains(line))
        #expect(try archive.song(ids[0], version: 1).sections.flatMap(\.lyricLines).contains(line) == false, "version 1 is as it was")
        #expect(try archive.latestVersion(ids[0]).number == 2)

        // Refusals change nothing.
        #expect(throws: ArchiveError.self) { try archive.contribute(song: 999_999, by: [person.id], kind: .lyrics, payload: line) }
        #expect(throws: ArchiveError.self) { try archive.contribute(song: ids[0], by: ["nobody"], kind: .lyrics, payload: line) }
        #expect(throws: ArchiveError.self) { try archive.setStatus(999_999, .accepted) }
        #expect(try archive.versions(ids[0]).count == 2)
    }

    @Test(arguments: ArchiveEngine.allCases)
    func listsFilterByStopNationThemeAndGeneration(_ engine: ArchiveEngine) async throws {
        let archive = try await engine.open()
        for song in try Self.demoSongs { try archive.importSong(song) }
        #expect(try archive.list(nation: "wales").map(\.title) == ["Cân y Cwm"])
        #expect(try archive.list(theme: "welsh language").map(\.title) == ["Cân y Cwm"], "a theme matches whole, in any case")
        #expect(try archive.list(theme: "welsh").isEmpty, "part of a theme is not the theme")
        #expect(try archive.list(generation: "child").contains { $0.title == "Cân y Cwm" })
        #expect(try archive.list(limit: 2).count == 2)
        let counts = try archive.songCounts()
        #expect(counts["machynlleth-2026-09"] == 1)
        #expect(try archive.recent(limit: 3).count == 3)
    }

    @Test(arguments: ArchiveEngine.allCases)
    func searchFoldsWelshDiacriticsAndAWithdrawnLineIsNotFound(_ engine: ArchiveEngine) async throws {
        let archive = try await engine.open()
        for song in try Self.demoSongs { try archive.importSong(song) }
        #expect(try archive.search("can y cwm").first?.title == "Cân y Cwm", "'can' finds Cân")
        #expect(try archive.search("côr").map(\.title) == ["Cân y Cwm"])
        #expect(try archive.search("cor").map(\.title) == ["Cân y Cwm"], "'cor' finds côr")
        #expect(try archive.search("machynlleth").map(\.title) == ["Cân y Cwm"], "the place is searched")
        #expect(try archive.search("zzzqx").isEmpty)
        #expect(try archive.search("  ").isEmpty)

        // Gwilym's verse is findable until he withdraws; then it is in no search.
        let word = "adar"
        #expect(try archive.search(word).map(\.title) == ["Cân y Cwm"])
        try archive.setConsent("c-gj41", .withdrawn)
        #expect(try archive.search(word).isEmpty, "a withdrawn person's line is not searchable")
        #expect(try archive.search("canwn").map(\.title) == ["Cân y Cwm"], "the rest of the song still is")
    }

    /// The same corpus, the same questions, on both engines: the same songs found.
    @Test func bothEnginesFindTheSameSongs() async throws {
        let sqlite = try await ArchiveEngine.sqlite.open()
        let postgres = try await ArchiveEngine.postgres.open()
        for song in try Self.demoSongs {
            try sqlite.importSong(song)
            try postgres.importSong(song)
        }
        let questions = ["tide", "harbour sleeps", "waltz", "dwr", "cân", "CWM", "haul away", "stonehaven", "sea", "home", "memories",
                         "the", "and", "valley", "machynlleth", "scotland", "wales", "y", "o'er", "sing it", "nain"]
        for question in questions {
            let a = Set(try sqlite.search(question).map(\.title))
            let b = Set(try postgres.search(question).map(\.title))
            #expect(a == b, "'\(question)': SQLite finds \(a.sorted()), PostgreSQL \(b.sorted())")
        }
    }

    @Test(arguments: ArchiveEngine.allCases)
    func aReopenedArchiveKeepsItsPublicIDs(_ engine: ArchiveEngine) async throws {
        let archive = try await engine.open()
        try archive.add(Contributor(id: "c-3", consent: .anonymous))
        let id = archive.publicID("c-3")
        #expect(id.hasPrefix("p-") && id.count == 14)
        // Opened again by where it is (a file's path, or the URL without its password).
        let again = try TourArchive.open(archive.path, source: "conformance test")
        #expect(again.publicID("c-3") == id)
        #expect(try again.contributor("c-3").consent == .anonymous)
    }
}
