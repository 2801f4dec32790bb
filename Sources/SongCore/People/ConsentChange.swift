/// One dated change to how a person agreed to be credited, as kept on every laptop of a tour and carried by sync.
///
/// Changes form a history rather than a single value, so two laptops that each changed the same person's consent
/// while apart can be joined without losing either change. Each change names the changes it was made knowing
/// (`supersedes`: the latest ones its laptop held). The changes nobody has superseded yet are the *heads*: one
/// when every laptop has seen every change, several after changes made apart.
public struct ConsentChange: Sendable, Hashable, Codable {
    /// The change's global id (random, never reused).
    public var uid: String
    /// The consent given.
    public var consent: Consent
    /// For a child or teen: whether a guardian agreed (nil: unchanged from before).
    public var guardian: Bool?
    /// When it was made, ISO 8601 in UTC (`2026-12-01T09:30:00Z`).
    public var at: String
    /// The changes this one was made knowing, by uid.
    public var supersedes: [String]

    public init(uid: String, consent: Consent, guardian: Bool? = nil, at: String, supersedes: [String] = []) {
        self.uid = uid
        self.consent = consent
        self.guardian = guardian
        self.at = at
        self.supersedes = supersedes
    }

    /// The changes nobody has superseded.
    public static func heads(_ changes: [ConsentChange]) -> [ConsentChange] {
        let superseded = Set(changes.flatMap(\.supersedes))
        return changes.filter { !superseded.contains($0.uid) }
    }

    /// The change that decides a person's consent now.
    ///
    /// A withdrawal wins: if any head is a withdrawal, the person has withdrawn, even where another laptop, not yet
    /// knowing of it, later gave a wider consent. Only a change made *knowing* the withdrawal (one that supersedes
    /// it: the person agreed again, on a laptop that had heard) undoes it. Otherwise the latest head by date decides,
    /// and equal dates fall to the narrower consent, then to the uid, so every laptop decides alike.
    public static func deciding(_ changes: [ConsentChange]) -> ConsentChange? {
        let heads = heads(changes)
        let candidates = heads.contains { $0.consent == .withdrawn } ? heads.filter { $0.consent == .withdrawn } : heads
        return candidates.max { a, b in
            if a.at != b.at { return a.at < b.at }
            if a.consent != b.consent { return a.consent > b.consent }
            return a.uid < b.uid
        }
    }

    /// Whether a guardian agreed, as the history says: the latest change that said so either way.
    public static func guardian(_ changes: [ConsentChange]) -> Bool? {
        changes.filter { $0.guardian != nil }.max { ($0.at, $0.uid) < ($1.at, $1.uid) }?.guardian
    }
}
