/// What Songbridge knows about one written word: its singable syllables, their stresses, and where that came from.
public struct WordAnalysis: Sendable, Hashable, Codable {
    /// Where the syllables and stresses come from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// The CMU Pronouncing Dictionary.
        case dictionary
        /// Songbridge's British overrides.
        case british
        /// English spelling rules (the word is not in the dictionary).
        case rules
        /// Welsh spelling rules.
        case welsh
        /// Digits, said one by one.
        case number
        /// A script Songbridge has no rules for: one syllable per word (one per character for Chinese and Japanese).
        case other
    }

    /// The word as written.
    public var word: String
    /// The spelling split into singable syllables (`won`, `der`, `ful`).
    public var syllables: [String]
    /// Stress per syllable: 1 primary, 2 secondary, 0 none.
    public var stresses: [Int]
    /// ARPAbet pronunciation, when known.
    public var pronunciation: String?
    /// Where the analysis comes from.
    public var source: Source

    /// An analysis.
    public init(word: String, syllables: [String], stresses: [Int], pronunciation: String? = nil, source: Source) {
        self.word = word
        self.syllables = syllables
        self.stresses = stresses
        self.pronunciation = pronunciation
        self.source = source
    }

    /// Number of syllables.
    public var syllableCount: Int { syllables.count }

    /// The word hyphenated for ABC `w:` lines: `won-der-ful`.
    public var hyphenated: String { syllables.joined(separator: "-") }

    /// Stresses as digits: `100`.
    public var stressPattern: String { stresses.map(String.init).joined() }
}
