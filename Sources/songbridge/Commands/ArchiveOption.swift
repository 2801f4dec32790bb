import ArgumentParser
import Foundation
import PostgresArchive
import SongArchive

/// `--archive PATH|URL`, else `SONGBRIDGE_ARCHIVE`, else ./archive.sqlite. A `postgres://` URL opens the central
/// archive on PostgreSQL.
struct ArchiveOption: ParsableArguments {
    @Option(help: ArgumentHelp("The archive: a file, or a postgres:// URL (default: $SONGBRIDGE_ARCHIVE or ./archive.sqlite).", valueName: "path"))
    var archive: String?

    func open(_ command: String) throws -> TourArchive {
        let path = archive ?? ProcessInfo.processInfo.environment["SONGBRIDGE_ARCHIVE"].flatMap { $0.isEmpty ? nil : $0 } ?? "archive.sqlite"
        return try TourArchive.open(path, source: "songbridge \(command)")
    }
}
