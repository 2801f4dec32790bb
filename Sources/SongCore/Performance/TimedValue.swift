/// A value that takes effect at a time.
public struct TimedValue<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    /// When it takes effect.
    public var at: NoteLength
    /// The value.
    public var value: Value

    /// A timed value.
    public init(at: NoteLength, value: Value) {
        self.at = at
        self.value = value
    }
}
