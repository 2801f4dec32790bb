import Foundation
import PostgresArchive
import SongArchive
import SongTesting
import Testing

/// The two engines an archive runs on. Every conformance test runs on both: an SQLite file in a temporary folder,
/// and a new database on the PostgreSQL server that `make test` starts (scripts/with-postgres.sh, which names it
/// in SONGBRIDGE_TEST_POSTGRES).
enum ArchiveEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A new, empty archive on this engine.
    func open(source: String = "conformance test") async throws -> TourArchive {
        try TourArchive.open(try await newLocation(), source: source)
    }

    /// Where a new, empty archive on this engine may be opened (each `TourArchive.open` of it is another program's
    /// handle on the same archive).
    func newLocation() async throws -> String {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return folder.appendingPathComponent("archive.sqlite").path
        case .postgres:
            return try await TestPostgres.newDatabase()
        }
    }
}
