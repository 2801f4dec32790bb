import Arrangement
import Foundation
import SongCore
import SongTesting
import SongText
import Testing
@testable import SongMIDI

/// Every MIDI file Songbridge writes is read by a tool no one here wrote: Python's `mido` (installed by `make test`).
@Suite struct MidoTests {
    @Test(arguments: Fixtures.songFiles.map(\.lastPathComponent))
    func midoReadsTheFileWithItsLyricsInOrder(name: String) async throws {
        let song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent(name).path).songs.first)
        let performance = try Arranger.perform(song)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mido-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("song.mid")
        try Data(MIDIFile(performance: performance, options: MIDIWriteOptions(karaoke: true)).data()).write(to: path)
        let script = """
            import json, sys, mido
            m = mido.MidiFile(sys.argv[1], charset='utf-8')  # Songbridge writes UTF-8 text (MIDITextEncoding)
            lyrics = [msg.text for t in m.tracks for msg in t if msg.type == 'lyrics']
            notes = sum(1 for t in m.tracks for msg in t if msg.type == 'note_on' and msg.velocity > 0)
            print(json.dumps({"type": m.type, "tracks": len(m.tracks), "lyrics": lyrics, "notes": notes, "seconds": m.length}))
            """
        // The python3 on PATH: the one `make test` installed mido into.
        let result = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, path.path], in: dir)
        try #require(result.status == 0, "mido failed: \(result.stderr)")
        struct Report: Decodable { var type: Int; var tracks: Int; var lyrics: [String]; var notes: Int; var seconds: Double }
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(report.type == 1)
        #expect(report.tracks == performance.tracks.count + 2)  // conductor and karaoke words
        #expect(report.notes == performance.tracks.map(\.notes.count).reduce(0, +))
        #expect(report.lyrics.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \r\n")) } == performance.wordsTrack!.syllables.map(\.text))
        #expect(abs(report.seconds - performance.durationSeconds) < 0.01)
    }
}
