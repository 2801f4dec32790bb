import Foundation
import GRDB
import Synchronization
import SongCore
import SongTesting
import SongText
import Testing
@testable import Arrangement
@testable import SongArchive
@testable import TourExport

/// Damaged files, contributions made to break a song, and withdrawn words in the search index, against a real
/// archive file. Each test failed on the main branch before this one.
@Suite struct ArchiveHardeningTests {
    static func demo(_ scratch: Scratch) throws -> TourArchive {
        let archive = try TourArchive(path: scratch.archivePath)
        for url in Fixtures.songFiles { _ = try archive.importSong(try #require(try SongFile.read(path: url.path).songs.first)) }
        return archive
    }

    static func count(_ sql: String, _ path: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    /// A song text whose one verse repeats a single note 14,000 times: about four hours of music.
    static let endless = """
        {title: Endless}
        {start_of_verse: Verse 1}
        la
        {end_of_verse}

        {start_of_abc: Verse 1}
        X:1
        M:4/4
        L:1/4
        Q:1/4=120
        K:C
        \(String(repeating: "|: C :|", count: 14_000))
        {end_of_abc}

        """

    @Test func aHugeRepeatOrAnEndlessMelodyIsRefusedWhenContributedAndNothingIsStored() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try Self.demo(scratch)
        let tide = try #require(try archive.list().first { $0.title == "The Tide Comes In" }?.id)
        let before = try Self.count("SELECT COUNT(*) FROM contribution", scratch.archivePath)
        for (kind, payload) in [(Contribution.Kind.structure, "Verse 1 x999999999, Chorus"), (.structure, "Chorus x99999999999999999999999"),
                                (.melody, "X:1\nL:1/4\nK:C\n" + String(repeating: "|: C :|", count: 14_000))] {
            do {
                try archive.contribute(song: tide, by: ["c-mh01"], kind: kind, payload: payload)
                Issue.record("\(kind) \(payload.prefix(40)) was taken")
            } catch {
                #expect(error.kind == .tooLarge, "\(error)")
            }
        }
        #expect(try Self.count("SELECT COUNT(*) FROM contribution", scratch.archivePath) == before)
        // Within the limits is still fine
        _ = try archive.contribute(song: tide, by: ["c-mh01"], kind: .structure, payload: "Verse 1, Chorus x\(SongLimits.formRepeats)")
    }

    @Test func anArchiveThatAlreadyHoldsAnEndlessSongStillOpensListsAndExportsWithThatSongReported() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // Given an archive with an endless song stored before the limits, and a form repeated a billion times
        let archive = try Self.demo(scratch)
        let endless = try archive.newSong(title: "Endless")
        let billion = try archive.newSong(title: "A Billion Choruses")
        let form = "{title: A Billion Choruses}\n{x_songbridge_form: Chorus x999999999}\n\n{start_of_chorus: Chorus}\n[C]Round and [G]round\n{end_of_chorus}\n"
        try await DatabaseQueue(path: scratch.archivePath).write { db in
            for (id, text) in [(endless, Self.endless), (billion, form)] {
                try db.execute(sql: "INSERT INTO version (songId, number, chordpro, sha256, report, createdAt) VALUES (?, 1, ?, ?, '{}', '2026-01-01T00:00:00Z')",
                               arguments: [id, text, SHA256.hex(text)])
            }
        }
        // When it is opened, listed and exported
        let reopened = try TourArchive(path: scratch.archivePath)
        #expect(try reopened.list().count == Fixtures.songFiles.count + 2)
        let song = try reopened.song(endless)
        // Then arranging the endless one is refused before it is made, with the reason
        #expect(throws: Arranger.Problem.self) { try Arranger.perform(song) }
        do { _ = try Arranger.perform(song) } catch { #expect(error.description.contains("30 minutes"), "\(error)") }
        // And the billion choruses are kept within the limit, and play
        let chorus = try reopened.song(billion)
        #expect(chorus.form.first?.times == SongLimits.formRepeats)
        let performance = try Arranger.perform(chorus)
        #expect(performance.durationSeconds <= SongLimits.arrangedSeconds)
        // And the export holds every other song, and says which has no MIDI file and why
        let data = try TourZip(name: "tour", chosen: "every song").make(try reopened.list(), from: reopened)
        let files = try #require(try await PythonZip.entries(of: data, in: scratch.folder).entries)
        let readme = try #require(files["tour/README.txt"])
        #expect(readme.contains("song \(endless) (Endless) has no MIDI file"), "\(readme)")
        #expect(files.keys.filter { $0.hasSuffix(".mid") }.count == Fixtures.songFiles.count + 1)
    }

    @Test func aDamagedVersionIsReportedAndNeverParsedOrBuiltOn() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try Self.demo(scratch)
        let tide = try #require(try archive.list().first { $0.title == "The Tide Comes In" }?.id)
        let line = try archive.contribute(song: tide, by: ["c-mh01"], kind: .lyrics, payload: "and the kettle sings at four", section: "Verse 2")
        try archive.setStatus(line, .accepted)
        // Given a stored version changed behind the archive's back (a flipped byte, an edit by hand)
        try await DatabaseQueue(path: scratch.archivePath).write { db in
            try db.execute(sql: "UPDATE version SET chordpro = replace(chordpro, 'prom', 'pram') WHERE songId = ?", arguments: [tide])
        }
        let reopened = try TourArchive(path: scratch.archivePath)
        // Then reading it names the song and version, and says it is damaged
        do {
            _ = try reopened.song(tide)
            Issue.record("a damaged version was read")
        } catch {
            #expect(error.message.contains("version 1 of song \(tide) is damaged"), "\(error)")
        }
        // And a merge refuses to build on it, changing nothing (it used to rebuild the song from nothing)
        #expect(throws: ArchiveError.self) { try reopened.merge(song: tide) }
        #expect(try reopened.versions(tide).count == 1)
        // And the export goes on without it, saying so
        let data = try TourZip(name: "tour", chosen: "every song").make(try reopened.list(), from: reopened)
        let readme = try #require(try await PythonZip.entries(of: data, in: scratch.folder).entries?["tour/README.txt"])
        #expect(readme.contains("song \(tide) (The Tide Comes In) is not included"), "\(readme)")
    }

    @Test func aVersionThatDoesNotReadStopsTheMergeRatherThanLosingTheSong() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try Self.demo(scratch)
        let waltz = try #require(try archive.list().first { $0.title == "The Pavilion Waltz" }?.id)
        // A version whose text no longer reads, stored with a matching checksum (as an older Songbridge might)
        let broken = "{title: The Pavilion Waltz}\n{start_of_verse: Verse}\n{key: H#}\n"
        try DatabaseQueue(path: scratch.archivePath).write { db in
            try db.execute(sql: "UPDATE version SET chordpro = ?, sha256 = ? WHERE songId = ?", arguments: [broken, SHA256.hex(broken), waltz])
        }
        do {
            _ = try archive.merge(song: waltz)
            Issue.record("merged onto a version that does not read")
        } catch {
            #expect(error.message.contains("song \(waltz)"), "\(error)")
        }
        #expect(try archive.versions(waltz).count == 1)
    }

