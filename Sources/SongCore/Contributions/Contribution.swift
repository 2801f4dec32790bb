/// One piece of a song from one or more people: lines of words, a chord progression, a melody phrase, the order
/// of the sections, or an idea not yet placed. Payloads are in Songbridge's text formats.
public struct Contribution: Sendable, Hashable, Codable, Identifiable {
    /// What was contributed.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Lines of words, ChordPro style (`[G]We walked the [C]prom`), one per line.
        case lyrics
        /// A chord progression: chord symbols separated by spaces or bar lines (`G C | D G`), one bar each.
        case chords
        /// A melody in ABC (a whole tune, or just the notes with `w:` words).
        case melody
        /// The order of the sections: `Verse 1, Chorus, Verse 2, Chorus x2`.
        case structure
        /// Anything else: a theme, a memory, a title idea.
        case idea
    }

    /// Where it stands.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case proposed, accepted, rejected
    }

    /// The archive's id (0 until stored).
    public var id: Int64
    /// What kind.
    public var kind: Kind
    /// The text.
    public var payload: String
    /// The section it is for (by label), if placed.
    public var section: String?
    /// The 1-based line in that section it is for, if placed.
    public var line: Int?
    /// Who contributed it (contributor ids).
    public var contributors: [String]
    /// Proposed, accepted or rejected.
    public var status: Status

    /// A contribution.
    public init(id: Int64 = 0, kind: Kind, payload: String, section: String? = nil, line: Int? = nil, contributors: [String], status: Status = .proposed) {
        self.id = id
        self.kind = kind
        self.payload = payload
        self.section = section
        self.line = line
        self.contributors = contributors
        self.status = status
    }
}
