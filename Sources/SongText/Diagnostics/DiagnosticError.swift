/// Reading failed: the errors (and any warnings) found, in source order.
public struct DiagnosticError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every diagnostic, errors and warnings.
    public var diagnostics: [Diagnostic]

    /// A failure with these diagnostics.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// The errors only.
    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }

    /// Every diagnostic, one after the other.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
