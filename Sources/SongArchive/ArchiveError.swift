/// Why an archive operation was refused. The archive is left as it was.
public struct ArchiveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in one line.
    public var message: String
    /// The SQLite result code, when the database refused.
    public var code: Int32?

    /// An error.
    public init(_ message: String, code: Int32? = nil) {
        self.message = message
        self.code = code
    }

    public var description: String { message }
}
