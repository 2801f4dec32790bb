/// A sounding note or a chord of notes struck together, with what is attached to it.
public struct Note: Sendable, Hashable {
    /// The pitches, lowest first as written; one for a single note, several for `[CEG]`.
    public var pitches: NotePitches
    /// How long it sounds (tuplets already applied).
    public var duration: NoteLength
    /// Tied to the next note of the same pitch.
    public var tiedToNext: Bool
    /// Grace notes written as acciaccaturas (`{/g}`).
    public var acciaccatura: Bool
    /// What most notes lack (grace notes, decorations, a chord symbol, annotations, words), behind one shared
    /// reference, nil when there is none of it: a melody's elements are copied often (every walk over them copies
    /// each one), and five arrays and a chord held inline made every copy six reference counts and 144 bytes.
    private var attached: Attachments?

    /// Grace notes played before it.
    public var graceNotes: [Pitch] {
        get { attached?.values.graceNotes ?? [] }
        set { attach { $0.graceNotes = newValue } }
    }
    /// Decorations as written (`~`, `.`, `!trill!`, `!fermata!`): kept, not interpreted.
    public var decorations: [String] {
        get { attached?.values.decorations ?? [] }
        set { attach { $0.decorations = newValue } }
    }
    /// A chord symbol that starts on this note (ABC `"Am"`).
    public var chordSymbol: ChordSymbol? {
        get { attached?.values.chordSymbol }
        set { attach { $0.chordSymbol = newValue } }
    }
    /// Other annotations (`"^text"`) and chord texts that are not chords.
    public var annotations: [String] {
        get { attached?.values.annotations ?? [] }
        set { attach { $0.annotations = newValue } }
    }
    /// Words sung on this note, one entry per verse.
    public var lyrics: [Lyric] {
        get { attached?.values.lyrics ?? [] }
        set { attach { $0.lyrics = newValue } }
    }

    /// A note with nothing attached.
    public init(
        pitches: NotePitches, duration: NoteLength, tiedToNext: Bool = false, graceNotes: [Pitch] = [], acciaccatura: Bool = false,
        decorations: [String] = [], chordSymbol: ChordSymbol? = nil, annotations: [String] = [], lyrics: [Lyric] = []
    ) {
        self.pitches = pitches
        self.duration = duration
        self.tiedToNext = tiedToNext
        self.acciaccatura = acciaccatura
        // Most notes have nothing attached: no box, and no set of values made only to be found empty.
        if graceNotes.isEmpty, decorations.isEmpty, chordSymbol == nil, annotations.isEmpty, lyrics.isEmpty {
            self.attached = nil
            return
        }
        let values = Attachments.Values(graceNotes: graceNotes, decorations: decorations, chordSymbol: chordSymbol, annotations: annotations, lyrics: lyrics)
        self.attached = values.isEmpty ? nil : Attachments(values)
    }

    /// Changes what is attached: a new box (the old one may be shared with copies of this note), or none if empty.
    private mutating func attach(_ change: (inout Attachments.Values) -> Void) {
        var values = attached?.values ?? Attachments.Values()
        change(&values)
        attached = values.isEmpty ? nil : Attachments(values)
    }

    /// The box for what is attached to a note; immutable, so it can be shared between copies and threads.
    private final class Attachments: Sendable, Hashable {
        struct Values: Sendable, Hashable {
            var graceNotes: [Pitch] = []
            var decorations: [String] = []
            var chordSymbol: ChordSymbol?
            var annotations: [String] = []
            var lyrics: [Lyric] = []

            var isEmpty: Bool { graceNotes.isEmpty && decorations.isEmpty && chordSymbol == nil && annotations.isEmpty && lyrics.isEmpty }
        }

        let values: Values
        init(_ values: Values) { self.values = values }

        static func == (a: Attachments, b: Attachments) -> Bool { a === b || a.values == b.values }
        func hash(into hasher: inout Hasher) { hasher.combine(values) }
    }

    /// A single pitch.
    public init(_ pitch: Pitch, _ duration: NoteLength) { self.init(pitches: NotePitches(pitch), duration: duration) }
}

/// JSON: every field by name, as when `Note` held them all itself, so stored songs read and write unchanged.
extension Note: Codable {
    private enum CodingKeys: String, CodingKey {
        case pitches, duration, tiedToNext, graceNotes, acciaccatura, decorations, chordSymbol, annotations, lyrics
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            pitches: try c.decode(NotePitches.self, forKey: .pitches), duration: try c.decode(NoteLength.self, forKey: .duration),
            tiedToNext: try c.decode(Bool.self, forKey: .tiedToNext), graceNotes: try c.decode([Pitch].self, forKey: .graceNotes),
            acciaccatura: try c.decode(Bool.self, forKey: .acciaccatura), decorations: try c.decode([String].self, forKey: .decorations),
            chordSymbol: try c.decodeIfPresent(ChordSymbol.self, forKey: .chordSymbol),
            annotations: try c.decode([String].self, forKey: .annotations), lyrics: try c.decode([Lyric].self, forKey: .lyrics))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pitches, forKey: .pitches)
        try c.encode(duration, forKey: .duration)
        try c.encode(tiedToNext, forKey: .tiedToNext)
        try c.encode(graceNotes, forKey: .graceNotes)
        try c.encode(acciaccatura, forKey: .acciaccatura)
        try c.encode(decorations, forKey: .decorations)
        try c.encodeIfPresent(chordSymbol, forKey: .chordSymbol)
        try c.encode(annotations, forKey: .annotations)
        try c.encode(lyrics, forKey: .lyrics)
    }
}
