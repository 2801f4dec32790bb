import CFluidSynth
import Foundation

/// One FluidSynth synth playing to memory. It is created, used and freed inside one call, so the C pointers never
/// leave the task that makes it. Two ways to play: FluidSynth's own MIDI player (what `fluidsynth -F` does, so the
/// two sound the same), or `SequencedEvents` sent by us at exact sample frames (so a synth can start part-way
/// through a song and land every note on the same frame a synth started at the beginning would).
enum ChannelRenderer {
    /// Samples rendered per call into the synth.
    static let block = 512

    /// Renders `midi` with FluidSynth's player; `progress` gets the fraction of MIDI ticks played.
    static func render(midi: [UInt8], options: RenderOptions, expectedSeconds: Double = 0, progress: (@Sendable (Double) -> Void)? = nil) throws(SynthError) -> AudioBuffer {
        var output = Output(options: options, expectedFrames: Int((expectedSeconds + options.maximumTail) * options.sampleRate) + block)
        try withSynth(options) { (lib, synth) throws(SynthError) in
            guard let player = lib.newPlayer(synth) else { throw SynthError("FluidSynth could not create a MIDI player") }
            defer { lib.deletePlayer(player) }
            let added = midi.withUnsafeBytes { lib.playerAddMem(player, $0.baseAddress, $0.count) }
            guard added == FLUID_OK else { throw SynthError("FluidSynth could not read the MIDI data", code: added) }
            guard lib.playerPlay(player) == FLUID_OK else { throw SynthError("FluidSynth could not start the MIDI player") }
            let total = max(1, Int(lib.playerTotalTicks(player)))
            var blocks = 0
            while lib.playerStatus(player) == Int32(FLUID_PLAYER_PLAYING.rawValue) {
                _ = try output.render(block, lib, synth)
                blocks += 1
                if let progress, blocks % 256 == 0 { progress(min(1, Double(lib.playerCurrentTick(player)) / Double(total))) }
            }
            try output.tail(lib, synth)
        }
        progress?(1)
        return output.audio
    }

    /// Plays `events` from frame `start` (every controller and program change before it is set first; notes before
    /// it are not played) to frame `end`, or to the end with the release tail when `end` is nil. `start` should be
    /// a multiple of 64, FluidSynth's own block, so notes fall on the same frames as in a synth started at zero.
    /// Notes before `notesFrom` (at or after `start`) are not played either: until then the synth plays silence.
    /// `stream`, when given, is sent the frames as they are made, up to `streamed` frames of this part. Also gives
    /// the peak of the part's frames in `peakFrames` (all of them unless given), found as they are made.
    static func render(events: SequencedEvents, options: RenderOptions, from start: Int = 0, notesFrom: Int = 0, to end: Int? = nil,
                       progress: (@Sendable (Double) -> Void)? = nil, stream: (any AudioStreamSink)? = nil, streamed: Int = .max,
                       peakFrames: Range<Int> = 0..<Int.max) throws(SynthError) -> (audio: AudioBuffer, peak: Float) {
        let last = end ?? events.endFrame
        var output = Output(options: options, expectedFrames: last - start + (end == nil ? Int(options.maximumTail * options.sampleRate) : 0) + block)
        output.stream = stream
        output.streamLimit = streamed
        output.peakFrames = peakFrames
        try withSynth(options, chorusSpeed: TimeSplit.chorusSpeed) { (lib, synth) throws(SynthError) in
            var cursor = start
            var sent = 0
            for event in events.events {
                if event.frame < start {
                    if !event.isNote { event.send(lib, synth) }
                    continue
                }
                // A part that stops at `end` leaves the events at `end` to the part after it; played to the song's
                // end, the events at its last frame (the last notes' note-offs) are played too, or those notes would
                // ring on into the tail.
                if end != nil ? event.frame >= last : event.frame > last { break }
                if event.frame < notesFrom, event.isNote { continue }
                while cursor < event.frame {
                    let n = min(block, event.frame - cursor)
                    _ = try output.render(n, lib, synth)
                    cursor += n
                }
                event.send(lib, synth)
                sent += 1
                if let progress, sent % 512 == 0 { progress(Double(cursor - start) / Double(max(1, last - start))) }
            }
            while cursor < last {
                let n = min(block, last - cursor)
                _ = try output.render(n, lib, synth)
                cursor += n
            }
            if end == nil { try output.tail(lib, synth) }
        }
        progress?(1)
        return (output.audio, output.peak)
    }

    /// A synth with the options' settings and SoundFont, for the length of `body`.
    static func withSynth(_ options: RenderOptions, _ body: (SynthLibraries, OpaquePointer) throws(SynthError) -> Void) throws(SynthError) {
        try withSynth(options, chorusSpeed: nil, body)
    }

