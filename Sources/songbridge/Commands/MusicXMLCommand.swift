// A song for notation software (MuseScore, Sibelius, Dorico): MusicXML 4.0.
import ArgumentParser
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

    func run() throws {
        let chosen: Song
        if let id = Int64(song), !FileManager.default.fileExists(atPath: song) {
            let archive = try store.open("musicxml")
            chosen = try archive.publicSong(try archive.song(id))
        } else {
            guard let first = try readSongFile(song).songs.first else { throw fail("\(song): holds no song", ExitStatus.invalidInput) }
            chosen = first
        }
        let text = MusicXMLWriter.write(chosen)
        guard let output else { print(text, terminator: ""); return }
        do {
            let bytes = output.lowercased().hasSuffix(".mxl") ? try MXLPackage.pack(text) : Data(text.utf8)
            try AtomicFile.write(bytes, to: output)
        } catch {
            throw fail("\(output): cannot write: \(error)", ExitStatus.cannotWrite)
        }
    }
}
