// A song for notation software (MuseScore, Sibelius, Dorico): MusicXML 4.0.
import ArgumentParser
import Arrangement
import Foundation
import MusicXMLFiles
import SongArchive
import SongCore
import SongText

struct MusicXMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "musicxml",
        abstract: "Write a song as MusicXML 4.0: its tune with every verse's words, chords, key, time, tempo, repeats and credits.",
        discussion: "A song file (.cho, .abc) is written as it is; a song in the archive (by id) as the public may see it. An output ending .mxl is compressed MusicXML.")
    @OptionGroup var store: ArchiveOption
    @Argument(help: "A song file, or a song's id in the archive.") var song: String
    @Option(name: .shortAndLong, help: "Write to this file (default: standard output).") var output: String?
    @Flag(help: "The arrangement as a score for the band: the tune with its words and every accompaniment part, as played (intro and repeats written out).")
    var parts = false
    @Option(help: "With --parts: the style to arrange in (default: the song's own). See songbridge styles.") var style: String?

    func run() throws {
        let chosen: Song
        if let id = Int64(song), !FileManager.default.fileExists(atPath: song) {
            let archive = try store.open("musicxml")
            chosen = try archive.publicSong(try archive.song(id))
        } else {
            guard let first = try readSongFile(song).songs.first else { throw fail("\(song): holds no song", ExitStatus.invalidInput) }
            chosen = first
        }
        let text: String
        if parts {
            do {
                text = ArrangementScoreWriter.write(try Arranger.perform(chosen, options: ArrangementOptions(style: StyleLibrary.styleName(asked: style, for: chosen))))
            } catch {
                throw fail("\(song): \(error)", ExitStatus.invalidInput)
            }
        } else {
            if style != nil { throw ValidationError("--style goes with --parts") }
            text = MusicXMLWriter.write(chosen)
        }
        guard let output else { print(text, terminator: ""); return }
        do {
            let bytes = output.lowercased().hasSuffix(".mxl") ? try MXLPackage.pack(text) : Data(text.utf8)
            try AtomicFile.write(bytes, to: output)
        } catch {
            throw fail("\(output): cannot write: \(error)", ExitStatus.cannotWrite)
        }
    }
}
