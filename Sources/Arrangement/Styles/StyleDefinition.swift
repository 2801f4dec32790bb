import SongCore

/// A style as its file describes it: per-part patterns over one bar of its meter, and how it starts, fills and ends.
public struct StyleDefinition: Sendable, Hashable {
    /// One note (or chord) of a pattern.
    public struct Event: Sendable, Hashable {
        /// Where in the bar, counted from 0 in whole notes.
        public var at: NoteLength
        /// What to play: `root`, `third`, `fifth`, `seventh`, `octave`, `chord`, `arp1`…`arp4`, `approach`, `walk` (a walking
        /// bass: the root where a chord begins, steps of the scale, a chromatic approach to the next chord), or a drum key.
        public var tone: String
        /// How long; nil holds until the part's next event.
        public var length: NoteLength?
        /// MIDI velocity.
        public var velocity: Int
    }

    /// One instrument's part.
    public struct Part: Sendable, Hashable {
        /// `bass`, `comp`, `arp`, `pad`, `drums`.
        public var name: String
        /// General MIDI program.
        public var program: Int
        /// MIDI channel (9 for drums).
        public var channel: Int
        /// Lowest and highest key the part may play.
        public var low: Int, high: Int
        /// Volume, pan, reverb.
        public var volume: Int, pan: Int, reverb: Int
        /// The bar's pattern.
        public var events: [Event]
        /// The pattern on fill bars (empty: the normal pattern).
        public var fill: [Event]
        /// The second pattern, played in every other phrase (empty: one is made from `events`, see `variation`).
        public var vary: [Event] = []
        /// How its chords are laid out (`voicing guitar`): close triads unless the file says otherwise.
        public var voicing: VoicingIdiom = .close
    }

    /// The style's name.
    public var name: String
    /// One line about it.
    public var about: String
    /// Its meter.
    public var meter: Meter
    /// A tempo that suits it.
    public var tempo: Double
    /// How late off-beat eighths fall, as a fraction of an eighth (0 straight, 1/3 a triplet swing).
    public var swing: Double
    /// Whether the tune swings with the band (`swing: 0.33`), or the band alone (`swing: 0.33 band`).
    public var swingTune = true

    /// How late a swung off-beat eighth falls (`swing` of an eighth, in 96ths), for the band and the tune alike.
    public var swingDelay: NoteLength { NoteLength(Int((swing * 96).rounded()), 96 * 8) }

    /// Whether a time (from a bar line, or from any point a whole number of quarters before it) is an off-beat
    /// eighth: the notes swing moves.
    public static func isOffBeatEighth(_ t: NoteLength) -> Bool {
        (t / NoteLength(1, 8)).denominator == 1 && (t / NoteLength(1, 4)).denominator != 1
    }
    /// How much velocities vary, ± (deterministic).
    public var humanise: Int
    /// Bars of introduction (the song's last bars of chords, before the melody).
    public var introBars: Int
    /// Bars of ending after the song (the home chord held).
    public var endingBars: Int
    /// Every how many bars a fill comes (0: never).
    public var fillEvery: Int
    /// The lead instrument for the melody.
    public var leadProgram: Int
    /// The parts.
    public var parts: [Part]
    /// The file it came from.
    public var file: String
    /// Meters the style's file says it does not play (every other is adapted, see `adapted(to:)`).
    public var refuses: [Meter] = []
}
