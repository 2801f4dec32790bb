import Foundation
import SongMIDI
import SongSynth
import SongTesting
import Testing

@Suite struct RenderCommandSlowTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for folder in ["Songs", "Tests"] {
            try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent(folder), withDestinationURL: Fixtures.root.appendingPathComponent(folder))
        }
        return dir
    }

    func files(_ dir: URL) -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0 != "Songs" && $0 != "Tests" })
    }

    @Test func withNoOutputNamedItWritesMIDIAndWAVNextToTheName() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try await CommandRunner.songbridge(["render", "Songs/the-pavilion-waltz.cho"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(files(dir) == ["the-pavilion-waltz.mid", "the-pavilion-waltz.wav"])
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let midi = try MIDIFile(bytes: [UInt8](Data(contentsOf: dir.appendingPathComponent("the-pavilion-waltz.mid"))))
        #expect(midi.texts(type: MIDIEvent.MetaType.lyric).first == "We ")
        let audio = try Renderer.readAudio(dir.appendingPathComponent("the-pavilion-waltz.wav"))
        #expect(audio.seconds > midi.durationSeconds)
    }

    @Test func splitInTimeTheRenderIsAsLongAndAsLoudAsSplitByChannel() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Hush slows down at its end (three tempo changes) and ends on held notes: the last note-offs are on the
        // song's last frame.
        let song = "Songs/hush-the-harbour-sleeps.cho"
        #expect(try await CommandRunner.songbridge(["render", song, "--audio", "channels.wav", "--split", "channels"], in: dir).status == 0)
        // Split in time is the default.
        let r = try await CommandRunner.songbridge(["render", song, "--audio", "time.wav"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let channels = try Renderer.readAudio(dir.appendingPathComponent("channels.wav"))
        let time = try Renderer.readAudio(dir.appendingPathComponent("time.wav"))
        // Both end when their sound has died away, at the same moment: the time split once dropped the events on the
        // song's last frame, so its last notes rang on into the tail and it ended 1.7 s late.
        #expect(abs(channels.seconds - time.seconds) < 0.3, "\(channels.seconds) vs \(time.seconds)")
        #expect(abs(channels.rms - time.rms) / channels.rms < 0.05)
        let wrong = try await CommandRunner.songbridge(["render", song, "--audio", "x.wav", "--split", "sideways"], in: dir)
        #expect(wrong.status == 64 && wrong.stderr.contains("is invalid for '--split <time|channels>'") && wrong.stderr.contains("'channels' and 'time'"), "\(wrong.stderr)")
    }

    /// The same render is the same, byte for byte, every time, in a new process each time. It was not: the two
    /// synths of a render split in time were made at the same moment, and FluidSynth fills its global tables when
    /// the first synth is made without making a second one wait, so about one process in ten wrote a draft whose
    /// second half was a quarter as loud (a CI run found one 36% quieter overall).
    @Test func theSameRenderIsTheSameEveryTime() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = (0..<8).map { "run\($0).wav" }
        // Two at a time, as the server's two render threads would.
        for pair in stride(from: 0, to: names.count, by: 2) {
            try await withThrowingTaskGroup(of: Int32.self) { group in
                for name in names[pair..<pair + 2] {
                    group.addTask {
                        try await CommandRunner.songbridge(["render", "Songs/the-tide-comes-in.cho", "--audio", name, "--split", "time"], in: dir).status
                    }
                }
                for try await status in group { #expect(status == 0) }
            }
        }
        let first = try Data(contentsOf: dir.appendingPathComponent(names[0]))
        #expect(first.count > 1_000_000)
        for name in names.dropFirst() {
            #expect(try Data(contentsOf: dir.appendingPathComponent(name)) == first, "\(name) differs from \(names[0])")
        }
    }

    @Test func abcTunesMidiFilesOptionsAndFormats() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // An ABC tune, chosen by X:, melody only, slower, to FLAC.
        var r = try await CommandRunner.songbridge(["render", "Tests/Fixtures/corpus/airs.abc", "--tune", "20", "--style", "none", "--tempo-scale", "0.8", "--audio", "ash.flac", "--midi", "ash.mid"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let ash = try MIDIFile(bytes: [UInt8](Data(contentsOf: dir.appendingPathComponent("ash.mid"))))
        #expect(ash.tracks.count == 2)
        #expect(abs(ash.startingTempo.beatsPerMinute - 80) < 0.01)
        // A MIDI file as input, moved up a tone, to OGG with a karaoke track and a count-in.
        r = try await CommandRunner.songbridge(["render", "ash.mid", "--transpose", "2", "--audio", "ash-up.ogg", "--midi", "ash-up.mid"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let up = try MIDIFile(bytes: [UInt8](Data(contentsOf: dir.appendingPathComponent("ash-up.mid"))))
        let firstKey = { (f: MIDIFile) -> Int? in f.mergedEvents.first(where: \.isNoteOn).flatMap { if case .channel(_, let k, _) = $0.kind { Int(k) } else { nil } } }
        #expect(firstKey(up)! == firstKey(ash)! + 2)
        r = try await CommandRunner.songbridge(["render", "Songs/can-y-cwm.cho", "--kar", "--count-in", "--key", "D", "--midi", "cwm.kar"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let kar = try MIDIFile(bytes: [UInt8](Data(contentsOf: dir.appendingPathComponent("cwm.kar"))))
        #expect(kar.texts(type: MIDIEvent.MetaType.text).contains("@KMIDI KARAOKE FILE"))
        #expect(kar.startingKey.fifths == 2)
        #expect(files(dir).isSuperset(of: ["ash.flac", "ash.mid", "ash-up.ogg", "ash-up.mid", "cwm.kar"]))
        #expect(!files(dir).contains("can-y-cwm.wav"))  // only the MIDI was asked for
    }

    @Test(arguments: [
        (["render", "Songs/the-pavilion-waltz.cho", "--style", "polka"], Int32(64), "unknown style 'polka'"),
        (["render", "Songs/the-pavilion-waltz.cho", "--soundfont", "NoSuchFont"], Int32(64), "no SoundFont named 'NoSuchFont'"),
        (["render", "Songs/the-pavilion-waltz.cho", "--audio", "out.mp3"], Int32(64), "--audio must end in .wav, .flac or .ogg"),
        (["render", "Songs/no-such-song.cho"], Int32(66), "cannot open"),
        (["render", "Tests/Fixtures/bad/not-a-chord.cho"], Int32(65), "'Hm7' is not a chord"),
        (["render", "Songs/the-pavilion-waltz.cho", "--audio", "/nonexistent-folder/out.wav", "--midi", "kept.mid"], Int32(73), "cannot write /nonexistent-folder/out.wav"),
    ])
    func badInputGetsOneLineAndLeavesNothing(arguments: [String], status: Int32, message: String) async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await CommandRunner.songbridge(arguments, in: dir)
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(files(dir).isEmpty, "left behind: \(files(dir))")
    }

    @Test func aCorruptSoundFontOrMIDIFileIsOneLineAndNoOutput() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("RIFF....sfbk garbage".utf8).write(to: dir.appendingPathComponent("broken.sf2"))
        try Data([0x4D, 0x54, 0x68, 0x64, 0, 0]).write(to: dir.appendingPathComponent("cut.mid"))
        var r = try await CommandRunner.songbridge(["render", "Songs/the-pavilion-waltz.cho", "--soundfont", "broken.sf2"], in: dir)
        #expect(r.status == 65)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("is not a SoundFont FluidSynth can load"))
        r = try await CommandRunner.songbridge(["render", "cut.mid"], in: dir)
        #expect(r.status == 65)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(files(dir) == ["broken.sf2", "cut.mid"])
    }

    @Test func soundfontsListsTheDefault() async throws {
        let r = try await CommandRunner.songbridge(["soundfonts"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("* TimGM6mb"))
    }

    @Test func playSaysPlainlyWhenThereIsNoSoundCard() async throws {
        let r = try await CommandRunner.songbridge(["play", "Songs/the-pavilion-waltz.cho"])
        #expect(r.status != 0)
        #expect(r.stderr.split(separator: "\n").count == 1)
        if !FileManager.default.fileExists(atPath: "/dev/snd") {
            #expect(r.stderr.contains("no audio device"))
        }
    }
}
