/// Something read from a file, with the warnings found on the way.
public struct Parsed<Value: Sendable>: Sendable {
    /// What was read.
    public var value: Value
    /// Warnings (never errors: errors make reading throw).
    public var warnings: [Diagnostic]

    /// A read value.
    public init(value: Value, warnings: [Diagnostic]) {
        self.value = value
        self.warnings = warnings
    }
}
