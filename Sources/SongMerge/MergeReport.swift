/// What a merge did and what needs a person's eye.
public struct MergeReport: Sendable, Hashable, Codable {
    /// A problem found while merging.
    public struct Conflict: Sendable, Hashable, Codable {
        /// The kind of problem.
        public enum Kind: String, Sendable, Hashable, Codable {
            /// Two pieces for one slot: the first is kept.
            case slotTaken = "slot-taken"
            /// A line's words have more or fewer syllables than its melody line has notes.
            case wordsDoNotFit = "words-do-not-fit"
            /// A chord progression and the section's melody have different numbers of bars.
            case chordsAndMelodyDiffer = "chords-melody-length"
            /// A melody in another key (it was transposed into the song's key).
            case keyMismatch = "key-mismatch"
            /// A melody in another meter.
            case meterMismatch = "meter-mismatch"
            /// A line, given without a place, whose words the section already has (a second tap on a tablet,
            /// say): it is not added again. Given a line number, a repeat is kept, as songs repeat on purpose.
            case duplicateLine = "duplicate-line"
        }
        /// The kind.
        public var kind: Kind
        /// The section, where there is one.
        public var section: String?
        /// The line, where there is one.
        public var line: Int?
        /// The contributions involved.
        public var contributions: [Int64]
        /// A readable explanation.
        public var message: String
    }

    /// How much each generation gave in this version.
    public struct Balance: Sendable, Hashable, Codable {
        public var lines = 0
        public var chords = 0
        public var melodies = 0
    }

    /// Problems, in the order found.
    public var conflicts: [Conflict] = []
    /// Lines, chords and melodies by generation (`child`, `older-adult`…).
    public var balance: [String: Balance] = [:]
    /// Contributions merged into this version.
    public var merged: [Int64] = []
    /// Contributions left out because everyone who gave them has withdrawn consent.
    public var excluded: [Int64] = []
    /// Ideas that are not placed in the song.
    public var ideas: [Int64] = []
    /// How many branches this version joined (laptops that merged the song apart), when it joined some.
    public var joined: Int?

    /// An empty report.
    public init() {}
}
