import Arrangement
import ArgumentParser
import Foundation
import SongCore
import SongMIDI
import SongText

/// The song and how to arrange it: shared by `render` and `play`.
struct SongOptions: ParsableArguments {
    @Argument(help: "The song (.cho, .abc or .mid).", completion: .file(extensions: ["cho", "abc", "mid"]))
    var file: String


    @Option(help: ArgumentHelp("In ABC files, the tune with this X: number.", valueName: "X"))
    var tune: Int?


    @Option(help: ArgumentHelp("A SoundFont name (see `songbridge soundfonts`) or path.", valueName: "name|path"))
    var soundfont: String?


    @Option(help: ArgumentHelp("The arrangement style (none, basic, folk, waltz…: see `songbridge styles`).", valueName: "style"))
    var style: String?


    @Option(help: ArgumentHelp("Beats per minute, replacing the song's tempo.", valueName: "bpm"))
    var tempo: Double?


    @Option(name: .customLong("tempo-scale"), help: ArgumentHelp("Multiply the tempo (0.8 is a slower practice render).", valueName: "factor"))
    var tempoScale: Double?


    @Option(parsing: .unconditional, help: ArgumentHelp("Semitones to move the song by.", valueName: "semitones"))
    var transpose: Int?


    @Option(help: ArgumentHelp("A key to move the song to.", valueName: "key"))
    var key: String?


    @Flag(help: "Also write Soft Karaoke text events (for .kar players); name the MIDI file .kar to taste.")
    var kar = false


    @Flag(name: .customLong("count-in"), help: "A bar of clicks before the music.")
    var countIn = false


    @Flag(name: .customLong("latin1"), help: "Encode lyrics as Latin-1 for older karaoke players (UTF-8 otherwise).")
    var latin1 = false


    @Flag(help: "Show FluidSynth's own warnings and errors.")
    var verbose = false

    func validate() throws {
        if tempo != nil && tempoScale != nil { throw ValidationError("give --tempo or --tempo-scale, not both") }
        if transpose != nil && key != nil { throw ValidationError("give --transpose or --key, not both") }
        if let key, Key(key) == nil { throw ValidationError("'\(key)' is not a key; try G, Bb, F#m or Ddor") }
        if let style, StyleLibrary.style(named: style) == nil {
            throw ValidationError("unknown style '\(style)'; the styles are \(StyleLibrary.names.joined(separator: ", "))")
        }
        if let tempo, !(10...400).contains(tempo) { throw ValidationError("--tempo must be between 10 and 400") }
    }

    /// The MIDI to render: a song arranged, or a MIDI file as it is (transposed or re-timed if asked).
    func makeMIDI() throws -> MIDIFile {
        let options = MIDIWriteOptions(encoding: latin1 ? .latin1 : .utf8, karaoke: kar)
        if URL(fileURLWithPath: file).pathExtension.lowercased() == "mid" || URL(fileURLWithPath: file).pathExtension.lowercased() == "kar" {
            guard let data = FileManager.default.contents(atPath: file) else { throw fail("\(file): cannot open: no such file", ExitStatus.cannotOpen) }
            let input: MIDIFile
            do { input = try MIDIFile(bytes: [UInt8](data)) } catch { throw fail("\(file): not a MIDI file we can read: \(error)", ExitStatus.invalidInput) }
            if style == nil {
                return input.transposed(by: transpose ?? 0).retimed(by: tempo.map { $0 / input.startingTempo.quarterNotesPerMinute } ?? tempoScale ?? 1)
            }
            guard let melody = input.importedMelody() else { throw fail("\(file): no melody to arrange (no notes outside the drum channel)", ExitStatus.invalidInput) }
            let song = Song(metadata: SongMetadata(title: stemTitle), blocks: [.section(Section(kind: .verse, label: "Melody", melody: melody))])
            return MIDIFile(performance: try arrange(song), options: options)
        }
        var contents = try readSongFile(file)
        if let tune {
            let picked: SongFile.Contents?
            do { picked = try contents.selecting(tune: tune) } catch { throw fail("\(file): --tune works on ABC files only", ExitStatus.usage) }
            guard let selected = picked else { throw fail("\(file): no tune with X:\(tune)", ExitStatus.invalidInput) }
            contents = selected
        }
        guard let song = contents.songs.first else { throw fail("\(file): no song in the file", ExitStatus.invalidInput) }
        return MIDIFile(performance: try arrange(song), options: options)
    }

    var stemTitle: String { URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent }

    func arrange(_ song: Song) throws -> Performance {
        let options = ArrangementOptions(
            style: style ?? "basic", tempo: tempo, tempoScale: tempoScale ?? 1, transpose: transpose, key: key.flatMap { Key($0) }, countIn: countIn)
        do { return try Arranger.perform(song, options: options) } catch { throw fail("\(file): \(error)", ExitStatus.invalidInput) }
    }

    func fail(_ message: String, _ status: Int32) -> ExitCode {
        printError("songbridge: \(message)")
        return ExitCode(status)
    }
}
