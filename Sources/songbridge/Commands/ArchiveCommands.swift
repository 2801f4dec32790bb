import ArgumentParser
import Arrangement
import Foundation
import SongArchive
import SongCore
import SongMIDI
import SongText
import TourExport

/// `--archive PATH`, else `SONGBRIDGE_ARCHIVE`, else ./archive.sqlite.
struct ArchiveOption: ParsableArguments {
    @Option(help: ArgumentHelp("The archive file (default: $SONGBRIDGE_ARCHIVE or ./archive.sqlite).", valueName: "path"))
    var archive: String?

    func open(_ command: String) throws -> Archive {
        let path = archive ?? ProcessInfo.processInfo.environment["SONGBRIDGE_ARCHIVE"].flatMap { $0.isEmpty ? nil : $0 } ?? "archive.sqlite"
        return try Archive(path: path, source: "songbridge \(command)")
    }
}

struct StopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Tour stops.", subcommands: [Add.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a tour stop; prints its id.")
        @OptionGroup var store: ArchiveOption
        @Option(help: "Town or city.") var place: String
        @Option(help: "england, wales, scotland or northern-ireland.") var nation: String
        @Option(help: "care-home, school, community-hub, hospital or other.") var venue: String
        @Option(help: "The date, YYYY-MM-DD.") var date: String
        @Option(help: "Partner organisations, comma-separated.") var partners: String?
        @Option(help: "An id for the stop (default: place and date).") var id: String?

        func run() throws {
            guard let n = TourStop.Nation(rawValue: nation.lowercased()) else { throw ValidationError("--nation must be one of \(TourStop.Nation.allCases.map(\.rawValue).joined(separator: ", "))") }
            guard let v = TourStop.Venue(rawValue: venue.lowercased()) else { throw ValidationError("--venue must be one of \(TourStop.Venue.allCases.map(\.rawValue).joined(separator: ", "))") }
            guard date.count == 10, date.split(separator: "-").count == 3 else { throw ValidationError("--date must be YYYY-MM-DD") }
            let stopID = id ?? "\(place.lowercased().split(separator: " ").joined(separator: "-"))-\(date)"
            let partnerList = partners?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
            let archive = try store.open("stop add")
            print(try archive.add(TourStop(id: stopID, place: place, nation: n, venue: v, date: date, partners: partnerList)))
        }
    }
}

struct ContributorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "contributor", abstract: "People.", subcommands: [Add.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a contributor; prints their pseudonymous id.")
        @OptionGroup var store: ArchiveOption
        @Option(help: "Their name (shown only as consent allows).") var name: String?
        @Option(help: "child, teen, young-adult, adult, older-adult or unknown.") var generation: String
        @Option(help: "full-name, first-name, initials, anonymous or withdrawn.") var consent: String = Consent.default.rawValue
        @Option(help: "participant, facilitator, musician, volunteer, care-staff or teacher.") var role: String = "participant"
        @Flag(name: .customLong("guardian-consent"), help: "A guardian agreed (children and teens).") var guardianConsent = false
        @Option(help: "An id (default: a new random one).") var id: String?

        func run() throws {
            guard let g = Generation(rawValue: generation) else { throw ValidationError("--generation must be one of \(Generation.allCases.map(\.rawValue).joined(separator: ", "))") }
            guard let c = Consent(rawValue: consent) else { throw ValidationError("--consent must be one of \(Consent.allCases.map(\.rawValue).joined(separator: ", "))") }
            guard let r = Role(rawValue: role) else { throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))") }
            let personID = id ?? "c-" + String(UUID().uuidString.prefix(8)).lowercased()
            let archive = try store.open("contributor add")
            print(try archive.add(Contributor(id: personID, name: name, generation: g, role: r, consent: c, guardianConsent: guardianConsent)))
        }
    }
}

