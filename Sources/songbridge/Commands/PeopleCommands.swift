// People and places: tour stops, sessions at them, contributors and their consent.
import ArgumentParser
import Arrangement
import Foundation
import SongArchive
import SongCore
import SongMIDI
import SongText
import TourExport

struct StopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Tour stops.", subcommands: [Add.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a tour stop; prints its id.")
        @OptionGroup var store: ArchiveOption
        @Option(help: "Town or city.") var place: String
        @Option(help: "The nation.") var nation: TourStop.Nation
        @Option(help: "The kind of venue.") var venue: TourStop.Venue
        @Option(help: "The date, YYYY-MM-DD.") var date: String
        @Option(help: "Partner organisations, comma-separated.") var partners: String?
        @Option(help: "An id for the stop (default: place and date).") var id: String?

        func run() throws {
            guard date.count == 10, date.split(separator: "-").count == 3 else { throw ValidationError("--date must be YYYY-MM-DD") }
            let stopID = id ?? TourStop.id(place: place, date: date)
            let partnerList = partners?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
            let archive = try store.open("stop add")
            print(try archive.add(TourStop(id: stopID, place: place, nation: nation, venue: venue, date: date, partners: partnerList)))
        }
    }
}

struct ContributorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "contributor", abstract: "People.", subcommands: [Add.self, EraseTakes.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a contributor; prints their pseudonymous id.")
        @OptionGroup var store: ArchiveOption
        @Option(help: "Their name (shown only as consent allows).") var name: String?
        @Option(help: "Their generation.") var generation: Generation
        @Option(help: "How they may be credited in anything public.") var consent: Consent = .default
        @Option(help: "Their part in the session.") var role: Role = .participant
        @Flag(name: .customLong("guardian-consent"), help: "A guardian agreed (children and teens).") var guardianConsent = false
        @Option(help: "An id (default: a new random one).") var id: String?

        func run() throws {
            let personID = id ?? Contributor.newID()
            let archive = try store.open("contributor add")
            print(try archive.add(Contributor(id: personID, name: name, generation: generation, role: role, consent: consent, guardianConsent: guardianConsent)))
        }
    }
}

extension ContributorCommand {
    /// A person's voice erased when they ask (withdrawal erases it too): every take they are heard in.
    struct EraseTakes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase-takes",
            abstract: "Erase every recording a person is heard in (a group's take with them in it too); prints how many went.",
            discussion: "The tunes written down from them stay, credited as their consent allows; the recordings are overwritten in the archive file.")
        @OptionGroup var store: ArchiveOption
        @Argument(help: "The contributor's id.") var id: String
        func run() throws {
            let archive = try store.open("contributor erase-takes")
            print(try archive.eraseTakes(by: id))
        }
    }
}

/// `songbridge erase PERSON`: a person's private details erased on their request, everywhere the tour syncs.
struct EraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase a person's private details on their request: their name and every take they are heard in.",
        discussion: """
            Their lines stay in the songs, credited as their consent allows (without a name, by their age group at \
            most; withdraw their consent too to take the lines out of everything public). Versions that recorded the \
            name are written again without it, and the erased bytes are overwritten in the file. A tombstone is kept \
            and syncs, so no other laptop, and no old bundle, brings the details back.
            """)
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The contributor's id.") var id: String
    func run() throws {
        let done = try store.open("erase").erase(id)
        print("erased \(id): name gone, \(done.takes) take\(done.takes == 1 ? "" : "s") erased, \(done.versions) version\(done.versions == 1 ? "" : "s") written again without the name")
    }
}

struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "consent", abstract: "Change how a person is credited (withdrawn removes their work from public output).")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The contributor's id.") var id: String
    @Argument(help: "How they may be credited (withdrawn removes their work from public output).") var level: Consent
    func run() throws {
        let archive = try store.open("consent")
        try archive.setConsent(id, level)
        print(id)
    }
}

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
