/// What part of a song a section is.
public enum SectionKind: String, Sendable, Hashable, Codable, CaseIterable {
    case verse, chorus, bridge, intro, outro, instrumental, tab, grid
    /// Lines outside any labelled section.
    case untitled

    /// The ChordPro environment name (`verse` for `{start_of_verse}`); nil for untitled lines.
    public var environment: String? { self == .untitled ? nil : rawValue }

    /// A word to show when a section has no label.
    public var displayName: String { self == .untitled ? "Lines" : rawValue.capitalized }
}
