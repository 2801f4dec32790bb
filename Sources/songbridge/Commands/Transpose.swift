import ArgumentParser
import Foundation
import SongCore
import SongText

/// `songbridge transpose FILE (--to KEY | --by N) [-o OUT]`.
struct Transpose: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "transpose", 
        abstract: "Transpose a song to another key, spelling notes and chords the way the new key does.",
        discussion: """
            Writes the song in the same format (ChordPro or ABC) to OUT, or to standard output. \
            Sharp keys get sharps and flat keys get flats: --by 1 from C gives Db, --by 1 from G gives Ab, --to A from F gives A.
            """
    )

    @Argument(help: "The song file (.cho or .abc).", completion: .file(extensions: ["cho", "abc"]))
    var file: String

    @Option(help: "The key to move to (e.g. G, Bb, F#m, Ddor).")
    var to: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Semitones to move by (negative moves down, e.g. --by -2).", valueName: "semitones"))
    var by: Int?

    @Option(help: ArgumentHelp("In ABC files, only the tune with this X: number.", valueName: "X"))
    var tune: Int?

    @Option(name: .shortAndLong, help: "Write here instead of standard output.")
    var output: String?

    func validate() throws {
        guard (to == nil) != (by == nil) else { throw ValidationError("give exactly one of --to KEY or --by SEMITONES") }
        if let to, Key(to) == nil { throw ValidationError("'\(to)' is not a key; try G, Bb, F#m or Ddor") }
        if let by, abs(by) > 24 { throw ValidationError("--by must be between -24 and 24 semitones") }
    }

    func run() throws {
        var contents = try readSongFile(file)
        if let tune {
            let picked: SongFile.Contents?
            do { picked = try contents.selecting(tune: tune) } catch {
                printError("songbridge: \(file): --tune: \(error)")
                throw ExitCode(ExitStatus.usage)
            }
            guard let selected = picked else {
                printError("songbridge: \(file): no tune with X:\(tune)")
                throw ExitCode(ExitStatus.invalidInput)
            }
            contents = selected
        }
        func transposition(for key: Key?) throws -> Transposition {
            if let by { return Transposition(semitones: by, from: key) }
            guard let key else {
                printError("songbridge: \(file) has no key to transpose from; use --by SEMITONES")
                throw ExitCode(ExitStatus.invalidInput)
            }
            return Transposition(from: key, to: Key(to!)!)
        }
        let text: String
        switch contents.format {
        case .chordPro:
            let songs = try contents.songs.map { try transposition(for: $0.metadata.key ?? $0.sections.first?.melody?.key).apply($0) }
            text = ChordProWriter.write(songs)
        case .abc:
            var book = contents.tuneBook!
            book.tunes = try book.tunes.map { tune in
                var t = tune
                t.melody = try transposition(for: tune.melody.key).apply(tune.melody)
                return t
            }
            text = ABCWriter.write(book)
        }
        if let output {
            do { try AtomicFile.write(Data(text.utf8), to: output) } catch {
                printError("songbridge: cannot write \(output): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.cannotWrite)
            }
        } else {
            print(text, terminator: "")
        }
    }
}
