import ArgumentParser
import Foundation
import SongArchive
import SongCore
import Songbook

/// `songbridge songbook`: the chosen songs as a PDF songbook (large print, words only, or for musicians).
struct SongbookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "songbook",
        abstract: "Print the chosen songs as a PDF songbook: contents, one song a page, indexes.",
        discussion: """
            Choose the songs with --stop, --nation, --year, --search or --all. Every song is printed as the public may \
            see it today: people credited as their consent allows, withdrawn lines left out. The large-print profile \
            follows RNIB's Clear Print guidance (words 18 pt bold, 1.5 line spacing, chords only with --chords); \
            words-only is a compact sheet; musician draws each tune as notation with its chords. Headless Chromium \
            prints the book (make setup installs it); --html writes the book as a web page instead.
            """
    )
    @OptionGroup var store: ArchiveOption
    @Option(help: "Only this stop's songs (its id).") var stop: String?
    @Option(help: "Only this nation's songs: england, wales, scotland or northern-ireland.") var nation: String?
    @Option(help: "Only this year's songs.") var year: String?
    @Option(help: "The songs a word search finds.") var search: String?
    @Flag(help: "Every song of the tour.") var all = false
    @Option(help: "large-print, words-only or musician.") var profile: String = SongbookProfile.largePrint.rawValue
    @Flag(help: "With large-print: chords over the words.") var chords = false
    @Option(help: "The title on the title page.") var title: String = "Songbridge songbook"
    @Option(name: .customLong("public-url"), help: "The archive server's public address: each song names its page there.") var publicURL: String?
    @Option(name: .shortAndLong, help: "The PDF to write.") var output: String?
    @Option(help: "Write the book as one HTML page instead (print it from a browser).") var html: String?

    func validate() throws {
        let chosen = [stop, nation, year, search].compactMap { $0 }.count
        if all && chosen > 0 { throw ValidationError("--all is every song; leave out --stop, --nation, --year and --search") }
        if !all && chosen == 0 { throw ValidationError("choose the songs: --stop, --nation, --year, --search or --all") }
        if (output == nil) == (html == nil) { throw ValidationError("give -o BOOK.pdf, or --html BOOK.html") }
        guard SongbookProfile(rawValue: profile) != nil else {
            throw ValidationError("--profile is one of \(SongbookProfile.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let nation, TourStop.Nation(rawValue: nation) == nil { throw ValidationError("--nation is one of england, wales, scotland, northern-ireland") }
        if let publicURL, URL(string: publicURL)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            throw ValidationError("--public-url is an http:// or https:// address")
        }
    }

    func run() async throws {
        let archive = try store.open("songbook")
        let selection = SongbookSelection(stop: stop, nation: nation, year: year, search: search)
        let songs: [(id: Int64, song: Song)]
        do { songs = try selection.songs(in: archive) } catch let problem as SongbookSelection.Problem {
            printError("songbridge: songbook: \(problem)")
            throw ExitCode(ExitStatus.cannotOpen)
        }
        let options = SongbookOptions(title: title, subtitle: selection.description(in: archive), profile: SongbookProfile(rawValue: profile)!,
                                      chords: chords, publicAddress: publicURL.flatMap(URL.init(string:)))
        let book = Songbook()
        if let html {
            let (page, problems) = await book.html(songs, options: options)
            for problem in problems { printError("songbridge: songbook: \(problem)") }
            try AtomicFile.write(Data(page.utf8), to: html)
            print("\(html): \(songs.count) song\(songs.count == 1 ? "" : "s")")
            return
        }
        guard let output else { return }
        let made: Songbook.Made
        do { made = try await book.make(songs, options: options) } catch {
            printError("songbridge: songbook: \(error)")
            throw ExitCode(ExitStatus.unavailable)
        }
        for problem in made.problems { printError("songbridge: songbook: \(problem)") }
        try AtomicFile.write(made.pdf, to: output)
        print("\(output): \(songs.count) song\(songs.count == 1 ? "" : "s"), \(options.profile.rawValue)")
    }
}
