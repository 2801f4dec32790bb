/// Who a songbook is printed for.
public enum SongbookProfile: String, Sendable, Hashable, CaseIterable {
    /// For older eyes, after RNIB's Clear Print guidance: words 18 pt bold, 1.5 line spacing, black on white, no
    /// italics or blocks of capitals; chords above the words only when asked.
    case largePrint = "large-print"
    /// The words alone, compact: a song sheet to sing from.
    case wordsOnly = "words-only"
    /// For the band: each tune as notation with its words and chords, and the chords over the words elsewhere.
    case musician
}
