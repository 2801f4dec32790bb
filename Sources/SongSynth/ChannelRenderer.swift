import CFluidSynth
import Foundation

/// One FluidSynth synth playing one MIDI file to memory. It is created, used and freed inside `render`, so the
/// C pointers never leave the task that calls it.
enum ChannelRenderer {
    /// Samples rendered per call into the synth.
    static let block = 512

    /// Renders `midi` with `options`; `progress` gets the fraction of MIDI ticks played.
    static func render(midi: [UInt8], options: RenderOptions, expectedSeconds: Double = 0, progress: (@Sendable (Double) -> Void)? = nil) throws(SynthError) -> AudioBuffer {
        let lib = try SynthLibraries.get()
        SynthLog.install(lib)
        guard let settings = lib.newSettings() else { throw SynthError("FluidSynth could not create its settings") }
        defer { lib.deleteSettings(settings) }
        _ = lib.setNum(settings, "synth.sample-rate", options.sampleRate)
        _ = lib.setInt(settings, "synth.reverb.active", options.reverb ? 1 : 0)
        _ = lib.setInt(settings, "synth.chorus.active", options.chorus ? 1 : 0)
        // Load only the samples of the presets the song selects, not the whole font.
        _ = lib.setInt(settings, "synth.dynamic-sample-loading", 1)
        _ = lib.setInt(settings, "synth.lock-memory", 0)
        _ = lib.setStr(settings, "player.timing-source", "sample")
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
        guard let player = lib.newPlayer(synth) else { throw SynthError("FluidSynth could not create a MIDI player") }
        defer { lib.deletePlayer(player) }
        let added = midi.withUnsafeBytes { lib.playerAddMem(player, $0.baseAddress, $0.count) }
        guard added == FLUID_OK else { throw SynthError("FluidSynth could not read the MIDI data", code: added) }
        guard lib.playerPlay(player) == FLUID_OK else { throw SynthError("FluidSynth could not start the MIDI player") }

        var out = AudioBuffer(sampleRate: options.sampleRate)
        // Room for the whole song and its tail up front: growing the arrays as we go made the kernel zero and copy
        // pages over and over (a sixth of the render's time).
        let expectedFrames = Int((expectedSeconds + options.maximumTail) * options.sampleRate) + block
        out.left.reserveCapacity(expectedFrames)
        out.right.reserveCapacity(expectedFrames)
        var left = [Float](repeating: 0, count: block), right = [Float](repeating: 0, count: block)
        func renderBlock() -> Float {
            left.withUnsafeMutableBufferPointer { l in
                right.withUnsafeMutableBufferPointer { r in
                    _ = lib.writeFloat(synth, Int32(block), UnsafeMutableRawPointer(l.baseAddress), 0, 1, UnsafeMutableRawPointer(r.baseAddress), 0, 1)
                }
            }
            out.left += left
            out.right += right
            var p: Float = 0
            for i in 0..<block { p = max(p, abs(left[i]), abs(right[i])) }
            return p
        }
        let total = max(1, Int(lib.playerTotalTicks(player)))
        var blocks = 0
        while lib.playerStatus(player) == Int32(FLUID_PLAYER_PLAYING.rawValue) {
            _ = renderBlock()
            blocks += 1
            if let progress, blocks % 256 == 0 { progress(min(1, Double(lib.playerCurrentTick(player)) / Double(total))) }
        }
        // The release and reverb tail: until the voices have stopped and the output is silent for a moment.
        let maxTailBlocks = Int(options.maximumTail * options.sampleRate) / block
        let quietBlocksNeeded = max(1, Int(0.05 * options.sampleRate) / block)
        var quiet = 0
        for _ in 0..<maxTailBlocks {
            let peak = renderBlock()
            quiet = (peak < 1e-4 && lib.activeVoices(synth) == 0) ? quiet + 1 : 0
            if quiet >= quietBlocksNeeded { break }
        }
        progress?(1)
        return out
    }
}
