import Arrangement
import Foundation
import SongCore
import SongMIDI
import SongTesting
import SongText
import Testing
@testable import SongSynth

/// Real renders through libfluidsynth with the TimGM6mb SoundFont (Debian `timgm6mb-soundfont`, installed by `make test`).
@Suite struct RendererSlowTests {
    static let font = try? SoundFontLibrary().choose("TimGM6mb")

    func midi(_ songFile: String, style: String = "basic") throws -> (MIDIFile, Performance) {
        let song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent(songFile).path).songs.first)
        let performance = try Arranger.perform(song, options: ArrangementOptions(style: style))
        return (MIDIFile(performance: performance), performance)
    }

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func theSoundFontIsInstalled() {
        #expect(Self.font != nil, "make test installs timgm6mb-soundfont")
    }

    @Test(.enabled(if: font != nil)) func aRenderedSongIsAudibleAndAsLongAsItsMIDIPlusTheTail() async throws {
        // Given the lullaby's MIDI
        let (file, performance) = try midi("hush-the-harbour-sleeps.cho")
        let options = RenderOptions(soundFont: Self.font!)
        // When it is rendered
        let report = try await Renderer.render(file, options: options)
        // Then it lasts no longer than the music plus a release tail of at most the configured maximum
        let music = performance.durationSeconds
        #expect(report.seconds <= music + options.maximumTail + 0.05)
        #expect(report.seconds >= music - 2, "it ends when the last sound has died away, not before")
        // And it ends once the sound has died away (below -60 dBFS), with a short fade and no silence after
        let audio = report.audio
        let lastSound = (0..<audio.frameCount).last { abs(audio.left[$0]) >= AudioBuffer.silence || abs(audio.right[$0]) >= AudioBuffer.silence } ?? 0
        let fade = Int(AudioBuffer.fadeSeconds * audio.sampleRate)
        #expect(audio.frameCount - 1 - lastSound <= fade, "\(Double(audio.frameCount - 1 - lastSound) / audio.sampleRate) s of silence at the end")
        #expect(abs(audio.left[audio.frameCount - 1]) < 1e-5 && abs(audio.right[audio.frameCount - 1]) < 1e-5)
        // And it is audible, peaking at -1 dBFS after normalising
        let peakDB = 20 * log10(Double(report.audio.peak))
        #expect(abs(peakDB - -1) < 0.01)
        #expect(report.audio.rms > 0.02)
        #expect(report.gain > 1)  // FluidSynth's own level is quieter than -1 dBFS
        // And every second of the music has sound in it (no gaps from a broken player)
        let rate = Int(report.audio.sampleRate)
        for second in 0..<Int(music) {
            let slice = report.audio.left[(second * rate)..<((second + 1) * rate)]
            #expect(slice.contains { abs($0) > 0.001 }, "silent second \(second)")
        }
    }

    @Test(.enabled(if: font != nil)) func twoRendersAtOnceDoNotDisturbEachOther() async throws {
        let (a, _) = try midi("the-pavilion-waltz.cho")
        let (b, _) = try midi("haul-away-for-stonehaven.cho", style: "none")
        let options = RenderOptions(soundFont: Self.font!)
        let aloneA = try await Renderer.render(a, options: options).audio
        let aloneB = try await Renderer.render(b, options: options).audio
        async let togetherA = Renderer.render(a, options: options)
        async let togetherB = Renderer.render(b, options: options)
        let (ta, tb) = try await (togetherA, togetherB)
        #expect(ta.audio == aloneA)
        #expect(tb.audio == aloneB)
    }

    @Test(.enabled(if: font != nil)) func splittingChannelsOverTwoSynthsSoundsTheSameAsOne() async throws {
        let (file, _) = try midi("the-tide-comes-in.cho")
        var one = RenderOptions(soundFont: Self.font!, normalizePeak: nil, parallelism: 1)
        let single = try await Renderer.render(file, options: one).audio
        one.parallelism = 2
        let split = try await Renderer.render(file, options: one).audio
        let n = min(single.frameCount, split.frameCount)
        var err = 0.0, sig = 0.0
        for i in 0..<n {
            err += Double((single.left[i] - split.left[i]) * (single.left[i] - split.left[i]))
            sig += Double(single.left[i] * single.left[i])
        }
        #expect(err / sig < 1e-6, "relative error \(err / sig)")
    }

    @Test(.enabled(if: font != nil)) func everyFormatIsWrittenAndReadsBack() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (file, _) = try midi("the-pavilion-waltz.cho", style: "none")
        let options = RenderOptions(soundFont: Self.font!, sampleRate: 22_050)
        for format in AudioFormat.allCases {
            let url = dir.appendingPathComponent("waltz-\(format.rawValue).\(format == .wav24 ? "wav" : format.rawValue)")
            let report = try await Renderer.render(file, to: url, format: format, options: options)
            let back = try Renderer.readAudio(url)
            #expect(back.sampleRate == 22_050)
            #expect(abs(back.seconds - report.seconds) < 0.05, "\(format)")
            #expect(back.peak > 0.5, "\(format)")
        }
        // No temporary files are left beside the results.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!names.contains { $0.contains(".partial-") })
    }

    @Test(.enabled(if: font != nil)) func aCorruptSoundFontIsAClearError() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("broken.sf2")
        try Data("RIFF not really a soundfont".utf8).write(to: bad)
        let (file, _) = try midi("the-pavilion-waltz.cho", style: "none")
        let out = dir.appendingPathComponent("out.wav")
        await #expect(throws: SynthError.self) {
            try await Renderer.render(file, to: out, format: .wav16, options: RenderOptions(soundFont: SoundFont(url: bad)))
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test(.enabled(if: font != nil)) func anUnwritablePathLeavesNothing() async throws {
        let (file, _) = try midi("the-pavilion-waltz.cho", style: "none")
        let out = URL(fileURLWithPath: "/nonexistent-folder/out.wav")
        do {
            _ = try await Renderer.render(file, to: out, format: .wav16, options: RenderOptions(soundFont: Self.font!))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("cannot write /nonexistent-folder/out.wav"))
        }
    }

    @Test func soundFontsAreFoundByNamePathAndEnvironment() throws {
        let library = SoundFontLibrary()
        guard let font = Self.font else { return }
        #expect(try library.choose(nil, environment: [:]).name == "TimGM6mb")
        #expect(try library.choose("timgm6mb").url == font.url)
        #expect(try library.choose(font.url.path).url == font.url)
        #expect(try library.choose(nil, environment: ["SONGBRIDGE_SOUNDFONT": font.url.path]).url == font.url)
        #expect(throws: SoundFontLibrary.LookupError.self) { try library.choose("NoSuchFont") }
        #expect(throws: SoundFontLibrary.LookupError.self) { try library.choose("/no/such/font.sf2") }
        #expect(throws: SoundFontLibrary.LookupError.self) { try SoundFontLibrary(folders: []).choose(nil, environment: [:]) }
    }
}
