import Foundation
import GRDB
import SongCore

extension TourArchive {
    /// Makes a facilitator token and returns it; only its SHA-256 hash is kept, so it is shown this once.
    /// 32 random bytes from the system's generator, as 64 hex digits.
    public func createToken(label: String) throws(ArchiveError) -> (id: Int64, token: String) {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        let name = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw ArchiveError("a token needs a label (whose device is it?)", kind: .invalid) }
        if let problem = OneLineText.problem(name, what: "a token's label", maxLength: 100) { throw ArchiveError(problem, kind: .invalid) }
        let id = try write("token create", detail: name) { db -> Int64 in
            try db.execute(sql: "INSERT INTO token (hash, label, createdAt) VALUES (?, ?, ?)", arguments: [SHA256.hex(token), name, TourArchive.now])
            return db.lastInsertedRowID
        }
        return (id, token)
    }

    /// Revokes a token by its number; it stops working at once.
    public func revokeToken(_ id: Int64) throws(ArchiveError) {
        try write("token revoke", detail: "\(id)") { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM token WHERE id = ?", arguments: [id]) == 1 else { throw ArchiveError("no token \(id)", kind: .notFound) }
            try db.execute(sql: "UPDATE token SET revokedAt = COALESCE(revokedAt, ?) WHERE id = ?", arguments: [TourArchive.now, id])
        }
    }

    /// Every token made, revoked ones too (without the tokens themselves).
    public func tokens() throws(ArchiveError) -> [FacilitatorToken] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, label, createdAt, revokedAt FROM token ORDER BY id").map {
                FacilitatorToken(id: $0["id"], label: $0["label"], createdAt: $0["createdAt"], revokedAt: $0["revokedAt"])
            }
        }
    }

    /// Whether `token` is one made here and not revoked.
    public func acceptsToken(_ token: String) throws(ArchiveError) -> Bool {
        try tokenLabel(token) != nil
    }

    /// The label of `token` (whose device it is), if it is one made here and not revoked.
    public func tokenLabel(_ token: String) throws(ArchiveError) -> String? {
        guard token.count == 64 else { return nil }
        let hash = SHA256.hex(token)
        return try read { db in try String.fetchOne(db, sql: "SELECT label FROM token WHERE hash = ? AND revokedAt IS NULL", arguments: [hash]) }
    }
}
