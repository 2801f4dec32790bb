import ArgumentParser
import Foundation
import SongArchive

/// `--archive PATH`, else `SONGBRIDGE_ARCHIVE`, else ./archive.sqlite.
struct ArchiveOption: ParsableArguments {
    @Option(help: ArgumentHelp("The archive file (default: $SONGBRIDGE_ARCHIVE or ./archive.sqlite).", valueName: "path"))
    var archive: String?

    func open(_ command: String) throws -> TourArchive {
        let path = archive ?? ProcessInfo.processInfo.environment["SONGBRIDGE_ARCHIVE"].flatMap { $0.isEmpty ? nil : $0 } ?? "archive.sqlite"
        return try TourArchive(path: path, source: "songbridge \(command)")
    }
}
