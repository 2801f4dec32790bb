/// One line in a section of a song sheet.
public enum SongLine: Sendable, Hashable {
    /// Words with chords over them.
    case lyrics([LyricSegment])
    /// A comment for performers (`{comment: …}`, `{comment_italic: …}`, `{comment_box: …}`); the style is the directive name.
    case comment(String, style: String)
    /// A blank line (kept so the layout survives a round trip).
    case blank
    /// A row of a chord grid: one cell per beat.
    case grid(GridRow)
    /// A directive Songbridge does not know, kept as written so it survives a round trip.
    case unknownDirective(name: String, value: String?)

    /// The words of a lyric line, without chords.
    public var words: String? {
        if case .lyrics(let segments) = self { return segments.map(\.text).joined() }
        return nil
    }

    /// The chords on a lyric or grid line, in order.
    public var chords: [ChordSymbol] {
        switch self {
        case .lyrics(let segments): segments.compactMap(\.chord)
        case .grid(let row): row.cells.compactMap { if case .chord(let c) = $0 { c } else { nil } }
        default: []
        }
    }
}
