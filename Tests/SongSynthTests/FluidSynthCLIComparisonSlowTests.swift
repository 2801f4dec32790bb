import Arrangement
import Foundation
import SongCore
import SongMIDI
import SongTesting
import SongText
import Testing
@testable import SongSynth

/// The audio of a render matches what the `fluidsynth` program (Debian `fluidsynth`, installed by `make test`)
/// makes of the same MIDI file and SoundFont, apart from Songbridge's normalising to -1 dBFS.
@Suite struct FluidSynthCLIComparisonSlowTests {
    static let fluidsynth = CommandRunner.program("fluidsynth")

    @Test func fluidsynthIsInstalled() {
        #expect(Self.fluidsynth != nil, "make test installs fluidsynth")
    }

    @Test(.enabled(if: fluidsynth != nil && RendererSlowTests.font != nil))
    func renderMatchesFluidsynthApartFromNormalising() async throws {
        // Given a song's MIDI file on disk
        let song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent("the-pavilion-waltz.cho").path).songs.first)
        let midi = MIDIFile(performance: try Arranger.perform(song))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fluid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let midiURL = dir.appendingPathComponent("song.mid"), theirsURL = dir.appendingPathComponent("theirs.wav")
        try Data(midi.data()).write(to: midiURL)
        let font = RendererSlowTests.font!
        // When fluidsynth renders it (its defaults: 44.1 kHz, reverb and chorus on), and so do we
        let result = try await CommandRunner.run(URL(fileURLWithPath: Self.fluidsynth!), ["-ni", "-q", "-F", theirsURL.path, "-r", "44100", font.url.path, midiURL.path], in: dir)
        try #require(result.status == 0, "\(result.stderr)")
        let theirs = try Renderer.readAudio(theirsURL)
        let ours = try await Renderer.render(midi, options: RenderOptions(soundFont: font)).audio
        // Then, over the music they share, ours is theirs times one gain (the normalising), within 16-bit rounding.
        #expect(min(theirs.frameCount, ours.frameCount) > 44_100 * 20)
        let (gain, relative) = Self.difference(ours, theirs)
        #expect(relative < 1e-4, "relative residual \(relative)")
        #expect(gain > 1, "normalising raises FluidSynth's quiet default level (gain \(gain))")
    }

    /// How `ours` differs from `theirs` over the frames they share: the one gain that best takes theirs to ours
    /// (least squares), and what is left, as a share of our energy.
    static func difference(_ ours: AudioBuffer, _ theirs: AudioBuffer) -> (gain: Double, relative: Double) {
        let n = min(theirs.frameCount, ours.frameCount)
        var dot = 0.0, theirsEnergy = 0.0
        for i in 0..<n {
            dot += Double(ours.left[i]) * Double(theirs.left[i]) + Double(ours.right[i]) * Double(theirs.right[i])
            theirsEnergy += Double(theirs.left[i] * theirs.left[i]) + Double(theirs.right[i] * theirs.right[i])
        }
        let gain = dot / max(theirsEnergy, .leastNonzeroMagnitude)
        var residual = 0.0, oursEnergy = 0.0
        for i in 0..<n {
            let dl = Double(ours.left[i]) - gain * Double(theirs.left[i]), dr = Double(ours.right[i]) - gain * Double(theirs.right[i])
            residual += dl * dl + dr * dr
            oursEnergy += Double(ours.left[i] * ours.left[i]) + Double(ours.right[i] * ours.right[i])
        }
        return (gain, residual / max(oursEnergy, .leastNonzeroMagnitude))
    }
}
