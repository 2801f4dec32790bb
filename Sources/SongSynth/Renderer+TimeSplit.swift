import Foundation
import SongMIDI

extension Renderer {
    /// Two synths, each on its own task, both driven frame-exactly: the first plays from the start to just past the
    /// join, the second from the plan's start (a pre-roll before the join) to the end; their sounds are crossfaded
    /// over 10 ms at the join. Each synth runs reverb and chorus for only its part, so this is about twice as fast
    /// as one synth on two cores, where sharing the channels is not.
    /// `stream` hears the first part as it is made, up to the join, and the rest once both parts are done.
    static func renderInTwo(_ events: SequencedEvents, plan: TimeSplit, options: RenderOptions, progress: (@Sendable (Double) -> Void)?,
                            stream: (any AudioStreamSink)? = nil) async throws(SynthError) -> Report {
        let fade = Int(0.01 * options.sampleRate)
        let share = Double(events.endFrame) / Double(max(1, plan.join))
        let firstProgress: (@Sendable (Double) -> Void)? = progress.map { report in { @Sendable fraction in report(min(1, fraction / share)) } }
        let offset = plan.join - plan.start   // the join's frame in the second part
        typealias Part = (audio: AudioBuffer, peak: Float)
        // Each part finds its peak as it renders (the first up to the join, the second after the crossfade), so the
        // gain is known when both are done, and the parts are joined and scaled as they are written.
        let parts = await withTaskGroup(of: (Int, Result<Part, SynthError>).self) { group in
            group.addTask {
                (0, Result { () throws(SynthError) -> Part in
                    try ChannelRenderer.render(events: events, options: options, to: plan.join + fade, progress: firstProgress, stream: stream, streamed: plan.join,
                                               peakFrames: 0..<plan.join)
                })
            }
            group.addTask {
                (1, Result { () throws(SynthError) -> Part in
                    try ChannelRenderer.render(events: events, options: options, from: plan.start, notesFrom: plan.notesFrom, peakFrames: (offset + fade)..<Int.max)
                })
            }
            var results: [(Int, Result<Part, SynthError>)] = []
            for await r in group { results.append(r) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let (first, firstPeak) = try parts[0].get(), (second, secondPeak) = try parts[1].get()
        guard first.frameCount >= plan.join + fade, second.frameCount >= offset + fade else {
            throw SynthError("the two halves of the render could not be joined")
        }
        // The crossfade, at the synth's own level.
        var fadeLeft = [Float](repeating: 0, count: fade), fadeRight = [Float](repeating: 0, count: fade)
        var peak = max(firstPeak, secondPeak)
        for i in 0..<fade {
            let w = Float(i) / Float(fade)
            fadeLeft[i] = first.left[plan.join + i] * (1 - w) + second.left[offset + i] * w
            fadeRight[i] = first.right[plan.join + i] * (1 - w) + second.right[offset + i] * w
            peak = max(peak, abs(fadeLeft[i]), abs(fadeRight[i]))
        }
        stream?.receive(left: fadeLeft[...], right: fadeRight[...])
        stream?.receive(left: second.left[(offset + fade)...], right: second.right[(offset + fade)...])
        // Scaled to the target peak as it is read (as `normalized` would, value for value); joined only if asked.
        let target = options.normalizePeak.flatMap { peak > 1e-6 ? $0 : nil }
        let gain: Float = target.map { Float(pow(10, $0 / 20)) / peak } ?? 1
        let out = JoinedAudio(first: first, second: second, fadeLeft: fadeLeft, fadeRight: fadeRight, join: plan.join, offset: offset, gain: gain,
                              endWhenSilent: target != nil)
        return Report(seconds: Double(out.frameCount) / out.sampleRate, rawPeak: peak, gain: gain, frames: out)
    }
}