    @Test func aDamagedOrEmptyFileIsRefusedWhenOpenedWithTheWayOut() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        do { _ = try Self.demo(scratch) }
        // Settle the write-ahead log into the file, then zero a page in the middle of it
        try DatabaseQueue(path: scratch.archivePath).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: scratch.archivePath))
        let size = try handle.seekToEnd()
        let pageSize: UInt64 = 4096
        try handle.seek(toOffset: (size / pageSize / 2) * pageSize)
        handle.write(Data(count: Int(pageSize)))
        try handle.close()
        do {
            _ = try TourArchive(path: scratch.archivePath)
            Issue.record("a damaged archive was opened")
        } catch {
            #expect(error.message.contains("is damaged"), "\(error)")
            #expect(error.message.contains("backup") && error.message.contains(".recover"), "\(error)")
        }
        // An empty file is not a new archive
        let empty = scratch.folder.appendingPathComponent("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        #expect(throws: ArchiveError.self) { try TourArchive(path: empty) }
        #expect(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int == 0)
    }

    /// A merge reads, merges outside any transaction, then writes in a short one. A merge that started before
    /// another finished finds the song moved on and is refused as a conflict, writing nothing: the first merge's
    /// version and its contributions stand.
    @Test func aMergeThatStartedBeforeAnotherFinishedIsAConflictAndWritesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try Self.demo(scratch)
        let cwm = try #require(try archive.list().first { $0.title == "Cân y Cwm" }?.id)
        let first = try archive.contribute(song: cwm, by: ["c-em45"], kind: .lyrics, payload: "and the river runs to sea", section: "Chorus")
        try archive.setStatus(first, .accepted)
        let early = try archive.prepareMerge(song: cwm)
        let second = try archive.contribute(song: cwm, by: ["c-em45"], kind: .lyrics, payload: "where the curlews call to me", section: "Chorus")
        try archive.setStatus(second, .accepted)
        let (done, _) = try archive.merge(song: cwm)
        #expect(done == (early.baseNumber ?? 0) + 1)
        #expect { try archive.commit(early) } throws: { ($0 as? ArchiveError)?.kind == .conflict }
        #expect(try archive.latestVersion(cwm).number == done)
        let words = try archive.song(cwm).sections.flatMap(\.lines).compactMap(\.words).joined(separator: " ")
        #expect(words.contains("curlews"), "the finished merge's version is the newest")
    }

    /// Merges of one song from several threads at once: each is written or refused as a conflict, and the
    /// versions written are numbered one after another with none written over.
    @Test func mergesAtOnceAreWrittenOrRefusedNeverOverwritten() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try Self.demo(scratch)
        let cwm = try #require(try archive.list().first { $0.title == "Cân y Cwm" }?.id)
        let before = try archive.latestVersion(cwm).number
        let outcomes = Mutex<[Int?]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { n in
            let outcome: Int?
            do {
                let line = try archive.contribute(song: cwm, by: ["c-em45"], kind: .lyrics, payload: "a line sung by thread \(n)", section: "Chorus")
                try archive.setStatus(line, .accepted)
                outcome = try archive.merge(song: cwm).version
            } catch {
                let kind = (error as? ArchiveError)?.kind
                #expect(kind == .conflict || kind == .busy, "\(error)")
                outcome = nil
            }
            outcomes.withLock { $0.append(outcome) }
        }
        let written = outcomes.withLock { $0 }.compactMap { $0 }.sorted()
        #expect(!written.isEmpty)
        #expect(written == Array((before + 1)...(before + written.count)), "\(written)")
        #expect(try archive.latestVersion(cwm).number == before + written.count)
    }

    @Test func searchFindsOnlyWhatThePublicMaySeeEvenAfterANewMerge() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try Self.demo(scratch)
        let cwm = try #require(try archive.list().first { $0.title == "Cân y Cwm" }?.id)
        #expect(try archive.search("bryn").map(\.id) == [cwm])
        // When Gwilym Jones, who wrote "…ar y bryn", withdraws
        try archive.setConsent("c-gj41", .withdrawn)
        #expect(try archive.search("bryn").isEmpty)
        // And after another merge
        let line = try archive.contribute(song: cwm, by: ["c-em45"], kind: .lyrics, payload: "and the river runs to sea", section: "Chorus")
        try archive.setStatus(line, .accepted)
        _ = try archive.merge(song: cwm)
        #expect(try archive.search("bryn").isEmpty)
        #expect(try archive.search("river").map(\.id) == [cwm])
        // A name of someone not credited by name is never indexed either
        #expect(try archive.search("Tomos").isEmpty)
    }

    @Test func namesLabelsAndTitlesOnMoreThanOneLineAreRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try Self.demo(scratch)
        let tide = try #require(try archive.list().first { $0.title == "The Tide Comes In" }?.id)
        #expect(throws: ArchiveError.self) { try archive.add(Contributor(id: "c-ann", name: "Ann\nSmith", generation: .adult)) }
        #expect(throws: ArchiveError.self) { try archive.add(Contributor(id: "c ann", name: "Ann", generation: .adult)) }
        #expect(throws: ArchiveError.self) { try archive.newSong(title: "Sand\r{title: Hacked}") }
        #expect(throws: ArchiveError.self) { try archive.add(TourStop(id: "rhyl", place: "Rhyl\n{title: x}", nation: .wales, venue: .school)) }
        #expect(throws: ArchiveError.self) {
            try archive.contribute(song: tide, by: ["c-mh01"], kind: .lyrics, payload: "a line", section: "Verse 1}\n{title: Hacked}")
        }
        #expect(throws: ArchiveError.self) { try archive.contribute(song: tide, by: ["c-mh01"], kind: .structure, payload: "Verse 1, Cho\u{7}rus") }
        #expect(try Self.count("SELECT COUNT(*) FROM contributor WHERE id = 'c-ann'", scratch.archivePath) == 0)
    }

    @Test func wordsOrNamesWithABellAnEscapeOrADirectionOverrideAreRefusedSayingWhere() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try Self.demo(scratch)
        let tide = try #require(try archive.list().first { $0.title == "The Tide Comes In" }?.id)
        let before = try Self.count("SELECT COUNT(*) FROM contribution", scratch.archivePath)
        for payload in ["The gulls \u{7}cry", "Home \u{1B}c again", "Over the \u{202E}bryn", "Sand \u{9B}31m and stars"] {
            let refusal = #expect(throws: ArchiveError.self) {
                try archive.contribute(song: tide, by: ["c-mh01"], kind: .lyrics, payload: "A first line\n" + payload)
            }
            #expect(refusal?.message.contains("at line 2, column") == true, "\(refusal?.message ?? "")")
            #expect(refusal?.kind == .invalid)
        }
        #expect(throws: ArchiveError.self) { try archive.add(Contributor(id: "c-rlo", name: "Tomos \u{202E}Jones", generation: .adult)) }
        #expect(try Self.count("SELECT COUNT(*) FROM contribution", scratch.archivePath) == before)
        #expect(try Self.count("SELECT COUNT(*) FROM contributor WHERE id = 'c-rlo'", scratch.archivePath) == 0)
        // Tabs and everyday letters are words like any others.
        #expect(throws: Never.self) { try archive.contribute(song: tide, by: ["c-mh01"], kind: .lyrics, payload: "Dŵr’s \"tide\"\tcomes in") }
    }

    @Test func aLineBreakAlreadyInASongCannotRewriteItWhenWritten() throws {
        // Given a song holding text from before the rule: a two-line name and a label hiding a directive
        var song = Song(metadata: SongMetadata(title: "Sand and Stars"))
        song.blocks = [.section(Section(kind: .verse, label: "Verse 1}\n{title: Hacked}", lines: [.lyrics([LyricSegment(text: "Sand between\nour toes")])]))]
        song.provenance.contributors = [Contributor(id: "c-ann", name: "Ann\n{title: Hacked}", generation: .adult, consent: .fullName)]
        song.provenance.credits = [Credit(contributors: ["c-ann"], part: .lines, section: "Verse 1}\n{title: Hacked}")]
        // When it is written and read back
        let text = ChordProWriter.write(song)
        let read = try #require(try ChordProReader.read(text, name: "written").value.first)
        // Then it is one song with its own title, one section and one person
        #expect(read.metadata.title == "Sand and Stars")
        #expect(read.sections.count == 1)
        #expect(read.provenance.contributors.count == 1)
        #expect(!text.contains("\n{title: Hacked}"))
        let abc = ABCWriter.write(ABCTuneBook(song: song))
        #expect(!abc.contains("\nT:Hacked") && !abc.contains("\n{title"))
    }

    @Test func someoneWhoseAgeGroupWasNeverRecordedIsNeverNamed() {
        let unknown = Contributor(id: "c-x", name: "Pat Doe", consent: .fullName)
        #expect(unknown.publicCredit == "a participant")
        #expect(Contributor(id: "c-y", name: "Pat Doe", generation: .adult, consent: .fullName).publicCredit == "Pat Doe")
    }

    @Test func aSpreadsheetFormulaInAnIndexCellStaysText() {
        // ("\r\n" is one Character: dropLast(1) takes the line ending off.)
        let csv = TourZip.csv([["=HYPERLINK(\"http://evil.example\",\"Kai\")", "+1", "-2", "@SUM(A1)", "\tx", "Mair"]])
        let cells = csv.dropLast(1).split(separator: ",", omittingEmptySubsequences: false)
        #expect(csv.hasPrefix("\"'=HYPERLINK("))
        #expect(cells.contains("'+1") && cells.contains("'-2") && cells.contains("'@SUM(A1)") && cells.contains("'\tx") && cells.contains("Mair"))
    }

    @Test func publicOutputNamesPeopleByOpaqueIDsNotTheArchives() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try Self.demo(scratch)
        let waltz = try #require(try archive.list().first { $0.title == "The Pavilion Waltz" }?.id)
        // Kai Lin, a child without a guardian's consent, is c-kl22 in the archive: her initials
        let shown = try archive.publicSong(try archive.song(waltz))
        let text = ChordProWriter.write(shown)
        #expect(!text.contains("c-kl22") && !text.contains("c-dw21"))
        let ids = shown.provenance.contributors.map(\.id)
        #expect(!ids.isEmpty && ids.allSatisfy { $0.hasPrefix("p-") && $0.count == 14 })
        // Credits still point at the people listed
        #expect(shown.provenance.credits.flatMap(\.contributors).allSatisfy(ids.contains))
        // The same person has the same public id after reopening; another archive gives another
        #expect(try TourArchive(path: scratch.archivePath).publicID("c-kl22") == archive.publicID("c-kl22"))
        let other = try Scratch()
        defer { other.remove() }
        #expect(try TourArchive(path: other.archivePath).publicID("c-kl22") != archive.publicID("c-kl22"))
    }
}
