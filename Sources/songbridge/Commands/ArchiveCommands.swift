// The archive as a whole: listing, searching, importing, exporting and backing it up.
import ArgumentParser
import Arrangement
import Foundation
import MelodicSearch
import SongArchive
import SongCore
import SongMIDI
import SongText
import TourExport
import Transcription

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
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search titles, words, places and themes (accents ignored), or by tune.",
        discussion: """
            By tune: --tune "GABc dBAG" (ABC; header lines such as K:G may come first), or --tune-file with a take \
            (WAV, FLAC, OGG: sung, hummed, whistled or played) or a MIDI file. At least 6 notes; key and speed do \
            not matter. Every version of the tour's songs is searched, and the reference tunebooks.
            """)
    @OptionGroup var store: ArchiveOption
    @Argument(help: "What to look for.") var text: [String] = []
    @Option(help: ArgumentHelp("A tune to look for, in ABC.", valueName: "abc")) var tune: String?
    @Option(help: ArgumentHelp("A take (.wav, .flac, .ogg) or MIDI file (.mid) to look for.", valueName: "file")) var tuneFile: String?
    @Option(help: "How many hits to show (1–50).") var limit = 10
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        guard [!text.isEmpty, tune != nil, tuneFile != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give words to look for, or --tune, or --tune-file (one of them)")
        }
        guard (1...50).contains(limit) else { throw ValidationError("--limit must be between 1 and 50") }
    }

    func run() throws {
        let archive = try store.open("search")
        guard tune != nil || tuneFile != nil else {
            try printSongs(try archive.search(text.joined(separator: " "), limit: limit), json: json)
            return
        }
        let query = try queryShape()
        guard query.noteCount >= SongLimits.tuneQueryMinimumNotes else {
            throw fail("a tune search needs at least \(SongLimits.tuneQueryMinimumNotes) notes; \(tune != nil ? "the tune" : tuneFile ?? "") has \(query.noteCount)", ExitStatus.invalidInput)
        }
        let hits = try archive.tuneSearch(query, limit: limit)
        if json { print(try JSONOutput.string(hits)); return }
        if hits.isEmpty { print("no tune like it"); return }
        for hit in hits { print(TuneMatchLine.text(hit)) }
        if hits.isClose { print("(the best are about as like it as each other: a few more notes would tell them apart)") }
    }

    /// The query's notes from --tune or --tune-file.
    func queryShape() throws -> TuneShape {
        if let tune {
            do { return try TuneQuery.shape(abc: tune, name: "--tune") } catch {
                printError(error.description)
                throw ExitCode(ExitStatus.invalidInput)
            }
        }
        let path = tuneFile ?? ""
        if path.lowercased().hasSuffix(".mid") || path.lowercased().hasSuffix(".midi") {
            guard let data = FileManager.default.contents(atPath: path) else { throw fail("\(path): cannot open", ExitStatus.cannotOpen) }
            guard data.count <= SongLimits.songTextBytes else { throw fail("\(path): larger than \(SongLimits.songTextBytes >> 20) MB; not a tune to search with", ExitStatus.invalidInput) }
            let midi: MIDIFile
            do { midi = try MIDIFile(bytes: [UInt8](data)) } catch { throw fail("\(path): not a MIDI file we can read: \(error)", ExitStatus.invalidInput) }
            guard let shape = TuneQuery.shape(midi: midi) else { throw fail("\(path): the MIDI file has no notes", ExitStatus.invalidInput) }
            return shape
        }
        return TuneQuery.shape(try TakeFile.read(path).transcription)
    }
}

/// One line for a tune found: how like, where it is, which bars.
enum TuneMatchLine {
    static func text(_ hit: TuneMatch) -> String {
        let percent = String(format: "%3d%%", Int((hit.similarity * 100).rounded()))
        let bars = hit.firstBar == hit.lastBar ? "bar \(hit.firstBar)" : "bars \(hit.firstBar)–\(hit.lastBar)"
        switch hit.kind {
        case .song:
            let place = [hit.song?.place, hit.song?.date].compactMap { $0 }.joined(separator: ", ")
            return "\(percent)  song \(hit.song?.id ?? 0)  \(hit.title)  v\(hit.version ?? 0) \(hit.section ?? "")  \(bars)\(place.isEmpty ? "" : "  (\(place))")"
        case .reference:
            return "\(percent)  \(hit.collection ?? "reference")\(hit.number.map { " X:\($0)" } ?? "")  \(hit.title)  \(bars)"
        }
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
    guard let song = midi.importedSong(title: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent) else {
        printError("songbridge: \(file): no melody in it (no notes outside the drum channel)")
        throw ExitCode(ExitStatus.invalidInput)
    }
    return [song]
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
