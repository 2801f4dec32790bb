/// When a line of the words begins in a performance, so a page can light up the line being sung.
public struct TimedLine: Sendable, Hashable, Codable {
    /// When the line begins (whole notes from the start).
    public var at: NoteLength
    /// The section it belongs to (its id, as in the song's form).
    public var section: String
    /// Which lyric line of the section, counting from 0.
    public var line: Int

    /// A timed line.
    public init(at: NoteLength, section: String, line: Int) {
        self.at = at
        self.section = section
        self.line = line
    }
}