struct SongCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "song", abstract: "Songs.", subcommands: [New.self])
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "new", abstract: "Start a song; prints its id.")
        @OptionGroup var store: ArchiveOption
        @Option(help: "Title.") var title: String
        @Option(help: "The tour stop's id.") var stop: String?
        @Option(help: "Key (G, Em, Ddor).") var key: String?
        @Option(help: "Meter (4/4, 6/8).") var meter: String?

        func run() throws {
            let k = try key.map { guard let k = Key($0) else { throw ValidationError("'\($0)' is not a key") }; return k }
            let m = try meter.map { guard let m = Meter($0) else { throw ValidationError("'\($0)' is not a meter") }; return m }
            let archive = try store.open("song new")
            print(try archive.newSong(title: title, stop: stop, key: k, meter: m))
        }
    }
}

struct Contribute: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "contribute", abstract: "Add a contribution to a song; prints its id.")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The song's id.") var song: Int64
    @Option(help: "Contributor ids, comma-separated.") var by: String
    @Option(help: "Lines of words (ChordPro chords allowed).") var lyrics: String?
    @Option(help: "A chord progression, one chord a bar.") var chords: String?
    @Option(name: .customLong("melody-abc"), help: "A melody in ABC.") var melodyABC: String?
    @Option(help: "The section order, e.g. 'Verse 1, Chorus'.") var structure: String?
    @Option(help: "An idea not yet placed.") var idea: String?
    @Option(help: "A file: .cho words, .abc melody.") var file: String?
    @Option(help: "The section it is for.") var section: String?
    @Option(help: "The line in that section (1-based).") var line: Int?
    @Option(help: "The session it was made in (see session list).") var session: Int64?

    func run() throws {
        var given: [(Contribution.Kind, String)] = []
        if let lyrics { given.append((.lyrics, lyrics)) }
        if let chords { given.append((.chords, chords)) }
        if let melodyABC { given.append((.melody, melodyABC.replacingOccurrences(of: "\\n", with: "\n"))) }
        if let structure { given.append((.structure, structure)) }
        if let idea { given.append((.idea, idea)) }
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                printError("songbridge: \(file): cannot open")
                throw ExitCode(ExitStatus.cannotOpen)
            }
            given.append((file.lowercased().hasSuffix(".abc") ? .melody : .lyrics, text))
        }
        guard given.count == 1 else { throw ValidationError("give exactly one of --lyrics, --chords, --melody-abc, --structure, --idea or --file") }
        let people = by.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let archive = try store.open("contribute")
        print(try archive.contribute(song: song, by: people, kind: given[0].0, payload: given[0].1, section: section, line: line, session: session))
    }
}

struct Accept: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "accept", abstract: "Accept a contribution.")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The contribution's id.") var id: Int64
    func run() throws {
        let archive = try store.open("accept")
        try archive.setStatus(id, .accepted)
        print(id)
    }
}

struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject a contribution.")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The contribution's id.") var id: Int64
    func run() throws {
        let archive = try store.open("reject")
        try archive.setStatus(id, .rejected)
        print(id)
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "Merge a song's accepted contributions into a new version; prints the report, then the version.")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The song's id.") var song: Int64
    @Flag(help: "Exit 65 when the merge reports conflicts.") var strict = false
    @Flag(help: "Print the report as JSON.") var json = false
    @Option(name: .customLong("fit-key"), help: ArgumentHelp("Also say which key fits these singers (generations or NAME=LOW-HIGH, comma-separated).", valueName: "groups")) var fitKey: String?
    func validate() throws {
        for g in (fitKey ?? "").split(separator: ",") where VoiceRange(group: String(g)) == nil { throw ValidationError("'\(g)' is not a group") }
    }
    func run() throws {
        let archive = try store.open("merge")
        let (version, report) = try archive.merge(song: song)
        if let fitKey {
            let groups = fitKey.split(separator: ",").compactMap { VoiceRange(group: String($0)) }
            let merged = try archive.song(song, version: version)
            if let fit = Arranger.keyFit(merged, groups: groups) { print(KeyFitReport.text(fit, groups: groups)) } else { print("no melody yet to fit a key to") }
        }
        if json {
            print(try JSONOutput.string(report))
        } else {
            print("merged \(report.merged.count) contribution\(report.merged.count == 1 ? "" : "s"); left out \(report.excluded.count) (withdrawn); \(report.ideas.count) idea\(report.ideas.count == 1 ? "" : "s") to place")
            for c in report.conflicts { print("conflict: \(c.message)") }
            for (generation, b) in report.balance.sorted(by: { $0.key < $1.key }) { print("balance: \(generation): \(b.lines) lines, \(b.chords) chords, \(b.melodies) melodies") }
        }
        print(version)
        if strict && !report.conflicts.isEmpty { throw ExitCode(ExitStatus.invalidInput) }
    }
}

