/// Why a contribution's payload cannot be read into song parts: it does not read, or it is over a limit.
public struct ContributionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in words a facilitator can act on.
    public var message: String
    /// Whether it is refused for being over a limit (too long, too many repeats) rather than for not reading.
    public var isTooLarge: Bool

    /// An error.
    public init(_ message: String, isTooLarge: Bool = false) {
        self.message = message
        self.isTooLarge = isTooLarge
    }

    public var description: String { message }
}
