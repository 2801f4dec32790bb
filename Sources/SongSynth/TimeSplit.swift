/// Where to cut a song in two for rendering on two cores: the join, and where the second synth starts (before
/// the join, early enough that every note still heard at the join is struck in it and its reverb has filled).
struct TimeSplit: Sendable, Equatable {
    /// The frame where the second synth's sound takes over.
    var join: Int
    /// The frame where the second synth starts: a multiple of `grid`.
    var start: Int

    /// Where the second synth may start, in frames, so that it is in step with a synth started at zero:
    /// FluidSynth renders in blocks of 64 frames; its reverb moves its delay lines with a 1 Hz sine updated
    /// every 50 frames (`fluid_rev.c`: MOD_FREQ, MOD_RATE); and the chorus, set to 0.25 Hz for these renders
    /// (`chorusSpeed`), is a 4 s sine. 705,600 frames (16 s at 44.1 kHz) is a whole number of all of them.
    static func grid(sampleRate: Double) -> Int {
        let rate = Int(sampleRate.rounded())
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        func lcm(_ a: Int, _ b: Int) -> Int { a / gcd(a, b) * b }
        return [64, 50, rate, rate * 4].reduce(1, lcm)
    }
    /// The chorus speed (Hz) for renders split in time: FluidSynth's default is 0.3 Hz; 0.25 Hz sounds the same
    /// and repeats in a whole number of seconds.
    static let chorusSpeed = 0.25

    /// The least pre-roll, in seconds: enough for FluidSynth's reverb to reach the same state from silence.
    static let preRoll = 4.0
    /// How long a released note may still be heard, in seconds (TimGM6mb's and FluidR3's releases are shorter).
    static let release = 8.0
    /// Songs shorter than this, in seconds, are not worth splitting.
    static let shortest = 30.0

    /// A split that gives the two synths about the same length of audio, or nil for a short song.
    init?(_ events: SequencedEvents, sampleRate: Double) {
        let total = events.endFrame
        guard Double(total) / sampleRate >= Self.shortest, !events.notes.isEmpty else { return nil }
        let preRoll = Int(Self.preRoll * sampleRate), release = Int(Self.release * sampleRate), grid = Self.grid(sampleRate: sampleRate)
        var best: TimeSplit?
        var bestCost = Int.max
        // Candidate joins: note onsets in the middle half. The cost of a join is the longer of the two parts.
        for join in Set(events.notes.map(\.on)).sorted() where join > total / 4 && join < 3 * total / 4 {
            // Notes sounding at the join, or let go so shortly before that their release is still heard.
            let held = events.notes.filter { $0.on < join && $0.off > join - release }.map(\.on).min() ?? join
            let start = (min(held, join - preRoll) / grid) * grid
            guard start > 0 else { continue }
            let cost = max(join, total - start)
            if cost < bestCost {
                bestCost = cost
                best = TimeSplit(join: join, start: start)
            }
        }
        guard let best else { return nil }
        self = best
    }

    init(join: Int, start: Int) {
        self.join = join
        self.start = start
    }
}
