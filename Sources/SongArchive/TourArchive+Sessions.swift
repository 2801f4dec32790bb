import Foundation
import SongCore

extension TourArchive {
    /// Adds a session at a stop.
    @discardableResult
    public func addSession(stop: String, date: String? = nil, notes: String? = nil) throws(ArchiveError) -> Int64 {
        if let date, date.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil { throw ArchiveError("the date '\(date)' is not YYYY-MM-DD", kind: .invalid) }
        return try change("session new", detail: "\(stop) \(date ?? "")") { db -> Int64 in
            guard try TourStop.exists(stop, in: db) else { throw ArchiveError("no stop with id \(stop)", kind: .notFound) }
            let id = try db.insert("INSERT INTO session (stopId, date) VALUES (?, ?)", [stop, date])
            // The notes are the writing organisation's own, kept apart.
            if let notes, !notes.isEmpty {
                try db.execute("INSERT INTO sessionNote (sessionId, organisation, notes) VALUES (?, ?, ?)", [id, db.viewer.writesAs, notes])
            }
            return id
        }
    }

    /// Sessions, at one stop or all, by date, with their notes where the viewer may read them.
    public func sessions(stop: String? = nil) throws(ArchiveError) -> [TourSession] {
        try query { db in
            try db.rows("""
                SELECT s.id, s.stopId, s.date, note.notes, (SELECT COUNT(*) FROM contribution c WHERE c.sessionId = s.id) AS n
                FROM session s LEFT JOIN sessionNote note ON note.sessionId = s.id AND \(db.viewer.sees("note"))
                \(stop == nil ? "" : " WHERE s.stopId = ?") ORDER BY s.date NULLS FIRST, s.id
                """, stop.map { [$0] } ?? []).map { TourSession(id: $0[0] ?? 0, stop: $0[1] ?? "", date: $0[2], notes: $0[3], contributions: $0[4] ?? 0) }
        }
    }

    /// Everyone in the archive, by id (consent as recorded; use `publicCredit` for anything public).
    public func contributors() throws(ArchiveError) -> [Contributor] {
        try query { db in try db.rows("\(Contributor.selection(db)) ORDER BY p.id").map(Contributor.init(sqlRow:)) }
    }
}
