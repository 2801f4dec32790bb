import ArgumentParser
import Foundation
import PostgresArchive
import SongArchive

/// `--archive PATH|URL`, else `SONGBRIDGE_ARCHIVE`, else ./archive.sqlite. A `postgres://` URL opens the central
/// archive on PostgreSQL.
struct ArchiveOption: ParsableArguments {
    @Option(help: ArgumentHelp("The archive: a file, or a postgres:// URL (default: $SONGBRIDGE_ARCHIVE or ./archive.sqlite).", valueName: "path"))
    var archive: String?

    /// The archive named: `--archive`, else `SONGBRIDGE_ARCHIVE`, else ./archive.sqlite.
    var path: String {
        archive ?? ProcessInfo.processInfo.environment["SONGBRIDGE_ARCHIVE"].flatMap { $0.isEmpty ? nil : $0 } ?? "archive.sqlite"
    }

    func open(_ command: String) throws -> TourArchive {
        try TourArchive.open(path, source: "songbridge \(command)")
    }
}