    /// As above, with the chorus at `chorusSpeed` Hz when given.
    static func withSynth(_ options: RenderOptions, chorusSpeed: Double?, _ body: (SynthLibraries, OpaquePointer) throws(SynthError) -> Void) throws(SynthError) {
        let lib = try SynthLibraries.get()
        SynthLog.install(lib)
        guard let settings = lib.newSettings() else { throw SynthError("FluidSynth could not create its settings") }
        defer { lib.deleteSettings(settings) }
        // Each setting is checked: one FluidSynth does not know (a renamed key in a later version) would otherwise
        // be ignored without a word and the render would quietly sound different.
        func check(_ result: Int32, _ name: String) throws(SynthError) {
            guard result == FLUID_OK else { throw SynthError("FluidSynth refused the setting \(name)", code: result) }
        }
        try check(lib.setNum(settings, "synth.sample-rate", options.sampleRate), "synth.sample-rate")
        try check(lib.setInt(settings, "synth.reverb.active", options.reverb ? 1 : 0), "synth.reverb.active")
        try check(lib.setInt(settings, "synth.chorus.active", options.chorus ? 1 : 0), "synth.chorus.active")
        if let chorusSpeed { try check(lib.setNum(settings, "synth.chorus.speed", chorusSpeed), "synth.chorus.speed") }
        // Only the samples of the presets the song selects are loaded, where the font has the zero samples the
        // SoundFont standard puts after each: FluidSynth before 2.4.4 (Debian has 2.3.1) reads past the end of a
        // sample loaded on its own, which clicks in fonts without them (FluidSynth issue #1484). Those, TimGM6mb
        // among them, are loaded whole, as `fluidsynth -F` loads them. With the 141 MB FluidR3_GM this saves each
        // synth about 0.1 s; with the 6 MB TimGM6mb there is nothing to save.
        try check(lib.setInt(settings, "synth.dynamic-sample-loading", options.soundFont.samplesArePadded ? 1 : 0), "synth.dynamic-sample-loading")
        try check(lib.setInt(settings, "synth.lock-memory", 0), "synth.lock-memory")
        try check(lib.setStr(settings, "player.timing-source", "sample"), "player.timing-source")
        guard let synth = lib.newSynth(settings) else { throw SynthError("FluidSynth could not create a synth") }
        defer { lib.deleteSynth(synth) }
        if options.reverb {
            _ = lib.setReverbRoomSize(synth, -1, options.reverbRoomSize)
            _ = lib.setReverbLevel(synth, -1, options.reverbLevel)
        }
        let fontID = lib.sfload(synth, options.soundFont.url.path, 1)
        guard fontID != FLUID_FAILED else {
            throw SynthError("\(options.soundFont.url.path) is not a SoundFont FluidSynth can load", code: fontID)
        }
        try body(lib, synth)
    }

    /// The audio as it is rendered.
    struct Output {
        var audio: AudioBuffer
        let options: RenderOptions
        var left = [Float](repeating: 0, count: ChannelRenderer.block), right = [Float](repeating: 0, count: ChannelRenderer.block)
        /// Sent each block as it is made, up to `streamLimit` frames.
        var stream: (any AudioStreamSink)?
        var streamLimit = Int.max
        /// The largest absolute sample of the frames in `peakFrames`, so far.
        var peak: Float = 0
        var peakFrames = 0..<Int.max

        init(options: RenderOptions, expectedFrames: Int) {
            self.options = options
            audio = AudioBuffer(sampleRate: options.sampleRate)
            // Room for the whole song and its tail up front: growing the arrays as we go made the kernel zero and
            // copy pages over and over (a sixth of the render's time).
            audio.left.reserveCapacity(expectedFrames)
            audio.right.reserveCapacity(expectedFrames)
        }

        /// Renders `n` frames (at most a block); returns their peak.
        mutating func render(_ n: Int, _ lib: SynthLibraries, _ synth: OpaquePointer) throws(SynthError) -> Float {
            let result = left.withUnsafeMutableBufferPointer { l in
                right.withUnsafeMutableBufferPointer { r in
                    lib.writeFloat(synth, Int32(n), UnsafeMutableRawPointer(l.baseAddress), 0, 1, UnsafeMutableRawPointer(r.baseAddress), 0, 1)
                }
            }
            guard result == FLUID_OK else { throw SynthError("FluidSynth could not render the audio", code: result) }
            let before = audio.frameCount
            audio.left += left[0..<n]
            audio.right += right[0..<n]
            if let stream, before < streamLimit {
                let sent = min(n, streamLimit - before)
                stream.receive(left: left[0..<sent], right: right[0..<sent])
            }
            let p = Self.peak(left, right, 0..<n)
            if before >= peakFrames.lowerBound, before + n <= peakFrames.upperBound {
                peak = max(peak, p)
            } else {
                let from = max(0, peakFrames.lowerBound - before), to = min(n, peakFrames.upperBound - before)
                if from < to { peak = max(peak, Self.peak(left, right, from..<to)) }
            }
            return p
        }

        /// The largest absolute sample of both channels over `frames`, eight samples at a time (a scalar loop was
        /// 3% of a render).
        static func peak(_ left: [Float], _ right: [Float], _ frames: Range<Int>) -> Float {
            left.withUnsafeBufferPointer { l in
                right.withUnsafeBufferPointer { r in
                    var most = SIMD8<Float>(repeating: 0)
                    var i = frames.lowerBound
                    while i + 8 <= frames.upperBound {
                        let a = UnsafeRawPointer(l.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
                        let b = UnsafeRawPointer(r.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
                        most = pointwiseMax(most, pointwiseMax(pointwiseMax(a, -a), pointwiseMax(b, -b)))
                        i += 8
                    }
                    var p = most.max()
                    while i < frames.upperBound { p = max(p, abs(l[i]), abs(r[i])); i += 1 }
                    return p
                }
            }
        }

        /// The release and reverb tail: until the voices have stopped and the output is silent for a moment.
        mutating func tail(_ lib: SynthLibraries, _ synth: OpaquePointer) throws(SynthError) {
            let block = ChannelRenderer.block
            let maxTailBlocks = Int(options.maximumTail * options.sampleRate) / block
            let quietBlocksNeeded = max(1, Int(0.05 * options.sampleRate) / block)
            var quiet = 0
            for _ in 0..<maxTailBlocks {
                let peak = try render(block, lib, synth)
                quiet = (peak < 1e-4 && lib.activeVoices(synth) == 0) ? quiet + 1 : 0
                if quiet >= quietBlocksNeeded { break }
            }
        }
    }
}
