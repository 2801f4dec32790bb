/// Why a render failed: a readable one-line description, and the library code where there is one.
public struct SynthError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// The raw return code of the C call, if any.
    public var code: Int32?

    /// An error.
    public init(_ message: String, code: Int32? = nil) {
        self.message = message
        self.code = code
    }

    public var description: String { message }
}
