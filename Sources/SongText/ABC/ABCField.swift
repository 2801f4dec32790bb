/// An ABC information field kept as written, e.g. `T:The Seaside Waltz` or `O:Wales`.
public struct ABCField: Sendable, Hashable, Codable {
    /// The field letter (`T`, `C`, `O`, `N`, …).
    public var letter: String
    /// The value after the colon, trimmed.
    public var value: String

    /// A field.
    public init(_ letter: String, _ value: String) {
        self.letter = letter
        self.value = value
    }
}
