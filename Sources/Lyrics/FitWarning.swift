/// Something about how a line of words sits on its tune that a songwriter may want to change.
public struct FitWarning: Sendable, Hashable, Codable {
    /// What kind of problem.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// More syllables than notes.
        case tooManySyllables = "too-many-syllables"
        /// Fewer syllables than notes.
        case tooFewSyllables = "too-few-syllables"
        /// A stressed syllable on a weak beat while an unstressed one of the same word has the strong beat.
        case stressOnWeakBeat = "stress-on-weak-beat"
        /// A long note on a weak syllable.
        case longNoteOnWeakSyllable = "long-note-on-weak-syllable"
    }

    /// The kind.
    public var kind: Kind
    /// A readable explanation with a suggestion.
    public var message: String
}
