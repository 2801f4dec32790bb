/// A sounding note or a chord of notes struck together, with what is attached to it.
public struct Note: Sendable, Hashable, Codable {
    /// The pitches, lowest first as written; one for a single note, several for `[CEG]`.
    public var pitches: [Pitch]
    /// How long it sounds (tuplets already applied).
    public var duration: Duration
    /// Tied to the next note of the same pitch.
    public var tiedToNext: Bool
    /// Grace notes played before it.
    public var graceNotes: [Pitch]
    /// Grace notes written as acciaccaturas (`{/g}`).
    public var acciaccatura: Bool
    /// Decorations as written (`~`, `.`, `!trill!`, `!fermata!`): kept, not interpreted.
    public var decorations: [String]
    /// A chord symbol that starts on this note (ABC `"Am"`).
    public var chordSymbol: ChordSymbol?
    /// Other annotations (`"^text"`) and chord texts that are not chords.
    public var annotations: [String]
    /// Words sung on this note, one entry per verse.
    public var lyrics: [Lyric]

    /// A note with nothing attached.
    public init(
        pitches: [Pitch], duration: Duration, tiedToNext: Bool = false, graceNotes: [Pitch] = [], acciaccatura: Bool = false,
        decorations: [String] = [], chordSymbol: ChordSymbol? = nil, annotations: [String] = [], lyrics: [Lyric] = []
    ) {
        self.pitches = pitches
        self.duration = duration
        self.tiedToNext = tiedToNext
        self.graceNotes = graceNotes
        self.acciaccatura = acciaccatura
        self.decorations = decorations
        self.chordSymbol = chordSymbol
        self.annotations = annotations
        self.lyrics = lyrics
    }

    /// A single pitch.
    public init(_ pitch: Pitch, _ duration: Duration) { self.init(pitches: [pitch], duration: duration) }
}
