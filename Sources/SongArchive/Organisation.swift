/// A partner organisation of the charity: its facilitators' tokens see its own private details (people's names,
/// session notes) and no other organisation's.
public struct Organisation: Sendable, Hashable, Codable {
    /// Its global id (32 hex digits), the same on every archive it syncs with.
    public var uid: String
    /// Its name, unique in the archive ("Portrush Community Choir").
    public var name: String
    /// When it was added (ISO 8601 UTC).
    public var createdAt: String
}
