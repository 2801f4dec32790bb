import SongCore

/// An accepted contribution with its payload already read into song parts (the archive reads the text formats).
public struct MergePiece: Sendable, Hashable {
    /// The contribution.
    public var contribution: Contribution
    /// Lyric lines, for words.
    public var lines: [SongLine]
    /// The melody, for a melody.
    public var melody: Melody?
    /// Chord symbols in order, one bar each, for a chord progression.
    public var chords: [ChordSymbol]
    /// The section order, for a structure.
    public var form: [FormItem]?

    /// A piece.
    public init(contribution: Contribution, lines: [SongLine] = [], melody: Melody? = nil, chords: [ChordSymbol] = [], form: [FormItem]? = nil) {
        self.contribution = contribution
        self.lines = lines
        self.melody = melody
        self.chords = chords
        self.form = form
    }
}
