/// A run of words with the chord that starts above its first letter (ChordPro `[G]words`).
public struct LyricSegment: Sendable, Hashable, Codable {
    /// The chord at the start of the run, if any.
    public var chord: ChordSymbol?
    /// An annotation in place of a chord (ChordPro `[*Coda]`).
    public var annotation: String?
    /// The words.
    public var text: String

    /// A segment.
    public init(chord: ChordSymbol? = nil, annotation: String? = nil, text: String) {
        self.chord = chord
        self.annotation = annotation
        self.text = text
    }
}
