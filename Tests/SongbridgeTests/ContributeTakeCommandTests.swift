import Foundation
import GRDB
import SongArchive
import SongCore
import SongTesting
import SongText
import Testing

/// `songbridge contribute --melody-audio`: a sung take becomes a melody contribution in the song's own time, with
/// the take kept beside it; what is not a take is refused with one line and leaves the archive as it was.
@Suite struct ContributeTakeCommandTests {
    @Test func aSungTakeBecomesTheChorusTuneAndIsKeptBesideIt() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-take-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let archivePath = dir.appendingPathComponent("tour.sqlite").path
        #expect(try await CommandRunner.songbridge(["import", Fixtures.songs.path, "--archive", archivePath], in: dir).status == 0)
        let song = try #require(try TourArchive(path: archivePath).list().first { $0.title == "Cân y Cwm" }?.id)
        // Sung at the song's own 92 quarters a minute.
        let tune: [(midi: Int, quarters: Double)] = [(60, 1), (64, 1), (67, 2), (65, 1), (64, 1), (62, 2), (60, 4)]
        try SungTake(notes: tune.map { ($0.midi, $0.quarters * 60 / 92) }).wav().write(to: dir.appendingPathComponent("take.wav"))
        try Data("la la la".utf8).write(to: dir.appendingPathComponent("words.wav"))

        func contributions() async throws -> Int? { try await DatabaseQueue(path: archivePath).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contribution") } }
        let before = try await contributions()
        // Transcribed for the song's chorus: written in the chorus tune's time and key, titled after the song.
        let heard = try await CommandRunner.songbridge(["transcribe", "take.wav", "--song", "\(song)", "--section", "Chorus", "--archive", archivePath], in: dir)
        let written = try #require(try ABCReader.read(heard.stdout).value.tunes.first, "\(heard.stderr)")
        #expect(written.title == "Cân y Cwm" && written.melody.meter == Meter(4, 4) && written.melody.key == Key("C"))
        #expect(written.melody.performedNotes.map(\.pitch.midiNumber) == tune.map(\.midi))
        #expect(try await CommandRunner.songbridge(["transcribe", "take.wav", "--song", "999", "--archive", archivePath], in: dir).status == 66)

        let made = try await CommandRunner.songbridge(["contribute", "\(song)", "--by", "c-gj41", "--melody-audio", "take.wav", "--section", "Chorus", "--archive", archivePath], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        let id = try #require(Int64(made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let archive = try TourArchive(path: archivePath)
        let takes = try archive.takes(song: song)
        #expect(takes.count == 1 && takes.first?.singers == ["c-gj41"] && takes.first?.format == "wav" && takes.first?.section == "Chorus")
        let row: Row = try DatabaseQueue(path: archivePath).read { db in try #require(try Row.fetchOne(db, sql: "SELECT kind, payload, takeId FROM contribution WHERE id = ?", arguments: [id])) }
        #expect(row["kind"] as String == "melody" && row["takeId"] as String? == takes.first?.id)
        let melody = try #require(try ABCReader.read(row["payload"] as String).value.tunes.first?.melody)
        #expect(melody.performedNotes.map(\.pitch.midiNumber) == tune.map(\.midi))
        #expect(melody.meter == Meter(4, 4) && melody.key == Key("C"))

        // Not a take, or not a take alone: one line, and nothing written.
        for (arguments, status) in [(["--melody-audio", "words.wav"], Int32(65)), (["--melody-audio", "none.wav"], 66), (["--melody-audio", "take.wav", "--lyrics", "x"], 64),
                                    (["--melody-audio", "take.wav", "--by", "c-nobody"], 66)] {
            var given = ["contribute", "\(song)", "--by", "c-gj41"] + arguments + ["--archive", archivePath]
            if arguments.contains("c-nobody") { given.removeSubrange(2...3) }
            let r = try await CommandRunner.songbridge(given, in: dir)
            #expect(r.status == status && r.stderr.split(separator: "\n").count == 1, "\(arguments): \(r.status) \(r.stderr)")
        }
        #expect(try archive.takes(song: song).count == 1)
        #expect(try await contributions() == before.map { $0 + 1 })

        // Asked to, the person's voice goes; the tune stays.
        let erased = try await CommandRunner.songbridge(["contributor", "erase-takes", "c-gj41", "--archive", archivePath], in: dir)
        #expect(erased.status == 0 && erased.stdout == "1\n", "\(erased.stderr)")
        #expect(try archive.takes(song: song).isEmpty)
        #expect(try await contributions() == before.map { $0 + 1 })
        #expect(try await CommandRunner.songbridge(["contributor", "erase-takes", "c-nobody", "--archive", archivePath], in: dir).status == 66)
    }
}
