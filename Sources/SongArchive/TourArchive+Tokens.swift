import Foundation
import SongCore

extension TourArchive {
    /// Makes a facilitator token and returns it; only its SHA-256 hash is kept, so it is shown this once.
    /// 32 random bytes from the system's generator, as 64 hex digits. With `organisation` (a partner's name or
    /// global id), the token is that organisation's: it sees and writes that organisation's private details only.
    public func createToken(label: String, organisation: String? = nil) throws(ArchiveError) -> (id: Int64, token: String) {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        let name = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw ArchiveError("a token needs a label (whose device is it?)", kind: .invalid) }
        if let problem = OneLineText.problem(name, what: "a token's label", maxLength: 100) { throw ArchiveError(problem, kind: .invalid) }
        let owner = try organisation.map { name throws(ArchiveError) in try self.organisation(name).uid }
        let id = try change("token create", detail: name) { db -> Int64 in
            try db.insert("INSERT INTO token (hash, label, createdAt, organisation) VALUES (?, ?, ?, ?)", [SHA256.hex(token), name, TourArchive.now, owner])
        }
        return (id, token)
    }

    /// Revokes a token by its number; it stops working at once.
    public func revokeToken(_ id: Int64) throws(ArchiveError) {
        try change("token revoke", detail: "\(id)") { db in
            guard try db.exists("SELECT 1 FROM token WHERE id = ?", [id]) else { throw ArchiveError("no token \(id)", kind: .notFound) }
            try db.execute("UPDATE token SET revokedAt = COALESCE(revokedAt, ?) WHERE id = ?", [TourArchive.now, id])
        }
    }

    /// Every token made, revoked ones too (without the tokens themselves).
    public func tokens() throws(ArchiveError) -> [FacilitatorToken] {
        try query { db in
            try db.rows("SELECT t.id, t.label, t.createdAt, t.revokedAt, o.name FROM token t LEFT JOIN organisation o ON o.uid = t.organisation ORDER BY t.id").map {
                FacilitatorToken(id: $0[0] ?? 0, label: $0[1] ?? "", createdAt: $0[2] ?? "", revokedAt: $0[3], organisation: $0[4])
            }
        }
    }

    /// Whether `token` is one made here and not revoked.
    public func acceptsToken(_ token: String) throws(ArchiveError) -> Bool {
        try tokenLabel(token) != nil
    }

    /// The label of `token` (whose device it is), if it is one made here and not revoked.
    public func tokenLabel(_ token: String) throws(ArchiveError) -> String? {
        try facilitator(token)?.label
    }

    /// Whose `token` is, if it is one made here and not revoked: its label, and what it may see (its organisation's
    /// private details, or the archive's own).
    public func facilitator(_ token: String) throws(ArchiveError) -> (label: String, viewer: ArchiveViewer)? {
        guard token.count == 64 else { return nil }
        let hash = SHA256.hex(token)
        return try query { db in
            try db.row("SELECT label, organisation FROM token WHERE hash = ? AND revokedAt IS NULL", [hash]).map { row in
                let organisation: String? = row[1]
                return (row[0] ?? "", organisation.map { ArchiveViewer.organisation($0) } ?? .home)
            }
        }
    }
}
