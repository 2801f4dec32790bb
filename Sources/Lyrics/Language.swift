/// The language a line of words is in, for counting its syllables.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case english = "en"
    case welsh = "cy"
    /// Decide per line: Welsh when enough of its words look Welsh and are not English.
    case auto
}
