import Foundation
import SongArchive

extension TourArchive {
    /// Opens the archive `location` names: a `postgres://` URL (the charity's central archive on PostgreSQL) or
    /// an SQLite file's path (a laptop's archive, the default).
    public static func open(_ location: String, source: String, busyTimeout: TimeInterval = 10) throws(ArchiveError) -> TourArchive {
        if PostgresLocation.isURL(location) {
            return try TourArchive(backend: try PostgresBackend(url: location), source: source)
        }
        return try TourArchive(path: location, source: source, busyTimeout: busyTimeout)
    }
}
