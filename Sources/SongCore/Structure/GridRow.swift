/// A row of a ChordPro chord grid (`| C . . . | G . . . |`): one cell per beat between bar lines.
public struct GridRow: Sendable, Hashable, Codable {
    /// One item of a row.
    public enum Cell: Sendable, Hashable {
        /// A bar line as written (`|`, `||`, `|.`, `|:`, `:|`, `:|:`).
        case bar(String)
        /// A chord starting on this beat.
        case chord(ChordSymbol)
        /// The chord before continues (`.`).
        case hold
        /// The chord before is struck again (`/`).
        case again
        /// The bar before is repeated (`%`).
        case repeatBar
    }

    /// Text before the first bar line (a row label).
    public var label: String?
    /// The cells.
    public var cells: [Cell]
    /// Text after the last bar line (a comment).
    public var comment: String?

    /// A grid row.
    public init(label: String? = nil, cells: [Cell], comment: String? = nil) {
        self.label = label
        self.cells = cells
        self.comment = comment
    }

    /// Beats in the row (cells that are not bar lines).
    public var beatCount: Int { cells.filter { if case .bar = $0 { false } else { true } }.count }

    /// Number of bars: runs of beats between bar lines.
    public var barCount: Int {
        var bars = 0, open = false
        for cell in cells {
            if case .bar = cell { if open { bars += 1 }; open = false } else { open = true }
        }
        return bars + (open ? 1 : 0)
    }
}
