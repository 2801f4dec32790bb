/// A word that rhymes with the one asked about.
public struct RhymeSuggestion: Sendable, Hashable, Codable {
    /// The word.
    public var word: String
    /// Its syllables.
    public var syllables: Int
    /// How it rhymes.
    public var kind: RhymeKind
    /// How common it is (0 most common … 255 unknown).
    public var frequency: Int
}
