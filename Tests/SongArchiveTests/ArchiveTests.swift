import Foundation
import GRDB
import SongCore
import SongTesting
import SongText
import Testing
@testable import Arrangement
@testable import SongArchive

/// A fresh archive file in a scratch folder, removed afterwards.
struct Scratch {
    let folder: URL
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    var archivePath: String { folder.appendingPathComponent("archive.sqlite").path }
    func remove() { try? FileManager.default.removeItem(at: folder) }
}

@Suite struct ArchiveTests {
    func songs() throws -> [Song] {
        try Fixtures.songFiles.map { try #require(try SongFile.read(path: $0.path).songs.first) }
    }

    @Test func importThenExportGivesBackTheSameFiles() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try TourArchive(path: scratch.archivePath)
        for url in Fixtures.songFiles {
            let song = try #require(try SongFile.read(path: url.path).songs.first)
            let id = try archive.importSong(song)
            let out = try archive.export(song: id, to: scratch.folder, publicOnly: false)
            // Export is the canonical ChordPro of the song; reading it gives the imported song back.
            #expect(try ChordProReader.read(String(contentsOf: out, encoding: .utf8)).value == [song])
            #expect(try String(contentsOf: out, encoding: .utf8) == ChordProWriter.write(song))
            // The songs in Songs/ are kept in the writer's own layout, so the export is the very file imported.
            #expect(try Data(contentsOf: out) == Data(contentsOf: url), "\(url.lastPathComponent)")
        }
        // Export → import → export gives identical files.
        let second = try TourArchive(path: scratch.folder.appendingPathComponent("second.sqlite").path)
        let exported = Fixtures.files(in: scratch.folder, ext: "cho")
        for url in exported {
            let id = try second.importSong(try #require(try SongFile.read(path: url.path).songs.first))
            let again = try second.export(song: id, to: FileManager.default.temporaryDirectory, publicOnly: false)
            defer { try? FileManager.default.removeItem(at: again) }
            #expect(try Data(contentsOf: again) == Data(contentsOf: url))
        }
    }

    @Test func importingTheSameSongTwiceIsRefusedAndChangesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try TourArchive(path: scratch.archivePath)
        let song = try #require(try songs().first)
        try archive.importSong(song)
        #expect(throws: ArchiveError.self) { try archive.importSong(song) }
        #expect(try archive.list().count == 1)
    }

