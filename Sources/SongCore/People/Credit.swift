/// Who wrote a piece of a song: some lines, the chords or melody of a section, the structure, or the title.
public struct Credit: Sendable, Hashable, Codable {
    /// What was contributed.
    public enum Part: String, Sendable, Hashable, Codable, CaseIterable {
        case lines, chords, melody, structure, title, idea
    }

    /// The contributor ids, one or more.
    public var contributors: [String]
    /// What they wrote.
    public var part: Part
    /// The section it belongs to (by label), if any.
    public var section: String?
    /// For lines: the 1-based lyric line numbers within the section; empty means the whole section.
    public var lines: [Int]

    /// A credit.
    public init(contributors: [String], part: Part, section: String? = nil, lines: [Int] = []) {
        self.contributors = contributors
        self.part = part
        self.section = section
        self.lines = lines
    }
}
