/// Why an archive operation was refused. The archive is left as it was.
public struct ArchiveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of refusal it is, so the server and the CLI can answer it without reading the message.
    /// DESIGN's table gives each kind its HTTP status and exit code; the server and the CLI each apply it in one place.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// What was asked for does not exist.
        case notFound
        /// The input does not read or breaks a rule.
        case invalid
        /// The input is over a limit.
        case tooLarge
        /// It clashes with what is there (a duplicate, a version that moved).
        case conflict
        /// Another program holds the archive; try again.
        case busy
        /// The archive cannot be written.
        case readOnly
        /// A device or program it needs is not there (no sound device, no keyboard).
        case unavailable
        /// Writing failed (disk full, permissions).
        case cannotWrite
    }

    /// What went wrong, in one line.
    public var message: String
    /// The SQLite result code, when the database refused.
    public var code: Int32?
    /// Its kind.
    public var kind: Kind

    /// An error.
    public init(_ message: String, code: Int32? = nil, kind: Kind) {
        self.message = message
        self.code = code
        self.kind = kind
    }

    public var description: String { message }
}
