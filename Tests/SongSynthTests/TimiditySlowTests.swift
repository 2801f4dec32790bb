import Arrangement
import Foundation
import SongCore
import SongMIDI
import SongTesting
import SongText
import Testing
@testable import SongSynth

/// Another player no one here wrote plays our MIDI files: TiMidity++ (Debian `timidity`, installed by `make test`).
@Suite struct TimiditySlowTests {
    static let timidity = CommandRunner.program("timidity")

    @Test func timidityIsInstalled() async {
        #expect(Self.timidity != nil, "make test installs timidity")
    }

    @Test(.enabled(if: timidity != nil)) func timidityPlaysOurMIDIToTheEnd() async throws {
        let song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent("haul-away-for-stonehaven.cho").path).songs.first)
        let midi = MIDIFile(performance: try Arranger.perform(song), options: MIDIWriteOptions(karaoke: true))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("timidity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("song.mid"), output = dir.appendingPathComponent("song.wav")
        try Data(midi.data()).write(to: input)
        // TiMidity is given its instruments: Debian's configuration maps them to FluidR3_GM, which a fresh machine
        // may not have (fluid-soundfont-gm is only a Recommends); ours maps them to the SoundFont make test installs.
        let font = try SoundFontLibrary().choose(SoundFontLibrary.defaultName)
        let config = dir.appendingPathComponent("timidity.cfg")
        try Data(TiMidityConfig.generalMIDI(font: font.url).utf8).write(to: config)
        let result = try await CommandRunner.run(URL(fileURLWithPath: Self.timidity!), ["-c", config.path, "-Ow", "-o", output.path, input.path], in: dir)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let audio = try Renderer.readAudio(output)
        #expect(audio.seconds >= midi.durationSeconds - 0.5)
        #expect(audio.peak > 0.01)
    }
}
