import SongCore

extension Melody {
    /// The first `limit` notes as a person might sing them, repeats played out: at `beatSeconds` a beat of the
    /// meter (a dotted quarter in 6/8), each onset up to `jitter` seconds early or late (seeded, so a run can be
    /// repeated), legato (each note held until 30 ms before the next). For judging what the transcriber makes of
    /// timing without rendering audio.
    public func sungTiming(beatSeconds: Double, jitter: Double = 0.025, seed: UInt64, limit: Int = 64) -> [(onset: Double, offset: Double, midiNumber: Int)] {
        var generator = Mutator(seed: seed)
        let wholeSeconds = beatSeconds / meter.pulse.doubleValue
        let played = Array(performedNotes.prefix(limit))
        let steps = Int((jitter * 1000).rounded())
        return played.indices.map { i in
            let n = played[i]
            let onset = max(0, n.onset.doubleValue * wholeSeconds + Double(Int(generator.next() % UInt64(2 * steps + 1)) - steps) / 1000)
            let end = i + 1 < played.count ? played[i + 1].onset.doubleValue * wholeSeconds - 0.03 : (n.onset + n.duration).doubleValue * wholeSeconds
            return (onset, max(onset + 0.05, end), n.pitch.midiNumber)
        }
    }
}
