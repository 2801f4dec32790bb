import Foundation
import Logging
import NIOPosix
import PostgresNIO
import SongArchive
import Testing
@testable import PostgresArchive

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
            return try TourArchive(path: folder.appendingPathComponent("archive.sqlite").path, source: source)
        case .postgres:
            return try TourArchive(backend: try PostgresBackend(url: try await ArchiveEngine.newDatabase()), source: source)
        }
    }

    /// The test server's URL (make test, or scripts/with-postgres.sh, sets it).
    static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["SONGBRIDGE_TEST_POSTGRES"], !url.isEmpty else {
            throw ArchiveError("SONGBRIDGE_TEST_POSTGRES is not set: run the tests with make test, or through scripts/with-postgres.sh", kind: .unavailable)
        }
        return url
    }

    /// Makes a new database on the test server and returns its URL.
    static func newDatabase() async throws -> String {
        let url = try serverURL()
        let place = try PostgresLocation(url: url)
        let name = "archive_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let connection = try await PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: try place.configuration(),
                                                              id: 1, logger: Logger(label: "conformance"))
        _ = try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: Logger(label: "conformance"))
        try await connection.close()
        var components = URLComponents(string: url)
        components?.path = "/" + name
        return components?.string ?? url
    }
}