    @Test func publicExportsFollowConsent() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try TourArchive(path: scratch.archivePath)
        let cwm = try #require(try songs().first { $0.metadata.title == "Cân y Cwm" })
        let id = try archive.importSong(cwm)
        let url = try archive.export(song: id, to: scratch.folder, publicOnly: true)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("name=Gwilym Jones"))          // full name
        #expect(text.contains("name=S. R."))                 // initials only
        #expect(!text.contains("Siân Roberts"))
        #expect(!text.contains("Nia"))                       // a child without a guardian's consent
        #expect(!text.contains("Tomos") && !text.contains("c-tp44"))   // withdrawn: gone
        #expect(text.contains("Mae'r [C]haul"))              // the words people gave are carried
        // Withdrawing later removes Gwilym's lines from public output, and marks the versions that hold them.
        try archive.setConsent("c-gj41", .withdrawn)
        let after = try String(contentsOf: archive.export(song: id, to: scratch.folder, publicOnly: true), encoding: .utf8)
        #expect(!after.contains("Gwilym") && !after.contains("Mae'r [C]haul"))
        #expect(after.contains("The [C]sun comes up"))
        #expect(try archive.versions(id).allSatisfy(\.holdsWithdrawn))
    }

    @Test func contributionsMergeIntoANewVersion() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try TourArchive(path: scratch.archivePath)
        try archive.add(TourStop(id: "rhyl-2026", place: "Rhyl", nation: .wales, venue: .school, date: "2026-10-01"))
        try archive.add(Contributor(id: "c1", name: "Mair Lewis", generation: .olderAdult, consent: .fullName))
        try archive.add(Contributor(id: "c2", name: "Ben", generation: .child, consent: .firstName))
        let id = try archive.newSong(title: "Sand and Stars", stop: "rhyl-2026", key: Key("G")!, meter: .fourFour)
        let l1 = try archive.contribute(song: id, by: ["c1"], kind: .lyrics, payload: "[G]Sand between our toes", section: "Verse 1", line: 1)
        let l2 = try archive.contribute(song: id, by: ["c2"], kind: .lyrics, payload: "stars above the sea", section: "Verse 1", line: 1)
        let m = try archive.contribute(song: id, by: ["c1"], kind: .melody, payload: "X:1\nM:4/4\nL:1/4\nK:A\nA B c d|e4|\nw:Sand be-tween our toes", section: "Verse 1")
        let rejected = try archive.contribute(song: id, by: ["c2"], kind: .idea, payload: "a verse about ice cream")
        for c in [l1, l2, m] { try archive.setStatus(c, .accepted) }
        try archive.setStatus(rejected, .rejected)
        let (version, report) = try archive.merge(song: id)
        #expect(version == 1)
        // Two lines for one slot: the first kept, the conflict reported; the melody moved from A into G.
        #expect(report.conflicts.contains { $0.kind == .slotTaken && $0.line == 1 })
        #expect(report.conflicts.contains { $0.kind == .keyMismatch })
        #expect(report.balance["older-adult"]?.melodies == 1 && report.balance["older-adult"]?.lines == 1)
        #expect(report.balance["child"]?.lines ?? 0 == 0)
        #expect(report.ideas.isEmpty)  // the idea was rejected, so not merged
        let song = try archive.song(id)
        #expect(song.section("Verse 1")?.lyricLines == ["Sand between our toes"])
        #expect(!song.provenance.credits.contains { $0.contributors == ["c2"] })
        #expect(song.section("Verse 1")?.melody?.key == Key("G")!)
        #expect(song.section("Verse 1")?.melody?.notes.first?.pitches.first == Pitch(.g, octave: 4))
        #expect(song.provenance.contributors.map(\.id) == ["c1"])  // c2 has nothing in this draft
        // Nothing new accepted: merging again gives an equal draft (determinism).
        let (v2, _) = try archive.merge(song: id)
        #expect(v2 == 2)
        #expect(try archive.song(id, version: 2) == archive.song(id, version: 1))
    }

    @Test func everyConflictKindIsReported() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try TourArchive(path: scratch.archivePath)
        try archive.add(Contributor(id: "c1", generation: .adult, consent: .fullName))
        let id = try archive.newSong(title: "Conflicts", key: Key("C")!, meter: Meter(3, 4))
        var ids: [Int64] = []
        // Words with 4 syllables for a 3-note line; a melody in 4/4 in a 3/4 song; 2 bars of chords for 1 of melody.
        ids.append(try archive.contribute(song: id, by: ["c1"], kind: .lyrics, payload: "sing a happy song", section: "Verse 1"))
        ids.append(try archive.contribute(song: id, by: ["c1"], kind: .melody, payload: "X:1\nM:4/4\nL:1/4\nK:C\nC D E|", section: "Verse 1"))
        ids.append(try archive.contribute(song: id, by: ["c1"], kind: .chords, payload: "C | G", section: "Verse 1"))
        ids.append(try archive.contribute(song: id, by: ["c1"], kind: .melody, payload: "X:1\nM:3/4\nL:1/4\nK:C\nE F G|", section: "Verse 1"))
        // The first line again, as a second tap on a tablet would send it.
        ids.append(try archive.contribute(song: id, by: ["c1"], kind: .lyrics, payload: "Sing a happy song!", section: "Verse 1"))
        for i in ids { try archive.setStatus(i, .accepted) }
        let (_, report) = try archive.merge(song: id)
        let kinds = Set(report.conflicts.map(\.kind))
        #expect(kinds == [.wordsDoNotFit, .meterMismatch, .chordsAndMelodyDiffer, .slotTaken, .duplicateLine])
        let words = report.conflicts.first { $0.kind == .wordsDoNotFit }?.message ?? ""
        #expect(words.contains("5 syllables for 3 notes"), "\(words)")
    }

    @Test func mergesAreDeterministic() throws {
        // The same contributions into two archives give byte-identical versions.
        var texts: [String] = []
        for _ in 0..<2 {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let archive = try TourArchive(path: scratch.archivePath)
            try archive.add(Contributor(id: "c1", generation: .teen, consent: .firstName, guardianConsent: true))
            let id = try archive.newSong(title: "Again", key: Key("D")!)
            for (n, line) in ["one two three", "four five six"].enumerated() {
                try archive.setStatus(try archive.contribute(song: id, by: ["c1"], kind: .lyrics, payload: line, section: "Chorus", line: n + 1), .accepted)
            }
            try archive.setStatus(try archive.contribute(song: id, by: ["c1"], kind: .structure, payload: "Chorus x2"), .accepted)
            _ = try archive.merge(song: id)
            texts.append(ChordProWriter.write(try archive.song(id)))
        }
        #expect(texts[0] == texts[1])
        #expect(texts[0].contains("{x_songbridge_form: Chorus x2}"))
    }

    @Test func reopeningAnArchiveKeepsItsSchemaAndData() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try TourArchive(path: scratch.archivePath).add(Contributor(id: "c1", generation: .adult))
        let again = try TourArchive(path: scratch.archivePath)
        #expect(try again.contributor("c1").generation == .adult)
        let migrations = try DatabaseQueue(path: scratch.archivePath).read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == ["v1", "v2-title-index", "v3-tokens-style", "v4-version-checksum", "v5-public-id-key", "v6-drop-unused", "v7-takes", "v8-melodic-index", "v9-sync", "v10-version-graph", "v11-organisations", "v12-generation",
                              "v13-search-as-the-public-sees"])
        let tables = try DatabaseQueue(path: scratch.archivePath).read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(!tables.contains("render"), "the unused render table is gone")
        let columns = try DatabaseQueue(path: scratch.archivePath).read { db in try db.columns(in: "contributor").map(\.name) }
        #expect(!columns.contains("notes"))
    }

    /// A file made before tokens and styles (schema v2) opens, gains them, and keeps its songs.
    @Test func aVersionTwoArchiveIsBroughtUpToDate() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let queue = try DatabaseQueue(path: scratch.archivePath)
        try ArchiveSchema.migrator.migrate(queue, upTo: "v2-title-index")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO song (title, themes, createdAt) VALUES ('Old Song', 'sea', '2026-01-01T00:00:00Z')")
        }
        try queue.close()
        let archive = try TourArchive(path: scratch.archivePath)
        let songs = try archive.list()
        #expect(songs.map(\.title) == ["Old Song"])
        #expect(songs.first?.style == nil)
        #expect(try archive.list(theme: "sea").count == 1)
        #expect(try archive.tokens().isEmpty)
        _ = try archive.createToken(label: "after the upgrade")
    }

    @Test func badPayloadsAndUnknownIdsAreRefusedAndChangeNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try TourArchive(path: scratch.archivePath)
        try archive.add(Contributor(id: "c1", generation: .adult))
        let id = try archive.newSong(title: "T")
        #expect(throws: ArchiveError.self) { try archive.contribute(song: id, by: ["c1"], kind: .melody, payload: "X:1\nK:C\n[CEG C|") }
        #expect(throws: ArchiveError.self) { try archive.contribute(song: id, by: ["c1"], kind: .chords, payload: "G Hm7 C") }
        #expect(throws: ArchiveError.self) { try archive.contribute(song: id, by: ["nobody"], kind: .lyrics, payload: "la") }
        #expect(throws: ArchiveError.self) { try archive.contribute(song: 999, by: ["c1"], kind: .lyrics, payload: "la") }
        #expect(throws: ArchiveError.self) { try archive.setStatus(12345, .accepted) }
        #expect(throws: ArchiveError.self) { try archive.setConsent("nobody", .withdrawn) }
        // A song that is not there is named as missing, not as one not merged yet; one not merged yet has no versions.
        let missing = #expect(throws: ArchiveError.self) { try archive.versions(999) }
        #expect(missing?.message == "no song 999" && missing?.kind == .notFound)
        #expect(try archive.versions(id).isEmpty)
        #expect((#expect(throws: ArchiveError.self) { try archive.numberedSong(999) })?.message == "no song 999")
        #expect((#expect(throws: ArchiveError.self) { try archive.numberedSong(id) })?.message.contains("no version yet") == true)
        let count = try DatabaseQueue(path: scratch.archivePath).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contribution") }
        #expect(count == 0)
    }

    @Test func searchFoldsDiacriticsAndRanksTheBetterMatchFirst() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try TourArchive(path: scratch.archivePath)
        for song in try songs() { try archive.importSong(song) }
        #expect(try archive.search("can cwm").first?.title == "Cân y Cwm")     // â folded
        #expect(try archive.search("côr").first?.title == "Cân y Cwm")
        let tide = try archive.search("tide")
        #expect(tide.first?.title == "The Tide Comes In")                      // title beats words
        #expect(tide.contains { $0.title == "Haul Away for Stonehaven" })       // "the tide is high"
        #expect(try archive.search("Stonehaven").first?.title == "Haul Away for Stonehaven")
        #expect(try archive.list(nation: "wales").map(\.title) == ["Cân y Cwm"])
        #expect(try archive.list(generation: "teen").map(\.title).sorted() == ["Haul Away for Stonehaven", "Hush, the Harbour Sleeps"])
        #expect(try archive.list(year: "2026").count == 5)
        #expect(try archive.search("").isEmpty)
    }

    @Test func aNewerSchemaIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try TourArchive(path: scratch.archivePath)
        try DatabaseQueue(path: scratch.archivePath).write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        #expect { try TourArchive(path: scratch.archivePath) } throws: { ($0 as? ArchiveError)?.message.contains("newer Songbridge") == true }
    }

    @Test func aLockedArchiveRefusesTheWriteWholeAndKeepsItsData() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try TourArchive(path: scratch.archivePath, busyTimeout: 0.2)
        try archive.add(Contributor(id: "c1", generation: .adult))
        // Another program holds the write lock for as long as the archive is willing to wait.
        let other = try DatabaseQueue(path: scratch.archivePath)
        try other.write { _ in
            _ = #expect { try archive.add(Contributor(id: "c2", generation: .child)) } throws: { error in
                (error as? ArchiveError)?.kind == .busy && (error as? ArchiveError)?.message.contains("locked by another program") == true
            }
        }
        #expect(try archive.contributor("c1").generation == .adult)
        #expect(throws: ArchiveError.self) { try archive.contributor("c2") }
    }

    @Test func backupIsACompleteCopy() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try TourArchive(path: scratch.archivePath)
        for song in try songs() { try archive.importSong(song) }
        let copy = scratch.folder.appendingPathComponent("backup.sqlite").path
        try archive.backup(to: copy)
        let restored = try TourArchive(path: copy)
        #expect(try restored.list().count == 5)
        #expect(try restored.song(1) == archive.song(1))
        #expect(throws: ArchiveError.self) { try archive.backup(to: copy) }
        let ok = try DatabaseQueue(path: copy).read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(ok == "ok")
    }

    @Test func aLineSentTwiceIsMergedOnceButARepeatGivenAPlaceIsKept() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try TourArchive(path: scratch.archivePath)
        try archive.add(Contributor(id: "c1", generation: .olderAdult, consent: .fullName))
        let id = try archive.newSong(title: "Twice", key: Key("D")!, meter: .fourFour)
        var ids: [Int64] = []
        for payload in ["Home along the harbour wall,", "home along the harbour wall", "gulls above us call,"] {
            ids.append(try archive.contribute(song: id, by: ["c1"], kind: .lyrics, payload: payload, section: "Chorus"))
        }
        for i in ids { try archive.setStatus(i, .accepted) }
        let (_, report) = try archive.merge(song: id)
        #expect(try archive.song(id).section("Chorus")?.lyricLines == ["Home along the harbour wall,", "gulls above us call,"])
        let duplicate = try #require(report.conflicts.first { $0.kind == .duplicateLine })
        #expect(duplicate.contributions == [ids[1]] && duplicate.section == "Chorus")
        #expect(duplicate.message.contains("home along the harbour wall"), "\(duplicate.message)")
        #expect(try archive.latestVersion(id).number == 1)
        // The same words with a line number: a repeat on purpose, kept.
        let again = try archive.contribute(song: id, by: ["c1"], kind: .lyrics, payload: "home along the harbour wall", section: "Chorus", line: 3)
        try archive.setStatus(again, .accepted)
        let (_, second) = try archive.merge(song: id)
        #expect(!second.conflicts.contains { $0.kind == .duplicateLine })
        #expect(try archive.song(id).section("Chorus")?.lyricLines.count == 3)
        #expect(try archive.latestVersion(id).number == 2)
        // No such song, and a song not merged yet, are told apart.
        #expect { try archive.latestVersion(99) } throws: { ($0 as? ArchiveError)?.message == "no song 99" }
        let fresh = try archive.newSong(title: "Not yet", key: Key("G")!, meter: .fourFour)
        #expect { try archive.latestVersion(fresh) } throws: { ($0 as? ArchiveError)?.message.contains("no version yet") == true }
    }

    @Test func aNewVersesWordsAreCheckedAgainstTheVerseTuneTheyWillBeSungTo() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try TourArchive(path: scratch.archivePath)
        for song in try songs() { _ = try archive.importSong(song) }
        let tide = try #require(try archive.list().first { $0.title == "The Tide Comes In" }?.id)
        // Eight syllables fit the verse tune's eight notes; eleven do not.
        let fits = try archive.contribute(song: tide, by: ["c-mh01"], kind: .lyrics, payload: "[G]Shells and pebbles and [D]salty spray", section: "Verse 3")
        let long = try archive.contribute(song: tide, by: ["c-mh01"], kind: .lyrics, payload: "Shells and pebbles and the salty ocean spray", section: "Verse 3")
        for c in [fits, long] { try archive.setStatus(c, .accepted) }
        let (_, report) = try archive.merge(song: tide)
        let misfits = report.conflicts.filter { $0.kind == .wordsDoNotFit && $0.section == "Verse 3" }
        #expect(misfits.map(\.line) == [2], "\(report.conflicts.map(\.message))")
        #expect(misfits.first?.message.contains("11 syllables for 8 notes") == true, "\(misfits.map(\.message))")
    }
}
