/// How two words rhyme.
public enum RhymeKind: String, Sendable, Hashable, Codable, Comparable {
    /// The same word, or the same sounds from the consonant before the stressed vowel on (leave / believe).
    case identical
    /// The same sounds from the last stressed vowel to the end, after different consonants (sea / free).
    case perfect
    /// The same vowels, different consonants (home / bone): assonance.
    case assonance
    /// The same closing consonants, a different vowel (home / come): consonance.
    case consonance
    /// No rhyme.
    case none

    private var rank: Int {
        switch self {
        case .perfect: 0
        case .identical: 1
        case .assonance: 2
        case .consonance: 3
        case .none: 4
        }
    }

    /// Whether it is a near rhyme.
    public var isNear: Bool { self == .assonance || self == .consonance }

    public static func < (a: RhymeKind, b: RhymeKind) -> Bool { a.rank < b.rank }
}
