import Arrangement
import Foundation
import SongCore
import SongMIDI
import SongTesting
import SongText
import Testing
@testable import SongSynth

/// FluidSynth's chorus is left off where nothing can reach it (`Renderer.presetsWithoutChorusSends`,
/// `SoundFont.sendsToChorus`): the samples must be the very ones it makes with the chorus on, and wherever a preset,
/// a controller, an NRPN or a SysEx could send to it, it stays on.
@Suite struct ChorusSendsSlowTests {
    static let font = try? SoundFontLibrary().choose("TimGM6mb")

    static func notes(channel: Int, program: Int, extra: [MIDIEvent] = []) -> MIDIFile {
        var track: [MIDIEvent] = [.program(0, channel: channel, program: program)] + extra
        for (i, key) in [60, 64, 67, 72].enumerated() {
            track.append(.noteOn(i * 240, channel: channel, key: key, velocity: 90))
            track.append(.noteOff(i * 240 + 220, channel: channel, key: key))
        }
        return MIDIFile(tracks: [track.sorted { $0.tick < $1.tick }])
    }

    /// The presets a song's arrangement plays, read from its MIDI as FluidSynth chooses them: the percussion channel
    /// stays in bank 128 whatever its bank select says, and each melodic channel in the bank it selects.
    @Test func theArrangementsPresetsAreFound() throws {
        let song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent("the-tide-comes-in.cho").path).songs.first)
        let midi = MIDIFile(performance: try Arranger.perform(song, options: ArrangementOptions(style: "folk")))
        let presets = try #require(Renderer.presetsWithoutChorusSends(midi), "the arrangement sends nothing to the chorus")
        let programs = Set(midi.tracks.joined().compactMap { event -> SoundFont.PresetNumber? in
            guard case .channel(let status, let program, _) = event.kind, status & 0xF0 == 0xC0 else { return nil }
            return SoundFont.PresetNumber(bank: status & 0x0F == 9 ? 128 : 0, program: Int(program))
        })
        #expect(!programs.isEmpty && presets.isSuperset(of: programs))
        #expect(presets.contains { $0.bank == 128 }, "the drums are in bank 128")
        #expect(!presets.contains { $0.bank != 0 && $0.bank != 128 })
        // A melodic channel's bank select counts; the percussion channel's does not.
        let banked = Self.notes(channel: 2, program: 5, extra: [.control(0, channel: 2, controller: 0, value: 8)])
        #expect(Renderer.presetsWithoutChorusSends(banked) == [.init(bank: 0, program: 0), .init(bank: 0, program: 5), .init(bank: 8, program: 0), .init(bank: 8, program: 5)])
        let drums = Self.notes(channel: 9, program: 0, extra: [.control(0, channel: 9, controller: 0, value: 1)])
        #expect(Renderer.presetsWithoutChorusSends(drums) == [.init(bank: 128, program: 0)])
    }

    @Test func musicThatCanSendToTheChorusKeepsIt() {
        #expect(Renderer.presetsWithoutChorusSends(Self.notes(channel: 0, program: 0, extra: [.control(0, channel: 0, controller: 93, value: 0)])) != nil)
        #expect(Renderer.presetsWithoutChorusSends(Self.notes(channel: 0, program: 0, extra: [.control(10, channel: 0, controller: 93, value: 1)])) == nil)
        #expect(Renderer.presetsWithoutChorusSends(Self.notes(channel: 0, program: 0, extra: [.control(0, channel: 0, controller: 99, value: 1)])) == nil)
        #expect(Renderer.presetsWithoutChorusSends(Self.notes(channel: 0, program: 0, extra: [.control(0, channel: 0, controller: 98, value: 15)])) == nil)
        #expect(Renderer.presetsWithoutChorusSends(Self.notes(channel: 0, program: 0, extra: [MIDIEvent(tick: 0, .sysex(status: 0xF0, data: [0x7E, 0x7F, 0x09, 0x01, 0xF7]))])) == nil)
    }

    /// TimGM6mb's flute, bass, steel guitar and standard kit send nothing to the chorus; its Warm Pad and Metal Pad
    /// do (their instruments carry a chorus send); a preset it does not have, or a font that cannot be read, counts
    /// as sending. (Checked against the font's own zones with a separate reading in Python while writing this.)
    @Test func aFontsPresetsAreReadForChorusSends() throws {
        let font = try #require(Self.font)
        let quiet: Set<SoundFont.PresetNumber> = [.init(bank: 0, program: 73), .init(bank: 0, program: 32), .init(bank: 0, program: 25), .init(bank: 128, program: 0)]
        #expect(!font.sendsToChorus(presets: quiet))
        #expect(font.sendsToChorus(presets: quiet.union([.init(bank: 0, program: 89)])))
        #expect(font.sendsToChorus(presets: [.init(bank: 0, program: 93)]))
        #expect(font.sendsToChorus(presets: [.init(bank: 7, program: 0)]), "a preset the font lacks")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cut = dir.appendingPathComponent("cut.sf2")
        try Data(try Data(contentsOf: font.url).prefix(100_000)).write(to: cut)
        #expect(SoundFont(url: cut).sendsToChorus(presets: quiet), "a font that cannot be read whole")
    }

    /// With the chorus left off, the render is the one the chorus would have made, sample for sample.
    @Test func leavingAnIdleChorusOffChangesNoSample() async throws {
        let font = try #require(Self.font)
        let song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent("hush-the-harbour-sleeps.cho").path).songs.first)
        let midi = MIDIFile(performance: try Arranger.perform(song, options: ArrangementOptions(style: "folk", tempoScale: 2)))
        let presets = try #require(Renderer.presetsWithoutChorusSends(midi))
        #expect(!font.sendsToChorus(presets: presets), "this render leaves the chorus off")
        var options = RenderOptions(soundFont: font, normalizePeak: nil, parallelism: 1)
        options.splitting = .time
        let events = SequencedEvents(midi, sampleRate: options.sampleRate)
        let withChorus = try ChannelRenderer.render(events: events, options: options).audio
        let rendered = try await Renderer.render(midi, options: options).audio
        var without = options
        without.chorus = false
        let forcedOff = try ChannelRenderer.render(events: events, options: without).audio
        #expect(withChorus.frameCount > 44_100)
        #expect(rendered.left == withChorus.left && rendered.right == withChorus.right)
        #expect(forcedOff.left == withChorus.left && forcedOff.right == withChorus.right)
        // And a render whose music sends to the chorus sounds different with it off: the chorus is really heard.
        var sent = midi
        sent.tracks.append((0..<16).map { .control(1, channel: $0, controller: 93, value: 127) })  // after the arrangement's own set-up
        let sentEvents = SequencedEvents(sent, sampleRate: options.sampleRate)
        #expect(try ChannelRenderer.render(events: sentEvents, options: options).audio.left != ChannelRenderer.render(events: sentEvents, options: without).audio.left)
    }
}
