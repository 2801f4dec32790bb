/// How a person agreed to be credited in anything public. The default is the most private that still credits: anonymous.
public enum Consent: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Withdrawn: their content leaves public output.
    case withdrawn
    /// Credited by generation only.
    case anonymous
    /// Initials only.
    case initials
    /// First name only.
    case firstName = "first-name"
    /// Full name.
    case fullName = "full-name"

    /// The level used when none is recorded.
    public static let `default` = Consent.anonymous

    private var order: Int { Consent.allCases.firstIndex(of: self)! }
    public static func < (a: Consent, b: Consent) -> Bool { a.order < b.order }
}
