/// Where to cut a song in two for rendering on two cores: the join, where the second synth starts (on the grid
/// that keeps it in step with a synth started at zero), and where it starts playing notes (before the join, early
/// enough that every note still heard at the join is struck in it and its reverb has filled). Between its start and
/// its first note the second synth only runs its reverb and chorus over silence, which costs about half as much as
/// music, so the join can fall where the two synths take the same time rather than where the grid allows.
struct TimeSplit: Sendable, Equatable {
    /// The frame where the second synth's sound takes over.
    var join: Int
    /// The frame where the second synth starts: a multiple of `grid`.
    var start: Int
    /// The frame from which the second synth plays notes (its other events it plays from its start).
    var notesFrom: Int

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

    /// What a frame of silence costs a synth (its reverb, chorus and mixing), against a frame of music. Measured on
    /// `make bench`'s three-minute song, it is from about half (TimGM6mb) to near nothing (FluidR3_GM, whose voices
    /// cost more); a quarter finishes both synths within 20 ms of each other with either font.
    static let quietCost = 0.25

    /// A split that gives the two synths about the same time to render, or nil for a short song.
    init?(_ events: SequencedEvents, sampleRate: Double) {
        let total = events.endFrame
        guard Double(total) / sampleRate >= Self.shortest, !events.notes.isEmpty else { return nil }
        let preRoll = Int(Self.preRoll * sampleRate), release = Int(Self.release * sampleRate), grid = Self.grid(sampleRate: sampleRate)
        var best: TimeSplit?
        var bestCost = Double.infinity
        // Candidate joins: note onsets in the middle half. The cost of a join is the longer of the two parts.
        let notes = events.notes
        for join in Set(notes.map(\.on)).sorted() where join > total / 4 && join < 3 * total / 4 {
            // Notes sounding at the join, or let go so shortly before that their release is still heard.
            let held = notes.lazy.filter { $0.on < join && $0.off > join - release }.map(\.on).min() ?? join
            let notesFrom = min(held, join - preRoll)
            guard notesFrom > 0 else { continue }
            let start = (notesFrom / grid) * grid
            let cost = max(Double(join), Double(notesFrom - start) * Self.quietCost + Double(total - notesFrom))
            if cost < bestCost {
                bestCost = cost
                best = TimeSplit(join: join, start: start, notesFrom: notesFrom)
            }
        }
        guard let best else { return nil }
        self = best
    }

    init(join: Int, start: Int, notesFrom: Int) {
        self.join = join
        self.start = start
        self.notesFrom = notesFrom
    }
}