struct Versions: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "versions", abstract: "A song's versions.")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The song's id.") var song: Int64
    func run() throws {
        let archive = try store.open("versions")
        for v in try archive.versions(song) {
            print("\(v.number)  \(v.createdAt)\(v.holdsWithdrawn ? "  holds withdrawn work" : "")")
        }
    }
}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "What changed between two versions, and whose it was.")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The song's id.") var song: Int64
    @Argument(help: "The older version.") var from: Int
    @Argument(help: "The newer version.") var to: Int
    func run() throws {
        let archive = try store.open("diff")
        let a = try archive.song(song, version: from)
        let b = try archive.song(song, version: to)
        let diff = SongDiff(from: a, to: b)
        if diff.changes.isEmpty { print("no changes") }
        for change in diff.changes { print(change) }
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a song's version as ChordPro.")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The song's id.") var song: Int64
    @Option(help: "The version (default: the newest).") var version: Int?
    @Flag(help: "Apply consent, as public output does.") var `public` = false
    func run() throws {
        let archive = try store.open("show")
        var s = try archive.song(song, version: version)
        if `public` { s = try archive.publicSong(s) }
        print(ChordProWriter.write(s), terminator: "")
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List songs, by stop, nation, generation, year, style or theme.")
    @OptionGroup var store: ArchiveOption
    @Option var stop: String?
    @Option var nation: String?
    @Option var generation: String?
    @Option var year: String?
    @Option(help: "The style a song is arranged in (folk, waltz…).") var style: String?
    @Option(help: "A theme (seaside, home…).") var theme: String?
    @Flag(help: "Print JSON.") var json = false
    func run() throws {
        let archive = try store.open("list")
        let songs = try archive.list(stop: stop, nation: nation, generation: generation, year: year, style: style, theme: theme)
        try printSongs(songs, json: json)
    }
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Search titles, words, places and themes (accents ignored).")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "What to look for.") var text: [String]
    @Flag(help: "Print JSON.") var json = false
    func run() throws {
        let archive = try store.open("search")
        let songs = try archive.search(text.joined(separator: " "))
        try printSongs(songs, json: json)
    }
}

func printSongs(_ songs: [ArchivedSong], json: Bool) throws {
    if json { print(try JSONOutput.string(songs)); return }
    for s in songs {
        let place = [s.place, s.date].compactMap { $0 }.joined(separator: ", ")
        print("\(s.id)  \(s.title)\(place.isEmpty ? "" : "  (\(place))")  v\(s.latestVersion)")
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import song files or folders of them (.cho, .abc); prints each new song's id.")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "Files or folders.") var paths: [String]
    func run() throws {
        let archive = try store.open("import")
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                printError("songbridge: \(path): cannot open: no such file")
                throw ExitCode(ExitStatus.cannotOpen)
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { SongFile.Format(path: $0) != nil || $0.lowercased().hasSuffix(".mid") }.sorted().map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        // Each id is printed (and flushed) only once its song is committed: an id on screen is a song kept.
        for file in files {
            for song in try songs(in: file) {
                print(try archive.importSong(song))
                fflush(nil)
            }
        }
    }
}

/// The songs in a file: ChordPro and ABC read as they are, a MIDI file's melody (with its words) as a song
/// titled by the file's name.
func songs(in file: String) throws -> [Song] {
    guard file.lowercased().hasSuffix(".mid") else { return try readSongFile(file).songs }
    guard let data = FileManager.default.contents(atPath: file) else {
        printError("songbridge: \(file): cannot open")
        throw ExitCode(ExitStatus.cannotOpen)
    }
    let midi: MIDIFile
    do { midi = try MIDIFile(bytes: [UInt8](data)) } catch {
        printError("songbridge: \(file): not a MIDI file we can read: \(error)")
        throw ExitCode(ExitStatus.invalidInput)
    }
    guard let melody = midi.importedMelody() else {
        printError("songbridge: \(file): no melody in it (no notes outside the drum channel)")
        throw ExitCode(ExitStatus.invalidInput)
    }
    var metadata = SongMetadata(title: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
    metadata.key = melody.key
    metadata.meter = melody.meter
    metadata.tempo = melody.tempo
    return [Song(metadata: metadata, blocks: [.section(Section(kind: .verse, label: "Melody", melody: melody))])]
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", 
        abstract: "Export songs as ChordPro files (--to), or as one ZIP file for archivists (--zip).",
        discussion: """
            A ZIP file holds each song as ChordPro, ABC (where it has a tune) and MIDI, a folder a stop, an index.csv \
            and a README; it is always as the public may see it (people credited as their consent allows today).
            """
    )
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The song's id (or --all).") var song: Int64?
    @Flag(help: "Every song (narrowed by --nation, --stop or --year).") var all = false
    @Option(help: "With --all: only this nation's songs.") var nation: String?
    @Option(help: "With --all: only this stop's songs.") var stop: String?
    @Option(help: "With --all: only this year's songs.") var year: String?
    @Option(help: "The folder to write ChordPro files into.") var to: String?
    @Option(help: "The ZIP file to write.") var zip: String?
    @Flag(name: .customLong("public"), help: "For the public: people only as their consent allows, withdrawn work left out (a ZIP always is).") var publicOnly = false
    func validate() throws {
        if (song == nil) == !all { throw ValidationError("give a song id or --all") }
        if song != nil, nation != nil || stop != nil || year != nil { throw ValidationError("--nation, --stop and --year narrow --all, not one song") }
        if (to == nil) == (zip == nil) { throw ValidationError("give --to FOLDER for ChordPro files or --zip FILE for one ZIP file") }
    }
    func run() throws {
        let archive = try store.open("export")
        if let zip {
            let listed = try archive.list(stop: stop, nation: nation, year: year)
            let songs = song.map { id in listed.filter { $0.id == id } } ?? listed
            if let id = song, songs.isEmpty { throw ValidationError("no song \(id)") }
            let chosen = [("nation", nation), ("stop", stop), ("year", year)].compactMap { name, value in value.map { "\(name) \($0)" } }
            let about = song != nil ? "one song" : chosen.isEmpty ? "every song of the tour" : "the songs chosen by " + chosen.joined(separator: ", ")
            let name = URL(fileURLWithPath: zip).deletingPathExtension().lastPathComponent
            let data = try TourZip(name: name, chosen: about).make(songs, from: archive)
            try AtomicFile.write(data, to: zip)
            print("\(zip): \(songs.count) song\(songs.count == 1 ? "" : "s")")
            return
        }
        guard let to else { return }
        try? FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: true)
        let ids = try song.map { [$0] } ?? archive.list(stop: stop, nation: nation, year: year).map(\.id)
        for id in ids {
            let url = try archive.export(song: id, to: URL(fileURLWithPath: to), publicOnly: publicOnly)
            print(url.path)
        }
    }
}

struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "consent", abstract: "Change how a person is credited (withdrawn removes their work from public output).")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The contributor's id.") var id: String
    @Argument(help: "full-name, first-name, initials, anonymous or withdrawn.") var level: String
    func run() throws {
        guard let c = Consent(rawValue: level) else { throw ValidationError("the level must be one of \(Consent.allCases.map(\.rawValue).joined(separator: ", "))") }
        let archive = try store.open("consent")
        try archive.setConsent(id, c)
        print(id)
    }
}

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Copy the archive with SQLite's online backup (safe while others write).")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The new file.") var path: String
    func run() throws {
        let archive = try store.open("backup")
        try archive.backup(to: path)
        print(path)
    }
}
