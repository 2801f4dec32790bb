import Foundation
import SongCore
import SongMIDI

/// Renders MIDI to audio in process through libfluidsynth: never an audio device, one synth per task.
/// With `parallelism` 2 the channels are shared between two synths on two cores and the results mixed;
/// FluidSynth's voices, reverb and chorus are linear, so the mix is the same sound as one synth playing all.
public enum Renderer {
    /// What a render did.
    public struct Report: Sendable {
        /// Length of the audio, in seconds.
        public var seconds: Double
        /// The peak before normalising (FluidSynth's own level).
        public var rawPeak: Float
        /// The gain applied to reach the target peak (1 when not normalising or silent).
        public var gain: Float
        /// The audio as written (after normalising), kept as the render made it (a time-split render's halves stay
        /// apart until this is asked for).
        let frames: any AudioFrames
        /// The audio as written (after normalising).
        public var audio: AudioBuffer { frames.buffer }

        init(seconds: Double, rawPeak: Float, gain: Float, frames: any AudioFrames) {
            (self.seconds, self.rawPeak, self.gain, self.frames) = (seconds, rawPeak, gain, frames)
        }
    }

    /// Every preset `midi` can play a note on (each channel's banks and programs, all paired: more than it plays,
    /// never fewer), when the music itself sends nothing to the chorus; nil when it may: a controller 93 (the chorus
    /// send) above 0, an NRPN (controllers 98 and 99, which can set any SoundFont generator), or a SysEx message.
    /// FluidSynth starts every channel with controller 93 at 0, bank 0 and program 0, the tenth (percussion) in
    /// bank 128 (`fluid_channel_init_ctrl`, `fluid_synth_program_reset`); in its default GS bank selection the bank
    /// is controller 0 alone, and the percussion channel ignores it (`fluid_channel_set_bank_msb`, `_lsb`).
    static func presetsWithoutChorusSends(_ midi: MIDIFile) -> Set<SoundFont.PresetNumber>? {
        var banks = (0..<16).map { $0 == 9 ? Set([128]) : Set([0]) }, programs = Array(repeating: Set([0]), count: 16)
        var sounding = Set<Int>()
        for track in midi.tracks {
            for event in track {
                switch event.kind {
                case .channel(let status, let data1, let data2):
                    let channel = Int(status & 0x0F)
                    switch status & 0xF0 {
                    case 0xB0 where (data1 == 93 && data2 > 0) || data1 == 98 || data1 == 99: return nil
                    case 0xB0 where data1 == 0 && channel != 9: banks[channel].insert(Int(data2))
                    case 0xC0: programs[channel].insert(Int(data1))
                    case 0x90 where data2 > 0: sounding.insert(channel)
                    default: break
                    }
                case .sysex: return nil
                case .meta: break
                }
            }
        }
        return Set(sounding.flatMap { channel in banks[channel].flatMap { bank in programs[channel].map { SoundFont.PresetNumber(bank: bank, program: $0) } } })
    }

    /// Renders `midi` to memory.
    /// `stream`, when given, is sent the audio as it is made (see `AudioStreamSink`): with the time split, from the
    /// first blocks on; with the channels shared between synths, all at once at the end, as they are only mixed then.
    public static func render(_ midi: MIDIFile, options: RenderOptions, progress: (@Sendable (Double) -> Void)? = nil,
                              stream: (any AudioStreamSink)? = nil) async throws(SynthError) -> Report {
        // The bound on the music is the bound on the frames, and so on the memory, checked before anything is made:
        // 30 minutes and the release tail, two channels of 32-bit samples, about 640 MB at 44.1 kHz (as much again
        // while the halves of a time-split render are joined).
        let seconds = midi.durationSeconds
        guard seconds.isFinite, seconds <= SongLimits.arrangedSeconds else {
            throw SynthError("the music lasts \(seconds.isFinite ? "\(Int(seconds / 60)) minutes" : "for ever"); a render is at most \(Int(SongLimits.arrangedSeconds / 60)) minutes")
        }
        try options.soundFont.validate()
        // FluidSynth's chorus works through every frame whether or not anything reaches it. Where nothing can (the
        // font sends nothing to it and the music sends no controller 93 above 0, no NRPN and no SysEx), it is left
        // off: the samples are the same, made about 4% sooner.
        var settled = options
        if settled.chorus, let presets = Self.presetsWithoutChorusSends(midi), !settled.soundFont.sendsToChorus(presets: presets) { settled.chorus = false }
        let options = settled
        if options.splitting == .time {
            let events = SequencedEvents(midi, sampleRate: options.sampleRate)
            if options.parallelism > 1, let plan = TimeSplit(events, sampleRate: options.sampleRate) {
                return try await renderInTwo(events, plan: plan, options: options, progress: progress, stream: stream)
            }
            return normalized(try ChannelRenderer.render(events: events, options: options, progress: progress, stream: stream).audio, options: options)
        }
        let groups = channelGroups(midi, count: max(1, options.parallelism))
        let expected = midi.durationSeconds
        let parts: [Result<AudioBuffer, SynthError>]
        if groups.count <= 1 {
            parts = [Result { () throws(SynthError) -> AudioBuffer in try ChannelRenderer.render(midi: midi.data(), options: options, expectedSeconds: expected, progress: progress) }]
        } else {
            let bytes = groups.map { midi.keeping(channels: $0).data() }
            parts = await withTaskGroup(of: (Int, Result<AudioBuffer, SynthError>).self) { group in
                for (i, data) in bytes.enumerated() {
                    group.addTask {
                        (i, Result { () throws(SynthError) -> AudioBuffer in try ChannelRenderer.render(midi: data, options: options, expectedSeconds: expected, progress: i == 0 ? progress : nil) })
                    }
                }
                var results: [(Int, Result<AudioBuffer, SynthError>)] = []
                for await r in group { results.append(r) }
                return results.sorted { $0.0 < $1.0 }.map(\.1)
            }
        }
        var mixed = AudioBuffer(sampleRate: options.sampleRate)
        for part in parts {
            switch part {
            case .success(let audio): mixed.mix(audio)
            case .failure(let error): throw error
            }
        }
        stream?.receive(left: mixed.left[...], right: mixed.right[...])
        return normalized(mixed, options: options)
    }

