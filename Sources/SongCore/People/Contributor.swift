/// A person who contributed to a song, known by a stable pseudonymous id.
public struct Contributor: Sendable, Hashable, Codable, Identifiable {
    /// Stable pseudonymous id, e.g. `c-7f3a`.
    public var id: String
    /// Their name as they gave it; only shown as consent allows.
    public var name: String?
    /// Their age band.
    public var generation: Generation
    /// What they do.
    public var role: Role
    /// How they agreed to be credited.
    public var consent: Consent
    /// For a child or teen: whether a guardian agreed to the consent level.
    public var guardianConsent: Bool

    /// A contributor; consent defaults to anonymous.
    public init(
        id: String, name: String? = nil, generation: Generation = .unknown, role: Role = .participant,
        consent: Consent = .default, guardianConsent: Bool = false
    ) {
        self.id = id
        self.name = name
        self.generation = generation
        self.role = role
        self.consent = consent
        self.guardianConsent = guardianConsent
    }

    /// The consent that applies in public: a child or teen without a guardian's consent is anonymous at most, and
    /// so is someone whose age group was never recorded (they may be a child).
    public var effectiveConsent: Consent {
        if (generation.isMinor || generation == .unknown) && !guardianConsent { return min(consent, .anonymous) }
        return consent
    }

    /// Contributor ids are letters, digits, `-`, `_` and `.`, so they read the same in every directive.
    public static func isValidID(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }

    /// A new random id (`c-` and 8 hex digits), the one rule for making them: random, so an id says nothing of
    /// when or in what order someone joined.
    public static func newID() -> String {
        let digits = String(UInt32.random(in: .min ... .max), radix: 16)
        return "c-" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// How this person is credited in public output; nil when consent is withdrawn.
    public var publicCredit: String? {
        effectiveConsent == .withdrawn ? nil : shownName ?? generation.anonymousCredit
    }

    /// As much of the name as consent lets anyone see (the full name, the first name or the initials); nil when
    /// it allows none, or there is no name. Showing it again under the same consent gives it unchanged, so it can
    /// stand in for the name where the name itself may not be read.
    public var shownName: String? {
        let words = (name ?? "").split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return nil }
        switch effectiveConsent {
        case .withdrawn, .anonymous: return nil
        case .initials: return words.compactMap { $0.first.map { "\($0)." } }.joined(separator: " ")
        case .firstName: return String(words[0])
        case .fullName: return words.joined(separator: " ")
        }
    }
}
