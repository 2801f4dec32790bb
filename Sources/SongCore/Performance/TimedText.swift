/// A piece of text at a time in a performance: a sung syllable, a section marker, a karaoke line.
public struct TimedText: Sendable, Hashable, Codable {
    /// When (whole notes from the start).
    public var at: NoteLength
    /// The text.
    public var text: String

    /// Timed text.
    public init(at: NoteLength, text: String) {
        self.at = at
        self.text = text
    }
}
