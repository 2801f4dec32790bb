import Foundation
import GRDB
import SongCore

extension TourArchive {
    /// Adds a session at a stop.
    @discardableResult
    public func addSession(stop: String, date: String? = nil, notes: String? = nil) throws(ArchiveError) -> Int64 {
        if let date, date.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil { throw ArchiveError("the date '\(date)' is not YYYY-MM-DD", kind: .invalid) }
        return try write("session new", detail: "\(stop) \(date ?? "")") { db -> Int64 in
            guard try TourStop.exists(db, key: stop) else { throw ArchiveError("no stop with id \(stop)", kind: .notFound) }
            try db.execute(sql: "INSERT INTO session (stopId, date, notes) VALUES (?, ?, ?)", arguments: [stop, date, notes])
            return db.lastInsertedRowID
        }
    }

    /// Sessions, at one stop or all, by date.
    public func sessions(stop: String? = nil) throws(ArchiveError) -> [TourSession] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, s.stopId, s.date, s.notes, (SELECT COUNT(*) FROM contribution c WHERE c.sessionId = s.id) AS n
                FROM session s WHERE ?1 IS NULL OR s.stopId = ?1 ORDER BY s.date, s.id
                """, arguments: [stop]).map { TourSession(id: $0["id"], stop: $0["stopId"], date: $0["date"], notes: $0["notes"], contributions: $0["n"]) }
        }
    }

    /// Everyone in the archive, by id (consent as recorded; use `publicCredit` for anything public).
    public func contributors() throws(ArchiveError) -> [Contributor] {
        try read { db in try Contributor.order(Column("id")).fetchAll(db) }
    }
}
