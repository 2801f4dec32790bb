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
    /// Where the archive is (its file, or its PostgreSQL server and database), when the message names it.
    public var place: String?

    /// An error. A message that names where the archive is gives it as `place` too, so `publicMessage` can leave it out.
    public init(_ message: String, code: Int32? = nil, kind: Kind, place: String? = nil) {
        self.message = message
        self.code = code
        self.kind = kind
        self.place = place
    }

    /// The message for someone who is not at the archive's own machine (an HTTP client): the same, without where
    /// the archive is. A file's path, a database's name, its user and its socket folder tell a tablet on the
    /// room's network nothing it needs, and tell an attacker how the server is laid out.
    public var publicMessage: String {
        guard let place, !place.isEmpty else { return message }
        return message.replacingOccurrences(of: " at \(place)", with: "").replacingOccurrences(of: " \(place)", with: "")
            .replacingOccurrences(of: place, with: "the archive")
    }

    public var description: String { message }
}
