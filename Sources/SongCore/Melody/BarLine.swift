/// A bar line, including repeat signs.
public enum BarLine: String, Sendable, Hashable, Codable, CaseIterable {
    /// `|`
    case single = "|"
    /// `||`
    case double = "||"
    /// `|]`: the end.
    case final = "|]"
    /// `[|`
    case thickThin = "[|"
    /// `|:`: start of a repeated passage.
    case repeatStart = "|:"
    /// `:|`: end of a repeated passage.
    case repeatEnd = ":|"
    /// `::`: end of one repeat and start of the next.
    case repeatBoth = "::"
    /// `.|`: a dotted bar.
    case dotted = ".|"

    /// Whether the passage before this bar line is played again.
    public var endsRepeat: Bool { self == .repeatEnd || self == .repeatBoth }
    /// Whether a repeated passage starts after this bar line.
    public var startsRepeat: Bool { self == .repeatStart || self == .repeatBoth }
}
