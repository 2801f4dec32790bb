import ArgumentParser
import Foundation
import SongCore
import SongText

/// `songbridge check FILE…`: reads song files and prints a summary of each song, or the diagnostics.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", 
        abstract: "Check song files and summarise each song.",
        discussion: """
            Reads ChordPro (.cho) and ABC (.abc) files. For each song prints its title, key, meter and tempo, \
            then each section's bars, chords and sung syllables against notes. Problems are shown as \
            file:line:column with the line and a caret.
            Exit status: 0 all valid, 65 invalid input, 66 a file that cannot be opened.
            """
    )

    @Argument(help: "Song files to check (.cho or .abc).", completion: .file(extensions: ["cho", "abc"]))
    var files: [String]

    @Option(help: ArgumentHelp("In ABC files, only the tune with this X: number.", valueName: "X"))
    var tune: Int?

    @Flag(help: "Print the parsed songs as JSON (stable key order) instead of a summary.")
    var json = false

    @Flag(name: .customLong("no-warnings"), help: "Do not print warnings.")
    var noWarnings = false

    /// What `check` keeps of each song it reads: its summary, or the song itself for `--json`.
    private enum Checked: Sendable {
        case summary(String)
        case song(Song)
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
                if !summaries.isEmpty { print(summaries.joined(separator: "\n")) }
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
