import ArgumentParser
import Arrangement
import Foundation
import SongCore
import SongText

/// `songbridge harmonise FILE`: chords for melodies that have none.
struct Harmonise: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "harmonise", abstract: "Suggest chords for melodies that have none (diatonic, from the strong beats, with a cadence).")
    @Argument(help: "A song file (.cho or .abc).") var file: String
    @Flag(name: .customLong("half-bars"), help: "Change chord at the half bar (4/4, 2/4, 6/8) as readily as at a bar line (a slow song, whose half bar lasts 1.2 s or more, does anyway).") var halfBars = false
    @Option(name: .shortAndLong, help: "Write here instead of standard output.") var output: String?

    func run() throws {
        let contents = try readSongFile(file)
        let text: String
        switch contents.format {
        case .abc:
            var book = contents.tuneBook!
            book.tunes = book.tunes.map { var t = $0; if t.melody.chordSymbols.isEmpty { t.melody = Harmoniser.harmonise(t.melody, halfBars: halfBars) }; return t }
            text = ABCWriter.write(book)
        case .chordPro:
            let songs = contents.songs.map { song -> Song in
                var s = song
                s.blocks = song.blocks.map { block in
                    guard case .section(var section) = block, let melody = section.melody, melody.chordSymbols.isEmpty else { return block }
                    section.melody = Harmoniser.harmonise(melody, halfBars: halfBars)
                    return .section(section)
                }
                return s
            }
            text = ChordProWriter.write(songs)
        }
        try writeOut(text, to: output)
    }
}

/// `songbridge simplify FILE`: easier chords for beginners.
struct Simplify: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simplify", abstract: "Simplify chords for beginners: triads only, three chords, or a capo for easy shapes.")
    @Argument(help: "A song file (.cho or .abc).") var file: String
    @Flag(help: "Triads only: drop sevenths, extensions and alterations.") var triads = false
    @Flag(name: .customLong("three-chords"), help: "Only the key's I, IV and V.") var threeChords = false
    @Option(help: ArgumentHelp("Suggest a capo for guitar or ukulele (prints the fret and the shapes, then the song in those shapes).", valueName: "instrument")) var capo: String?
    @Option(name: .shortAndLong, help: "Write here instead of standard output.") var output: String?

    func validate() throws {
        if !triads && !threeChords && capo == nil { throw ValidationError("give --triads, --three-chords or --capo guitar|ukulele") }
        if let capo, Harmoniser.easyKeys[capo] == nil { throw ValidationError("--capo must be guitar or ukulele") }
    }

    func run() throws {
        let contents = try readSongFile(file)
        var songs = contents.songs
        for i in songs.indices {
            let key = songs[i].metadata.key ?? songs[i].sections.compactMap(\.melody).first?.key ?? .cMajor
            var change: (ChordSymbol) -> ChordSymbol = { $0 }
            if triads { change = Harmoniser.triad }
            if threeChords { let t = change; change = { Harmoniser.threeChord(t($0), in: key) } }
            songs[i] = songs[i].mappingChords(change)
            if let capo {
                guard let (fret, shapes) = Harmoniser.capo(for: key, instrument: capo) else {
                    printError("songbridge: no capo up to the 7th fret gives easy \(capo) shapes for \(key)")
                    throw ExitCode(ExitStatus.invalidInput)
                }
                print("capo \(fret): play \(capo) shapes in \(shapes)\(fret == 0 ? " (no capo needed)" : "")")
                // The song keeps its true chords, so it sounds (and renders) in its own key; the shapes to finger go
                // in a capo line at its head, one for each chord it uses.
                if fret > 0 {
                    let down = Transposition(from: key, to: shapes)
                    var seen: [ChordSymbol] = []
                    _ = songs[i].mappingChords { symbol in
                        if !seen.contains(symbol) { seen.append(symbol) }
                        return symbol
                    }
                    songs[i].metadata.capo = fret
                    let line = "Capo \(fret), \(capo) shapes in \(shapes): " + seen.map { "\($0) is \(down.apply($0))" }.joined(separator: ", ")
                    if let first = songs[i].blocks.firstIndex(where: { if case .section = $0 { true } else { false } }), case .section(var section) = songs[i].blocks[first] {
                        section.lines.insert(.comment(line, style: "comment"), at: 0)
                        songs[i].blocks[first] = .section(section)
                    }
                }
            }
        }
        try writeOut(ChordProWriter.write(songs), to: output)
    }
}

/// Writes command output to a file (atomically) or standard output.
func writeOut(_ text: String, to output: String?) throws {
    guard let output else { print(text, terminator: ""); return }
    do { try AtomicFile.write(Data(text.utf8), to: output) } catch {
        printError("songbridge: cannot write \(output): \(error.localizedDescription)")
        throw ExitCode(ExitStatus.cannotWrite)
    }
}
