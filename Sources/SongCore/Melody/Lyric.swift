/// What one note of a melody carries in one verse of the words.
public enum Lyric: Sendable, Hashable {
    /// A syllable sung on this note. `continuesWord` is true when the next syllable belongs to the same word ("won-").
    case syllable(String, continuesWord: Bool)
    /// The previous syllable is held over this note (melisma, ABC `_`).
    case hold
    /// Nothing is sung on this note in this verse (ABC `*`).
    case skip

    /// The syllable's text, if this is a syllable.
    public var text: String? {
        if case .syllable(let t, _) = self { return t }
        return nil
    }
}
