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
        let parts = await withTaskGroup(of: (Int, Result<AudioBuffer, SynthError>).self) { group in
            group.addTask {
                (0, Result { () throws(SynthError) -> AudioBuffer in try ChannelRenderer.render(events: events, options: options, to: plan.join + fade, progress: firstProgress, stream: stream, streamed: plan.join) })
            }
            group.addTask {
                (1, Result { () throws(SynthError) -> AudioBuffer in try ChannelRenderer.render(events: events, options: options, from: plan.start) })
            }
            var results: [(Int, Result<AudioBuffer, SynthError>)] = []
            for await r in group { results.append(r) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let first = try parts[0].get(), second = try parts[1].get()
        let offset = plan.join - plan.start   // the join's frame in the second part
        guard first.frameCount >= plan.join + fade, second.frameCount >= offset + fade else {
            throw SynthError("the two halves of the render could not be joined")
        }
        var out = AudioBuffer(sampleRate: options.sampleRate)
        out.left.reserveCapacity(plan.join + second.frameCount - offset)
        out.right.reserveCapacity(plan.join + second.frameCount - offset)
        out.left += first.left[0..<plan.join]
        out.right += first.right[0..<plan.join]
        for i in 0..<fade {
            let w = Float(i) / Float(fade)
            out.left.append(first.left[plan.join + i] * (1 - w) + second.left[offset + i] * w)
            out.right.append(first.right[plan.join + i] * (1 - w) + second.right[offset + i] * w)
        }
        out.left += second.left[(offset + fade)...]
        out.right += second.right[(offset + fade)...]
        stream?.receive(left: out.left[plan.join...], right: out.right[plan.join...])
        return normalized(out, options: options)
    }
}
