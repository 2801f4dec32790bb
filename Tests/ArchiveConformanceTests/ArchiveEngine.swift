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
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try TourArchive.open(folder.appendingPathComponent("archive.sqlite").path, source: source)
        case .postgres:
            return try TourArchive.open(try await TestPostgres.newDatabase(), source: source)
        }
    }
}
