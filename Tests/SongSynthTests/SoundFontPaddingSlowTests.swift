import Foundation
import SongMIDI
import SongTesting
import Testing
@testable import SongSynth

/// Samples are loaded as their presets are chosen only from fonts that keep the standard's zero padding after each
/// sample; such a render sounds as `fluidsynth -F` loading the whole font does.
@Suite struct SoundFontPaddingSlowTests {
    static func font(padded: Bool, in dir: URL) throws -> SoundFont {
        let url = dir.appendingPathComponent(padded ? "padded.sf2" : "unpadded.sf2")
        try TestSoundFont.data(padded: padded).write(to: url)
        return SoundFont(url: url)
    }

    @Test func paddingIsFoundWhereTheStandardPutsIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let padded = try Self.font(padded: true, in: dir), unpadded = try Self.font(padded: false, in: dir)
        try padded.validate()
        #expect(padded.samplesArePadded)
        #expect(!unpadded.samplesArePadded)
        // Debian's TimGM6mb, the default, lacks the padding after most of its samples, so it is loaded whole.
        let timgm = try #require(RendererSlowTests.font)
        #expect(!timgm.samplesArePadded)
        // Garbage is not a padded font.
        let junk = dir.appendingPathComponent("junk.sf2")
        try Data("RIFF\u{8}\0\0\0sfbkLIST".utf8).write(to: junk)
        #expect(!SoundFont(url: junk).samplesArePadded)
    }

    @Test(.enabled(if: FluidSynthCLIComparisonSlowTests.fluidsynth != nil))
    func aFontLoadedAsItsPresetsAreChosenSoundsAsFluidsynthLoadingItWhole() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let font = try Self.font(padded: true, in: dir)
        // Thirty overlapping notes over twenty seconds, on the font's one preset.
        var track: [MIDIEvent] = [.program(0, channel: 0, program: 0)]
        for n in 0..<30 {
            track.append(.noteOn(n * 320, channel: 0, key: 57 + (n * 5) % 19, velocity: 90))
            track.append(.noteOff(n * 320 + 600, channel: 0, key: 57 + (n * 5) % 19))
        }
        let midi = MIDIFile(format: 0, tracks: [track.sorted { $0.tick < $1.tick }])
        let midiURL = dir.appendingPathComponent("notes.mid"), theirsURL = dir.appendingPathComponent("theirs.wav")
        try Data(midi.data()).write(to: midiURL)
        let result = try await CommandRunner.run(URL(fileURLWithPath: FluidSynthCLIComparisonSlowTests.fluidsynth!), ["-ni", "-q", "-F", theirsURL.path, "-r", "44100", font.url.path, midiURL.path], in: dir)
        try #require(result.status == 0, "\(result.stderr)")
        let theirs = try Renderer.readAudio(theirsURL)
        let ours = try await Renderer.render(midi, options: RenderOptions(soundFont: font)).audio
        #expect(min(theirs.frameCount, ours.frameCount) > 44_100 * 8)
        #expect(ours.peak > 0.1, "the font sounds")
        let (_, relative) = FluidSynthCLIComparisonSlowTests.difference(ours, theirs)
        #expect(relative < 1e-4, "relative residual \(relative)")
    }
}
