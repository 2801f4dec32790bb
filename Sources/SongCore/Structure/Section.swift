/// A section of a song: a verse, chorus, bridge, intro, outro or instrumental, with its words and chords,
/// its melody where one is known, and a chord grid where the section is chords only.
public struct Section: Sendable, Hashable, Codable, Identifiable {
    /// What kind of section it is.
    public var kind: SectionKind
    /// Its label, e.g. "Verse 1" or "Chorus"; unique within a song when given.
    public var label: String?
    /// Its lines, in order.
    public var lines: [SongLine]
    /// The melody, with aligned words, where one is known (an ABC block with the same label).
    public var melody: Melody?
    /// Extra arguments of the start directive other than the label (e.g. a grid's `shape="1+4x2+4"`).
    public var attributes: [String: String]

    /// A section.
    public init(kind: SectionKind, label: String? = nil, lines: [SongLine] = [], melody: Melody? = nil, attributes: [String: String] = [:]) {
        self.kind = kind
        self.label = label
        self.lines = lines
        self.melody = melody
        self.attributes = attributes
    }

    /// The label, or the kind's name.
    public var id: String { label ?? kind.displayName }

    /// The lyric lines (words only), in order.
    public var lyricLines: [String] { lines.compactMap(\.words) }

    /// The chords of the section in order, from the sheet's lines or else from the melody.
    public var chords: [ChordSymbol] {
        let fromLines = lines.flatMap(\.chords)
        return fromLines.isEmpty ? (melody?.chordSymbols ?? []) : fromLines
    }
}
