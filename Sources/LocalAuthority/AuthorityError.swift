/// Why the authority could not be made, read or used: one line for the CLI.
public struct AuthorityError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
