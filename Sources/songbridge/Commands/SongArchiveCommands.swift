// Songs in the archive: a new song, contributions to it, accepting and merging them, and its versions.
import ArgumentParser
import Arrangement
import Foundation
import MusicXMLFiles
import SongArchive
import SongCore
import SongMIDI
import SongText
import TourExport

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
    @Option(help: ArgumentHelp("A melody from notation software (MuseScore, Sibelius, Dorico): MusicXML, .musicxml or compressed .mxl; its first part's tune with its words and chords.", valueName: "score"))
    var musicxml: String?
    @Option(name: .customLong("melody-audio"), help: ArgumentHelp("A take (WAV, FLAC or OGG) of the melody sung, hummed or played: transcribed in the time of the song (of its --section's tune, if it has one), and kept beside the contribution as the singers' personal data.", valueName: "take"))
    var melodyAudio: String?
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
        if let musicxml {
            guard let data = FileManager.default.contents(atPath: musicxml) else {
                printError("songbridge: \(musicxml): cannot open")
                throw ExitCode(ExitStatus.cannotOpen)
            }
            do {
                let score = try MusicXMLReader.read(data, name: musicxml)
                for note in score.notes { printError("songbridge: \(musicxml): \(note)") }
                given.append((.melody, score.abc))
            } catch {
                printError("songbridge: \(error.description)")
                throw ExitCode(ExitStatus.invalidInput)
            }
        }
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                printError("songbridge: \(file): cannot open")
                throw ExitCode(ExitStatus.cannotOpen)
            }
            given.append((file.lowercased().hasSuffix(".abc") ? .melody : .lyrics, text))
        }
        let people = by.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if let melodyAudio {
            guard given.isEmpty else { throw ValidationError("give exactly one of --lyrics, --chords, --melody-abc, --melody-audio, --musicxml, --structure, --idea or --file") }
            let take = try TakeFile.read(melodyAudio)
            let archive = try store.open("contribute")
            let known = try archive.song(song)
            let tune = try take.tune(time: known.tuneTime(forSection: section), upbeat: nil, title: known.metadata.title ?? "Tune")
            let kept = try archive.addTake(song: song, by: people, section: section, format: take.format, audio: take.bytes, seconds: take.transcription.seconds,
                                           transcription: take.transcription.json)
            do {
                print(try archive.contribute(song: song, by: people, kind: .melody, payload: tune.abc, section: section, line: line, session: session, take: kept))
            } catch {
                // Nothing is left behind: the take goes with the contribution that could not be made.
                try? archive.eraseTake(kept)
                throw error
            }
            return
        }
        guard given.count == 1 else { throw ValidationError("give exactly one of --lyrics, --chords, --melody-abc, --melody-audio, --musicxml, --structure, --idea or --file") }
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
            if let joined = report.joined { print("joined \(joined) branches (versions merged apart on other laptops)") }
            for c in report.conflicts { print("conflict: \(c.message)") }
            for (generation, b) in report.balance.sorted(by: { $0.key < $1.key }) { print("balance: \(generation): \(b.lines) lines, \(b.chords) chords, \(b.melodies) melodies") }
        }
        print(version)
        if strict && !report.conflicts.isEmpty { throw ExitCode(ExitStatus.invalidInput) }
    }
}

struct Versions: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "versions", abstract: "A song's versions: each with what it builds on, where it was made, and the song's branches.")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "The song's id.") var song: Int64
    func run() throws {
        let archive = try store.open("versions")
        let graph = try archive.versions(song)
        let here = try archive.syncIdentity().archive
        for v in graph {
            let parents = v.parentNumbers(in: graph)
            let on = parents.isEmpty ? "" : (parents.count == 1 ? "  on \(parents[0])" : "  joins " + parents.map(String.init).joined(separator: " and "))
            let made = v.madeIn == here ? "" : "  made on another laptop (\(v.madeIn.prefix(8)), \(OneLineText.safe(v.madeBy)))"
            print("\(v.number)  \(v.createdAt)\(on)\(made)\(v.holdsWithdrawn ? "  holds withdrawn work" : "")")
        }
        let heads = VersionNode.heads(of: graph)
        if heads.count > 1 {
            print("branches: versions \(heads.map { String($0.number) }.joined(separator: " and ")) were merged apart; the next merge joins them")
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
