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
    public static func render(_ midi: MIDIFile, to url: URL, format: AudioFormat, options: RenderOptions, progress: (@Sendable (Double) -> Void)? = nil,
                              stream: (any AudioStreamSink)? = nil) async throws(SynthError) -> Report {
        let report = try await render(midi, options: options, progress: progress, stream: stream)
        try AudioFileWriter.write(report.frames, to: url, format: format)
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

