/// An age band, as the tour records it.
public enum Generation: String, Sendable, Hashable, Codable, CaseIterable {
    /// 5–11.
    case child
    /// 12–17.
    case teen
    /// 18–25.
    case youngAdult = "young-adult"
    /// 26–64.
    case adult
    /// 65 and over.
    case olderAdult = "older-adult"
    /// Not recorded.
    case unknown

    /// Whether a guardian's consent is needed before this person is named.
    public var isMinor: Bool { self == .child || self == .teen }

    /// How an anonymous contributor of this generation is credited ("a child", "an older adult").
    public var anonymousCredit: String {
        switch self {
        case .child: "a child"
        case .teen: "a teenager"
        case .youngAdult: "a young adult"
        case .adult: "an adult"
        case .olderAdult: "an older adult"
        case .unknown: "a participant"
        }
    }
}
