import GRDB
import SongCore

/// A tour stop as a row of the `stop` table: the one mapping, both ways (partners are kept as one comma-separated
/// text; an unknown nation or venue, from a file edited by hand, reads as England or "other").
extension TourStop: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "stop" }

    public init(row: Row) throws {
        self.init(id: row["id"], place: row["place"], nation: Nation(rawValue: row["nation"]) ?? .england,
                  venue: Venue(rawValue: row["venue"]) ?? .other, date: row["date"],
                  partners: (row["partners"] as String? ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["place"] = place
        container["nation"] = nation.rawValue
        container["venue"] = venue.rawValue
        container["date"] = date
        container["partners"] = partners.joined(separator: ", ")
    }
}
