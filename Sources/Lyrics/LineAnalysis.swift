/// A line of words analysed: each word's syllables and stresses.
public struct LineAnalysis: Sendable, Hashable, Codable {
    /// The line as typed.
    public var text: String
    /// English or Welsh.
    public var language: Language
    /// The words.
    public var words: [WordAnalysis]

    /// Syllables in the line.
    public var syllableCount: Int { words.reduce(0) { $0 + $1.syllableCount } }

    /// The line's stress pattern, one digit per syllable, words separated by spaces: `1 0 10 1`.
    public var stressPattern: String { words.map(\.stressPattern).joined(separator: " ") }

    /// The line as ABC `w:` text: syllables joined with `-` inside words.
    public var abcWords: String { words.map(\.hyphenated).joined(separator: " ") }

    /// The last word, for rhyme.
    public var lastWord: String? { words.last?.word }
}
