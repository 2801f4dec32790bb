import SongCore

/// A tour stop as a row of the `stop` table: the one mapping, both ways, on either engine (partners are kept as one
/// comma-separated text; an unknown nation or venue, from a file edited by hand, reads as England or "other").
extension TourStop {
    /// The columns `init(sqlRow:)` reads, in order.
    static let columns = "id, place, nation, venue, date, partners"

    /// A stop from a row of `SELECT \(TourStop.columns) FROM stop` on either engine.
    init(sqlRow row: SQLRow) {
        self.init(id: row[0] ?? "", place: row[1] ?? "", nation: Nation(rawValue: row[2] ?? "") ?? .england,
                  venue: Venue(rawValue: row[3] ?? "") ?? .other, date: row[4],
                  partners: (row[5] as String? ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// Writes the stop as a new row.
    func insert(into db: any SQLSession) throws {
        try db.execute("INSERT INTO stop (\(TourStop.columns)) VALUES (?, ?, ?, ?, ?, ?)",
                       [id, place, nation.rawValue, venue.rawValue, date, partners.joined(separator: ", ")])
    }

    static func exists(_ id: String, in db: any SQLSession) throws -> Bool {
        try db.exists("SELECT 1 FROM stop WHERE id = ?", [id])
    }
}
