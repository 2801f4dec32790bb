import SongCore

/// A score read from MusicXML: its title, if it has one, and its first part's tune (voice 1) with every verse's
/// words and the chord symbols.
public struct ImportedScore: Sendable, Hashable {
    public var title: String?
    public var melody: Melody
    /// What was read past: a second part, other voices, grace notes (each said once).
    public var notes: [String]
}