    /// Scales to the target peak, ends the audio once its sound has died away, and reports.
    static func normalized(_ audio: AudioBuffer, options: RenderOptions) -> Report {
        var mixed = audio
        let peak = mixed.peak
        var gain: Float = 1
        if let target = options.normalizePeak, peak > 1e-6 {
            gain = Float(pow(10, target / 20)) / peak
            mixed.scale(by: gain)
            mixed.endWhenSilent()
        }
        return Report(seconds: mixed.seconds, rawPeak: peak, gain: gain, frames: mixed)
    }

    /// Renders `midi` and writes it to `url` in `format`; nothing is left at `url` if anything fails.
    /// `tags` say in the file what it is (see `AudioTags`).
    public static func render(_ midi: MIDIFile, to url: URL, format: AudioFormat, options: RenderOptions, tags: AudioTags = AudioTags(),
                              progress: (@Sendable (Double) -> Void)? = nil, stream: (any AudioStreamSink)? = nil) async throws(SynthError) -> Report {
        let report = try await render(midi, options: options, progress: progress, stream: stream)
        try AudioFileWriter.write(report.frames, to: url, format: format, tags: tags)
        return report
    }

    /// Reads an audio file written by a render (or by FluidSynth) back into memory.
    public static func readAudio(_ url: URL, longestSeconds: Double? = nil) throws(SynthError) -> AudioBuffer {
        try AudioFileWriter.read(url, longestSeconds: longestSeconds)
    }

    /// Audio given as a file's bytes (an upload): written to a file of its own in a fresh private directory,
    /// read, and removed, whatever happens.
    public static func readAudio(bytes: Data, longestSeconds: Double? = nil) throws(SynthError) -> AudioBuffer {
        var template = Array((NSTemporaryDirectory() + "/songbridge-take-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw SynthError("cannot make a temporary directory", cannotWrite: true) }
        let directory = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let url = URL(fileURLWithPath: directory + "/take")
        do { try bytes.write(to: url) } catch { throw SynthError("cannot write a temporary file: \(error)", cannotWrite: true) }
        return try AudioFileWriter.read(url, longestSeconds: longestSeconds)
    }

    /// Splits the channels with notes into `count` groups of about equal numbers of notes.
    static func channelGroups(_ midi: MIDIFile, count: Int) -> [Set<Int>] {
        // A channel's load is the time its notes sound (voices are what cost), plus a little for each note.
        var notesPerChannel: [Int: Int] = [:]
        for track in midi.tracks {
            var started: [Int: Int] = [:]
            for e in track {
                guard let channel = e.channel, case .channel(_, let key, _) = e.kind else { continue }
                let k = channel << 8 | Int(key)
                if e.isNoteOn {
                    started[k] = e.tick
                    notesPerChannel[channel, default: 0] += midi.ticksPerQuarter / 4
                } else if e.isNoteOff, let s = started.removeValue(forKey: k) {
                    notesPerChannel[channel, default: 0] += e.tick - s
                }
            }
        }
        guard notesPerChannel.count > 1, count > 1 else { return [Set(0..<16)] }
        var groups = Array(repeating: Set<Int>(), count: min(count, notesPerChannel.count))
        var loads = Array(repeating: 0, count: groups.count)
        for (channel, n) in notesPerChannel.sorted(by: { ($0.value, $0.key) > ($1.value, $1.key) }) {
            let i = loads.indices.min { loads[$0] < loads[$1] }!
            groups[i].insert(channel)
            loads[i] += n
        }
        return groups
    }
}

