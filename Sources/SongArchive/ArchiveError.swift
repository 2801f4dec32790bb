/// Why an archive operation was refused. The archive is left as it was.
public struct ArchiveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of refusal it is, so the server and the CLI can answer it without reading the message.
    public enum Kind: String, Sendable, Hashable {
        case notFound, invalid, tooLarge, conflict, busy, readOnly, cannotWrite
    }

    /// What went wrong, in one line.
    public var message: String
    /// The SQLite result code, when the database refused.
    public var code: Int32?
    /// Its kind, when known.
    public var kind: Kind?

    /// An error.
    public init(_ message: String, code: Int32? = nil, kind: Kind? = nil) {
        self.message = message
        self.code = code
        self.kind = kind
    }

    public var description: String { message }
}
