/// A syllable as it is sung in a performance, with where it sits in the words.
public struct SungSyllable: Sendable, Hashable, Codable {
    /// When it is sung.
    public var at: NoteLength
    /// The syllable's text.
    public var text: String
    /// The next syllable belongs to the same word.
    public var continuesWord: Bool
    /// It is the last syllable of a line of words.
    public var endsLine: Bool
    /// It is the last syllable of a section (a verse or chorus).
    public var endsParagraph: Bool

    /// A sung syllable.
    public init(at: NoteLength, text: String, continuesWord: Bool = false, endsLine: Bool = false, endsParagraph: Bool = false) {
        self.at = at
        self.text = text
        self.continuesWord = continuesWord
        self.endsLine = endsLine
        self.endsParagraph = endsParagraph
    }
}
