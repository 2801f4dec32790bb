/// A facilitator token as the archive lists it: never the token itself, which is stored only as a SHA-256 hash.
public struct FacilitatorToken: Sendable, Hashable, Codable {
    /// Its number, for revoking it.
    public var id: Int64
    /// Whose or which device's it is ("Sam's tablet").
    public var label: String
    /// When it was made (ISO 8601 UTC).
    public var createdAt: String
    /// When it was revoked, if it was.
    public var revokedAt: String?
    /// The partner organisation it belongs to, by name (nil: the archive's own).
    public var organisation: String?
}
