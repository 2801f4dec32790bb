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

    /// What was asked, apart from how it was parsed: what the command runs, and what `QuickStart` reads directly.
    var request: CheckRequest { CheckRequest(files: files, tune: tune, json: json, noWarnings: noWarnings) }

    func run() throws { try request.run() }
}
