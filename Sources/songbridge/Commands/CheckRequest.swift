import ArgumentParser
import Foundation
import SongCore
import SongText

/// One `check` as asked: the files, the tune wanted, and how to print. `Check` (ArgumentParser's reading) and
/// `QuickStart` (the plain spelling, read without it) both run it, so the quick path makes none of ArgumentParser's
/// option wrappers, whose first use costs a scan of every protocol conformance in the program.
struct CheckRequest: Sendable, Equatable {
    var files: [String]
    var tune: Int?
    var json = false
    var noWarnings = false

    /// What `check` keeps of each song it reads: its summary, or the song itself for `--json` (boxed: a thousand
    /// summaries are handed between threads and arrays, and a `Song` held inline made each of them a large copy).
    private enum Checked: Sendable {
        case summary(String)
        indirect case song(Song)
    }

    func run() throws {
        var status: Int32 = 0
        var all: [Song] = []
        for path in files {
            do {
                // Each song is summed up as it is read (a tunebook's tunes on several threads), and one tune that
                // does not read does not stop the others: they are summed up, its errors reported.
                let (json, wanted) = (json, tune)
                let (checked, warnings, tuneErrors) = try SongFile.mapEach(path: path) { song, reference -> Checked? in
                    if let wanted, reference != wanted { return nil }
                    return json ? .song(song) : .summary(Summary.text(SongSummary(song), path: path))
                }
                if tune != nil, SongFile.Format(path: path) == .chordPro { throw SongFile.SelectionError() }
                if let tuneErrors {
                    printError(tuneErrors.description)
                    let errors = tuneErrors.errors.count
                    printError("\(path): \(errors) error\(errors == 1 ? "" : "s") (the tunes with errors are left out; the others are read)")
                    status = status == ExitStatus.cannotOpen ? status : ExitStatus.invalidInput
                }
                let songs = checked.compactMap { $0 }
                if let tune, songs.isEmpty {
                    printError("songbridge: \(path): no tune with X:\(tune)")
                    status = ExitStatus.invalidInput
                    continue
                }
                if !noWarnings, !warnings.isEmpty { printError(Diagnostic.report(warnings)) }
                var summaries: [String] = []
                for item in songs {
                    switch item {
                    case .summary(let text): summaries.append(text)
                    case .song(let song): all.append(song)
                    }
                }
                if !summaries.isEmpty { print(visible(summaries.joined(separator: "\n"))) }
            } catch let e as SongFile.SelectionError {
                printError("songbridge: \(path): --tune: \(e)")
                throw ExitCode(ExitStatus.usage)
            } catch let e as SongFile.OpenError {
                printError("songbridge: \(e)")
                status = max(status, ExitStatus.cannotOpen)
            } catch let e as DiagnosticError {
                printError(e.description)
                let errors = e.errors.count
                printError("\(path): \(errors) error\(errors == 1 ? "" : "s")")
                status = status == ExitStatus.cannotOpen ? status : ExitStatus.invalidInput
            }
        }
        if json {
            print(try JSONOutput.string(all))
        }
        if status != 0 { throw ExitCode(status) }
    }
}
