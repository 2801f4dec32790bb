import ArgumentParser
import Foundation
import SongArchive

/// `songbridge session new|list`: the sessions at each stop, which contributions can be filed under.
struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "session", abstract: "Sessions at a tour stop.", subcommands: [New.self, ListSessions.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "new", abstract: "Add a session at a stop; prints its number.")
        @OptionGroup var store: ArchiveOption
        @Option(help: "The stop's id.") var stop: String
        @Option(help: "The date, YYYY-MM-DD.") var date: String?
        @Option(help: "Notes for facilitators (not public).") var notes: String?
        func run() throws {
            let archive = try store.open("session new")
            print(try archive.addSession(stop: stop, date: date, notes: notes))
        }
    }

    struct ListSessions: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Sessions: number, stop, date, contributions captured.")
        @OptionGroup var store: ArchiveOption
        @Option(help: "Only this stop's sessions.") var stop: String?
        func run() throws {
            let archive = try store.open("session list")
            for s in try archive.sessions(stop: stop) {
                print("\(s.id)\t\(s.stop)\t\(s.date ?? "")\t\(s.contributions)")
            }
        }
    }
}
