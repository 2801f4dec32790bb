/// Why a render failed: a readable one-line description, and the library code where there is one.
public struct SynthError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// The raw return code of the C call, if any.
    public var code: Int32?
    /// Whether the audio was made but could not be written (disk full, no folder, no permission), as opposed to
    /// input that cannot be played: the CLI answers the one with exit 73, the other with 65.
    public var cannotWrite: Bool

    /// An error.
    public init(_ message: String, code: Int32? = nil, cannotWrite: Bool = false) {
        self.message = message
        self.code = code
        self.cannotWrite = cannotWrite
    }

    public var description: String { message }
}
