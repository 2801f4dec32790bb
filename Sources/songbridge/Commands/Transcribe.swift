import ArgumentParser
import Foundation
import SongArchive
import SongCore
import SongMIDI
import SongSynth
import SongText
import Transcription

/// `songbridge transcribe TAKE`: a sung, hummed or played take to notes, as ABC (or JSON, or a MIDI file).
struct Transcribe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcribe",
        abstract: "Turn a sung, hummed or played take (WAV, FLAC or OGG) into a tune.",
        discussion: """
            Prints the tune as ABC, quantised to the meter at the tempo and in the key given, or estimated when not \
            given. With --json, each note with its time, pitch and how sure the transcriber is. Takes of up to 10 \
            minutes and 50 MB. Exit status: 65 when no sung notes are found or the file is not audio, 66 when it \
            cannot be opened.
            """)

    @Argument(help: "The take: a .wav, .flac or .ogg file.", completion: .file(extensions: ["wav", "flac", "ogg"]))
    var take: String

    @OptionGroup var time: TuneTimeOptions

    @Flag(help: "Print the notes as JSON (time, pitch, confidence), with the tune as ABC.")
    var json = false

    @Option(help: ArgumentHelp("Also write the tune as a MIDI file.", valueName: "file.mid"))
    var midi: String?

    @Option(help: "A song in the archive: the take is written in its tempo, meter and key (those given here win).")
    var song: Int64?

    @Option(help: "The song's section the take is for: its own tune's meter and key, where it has one.")
    var section: String?

    @OptionGroup var store: ArchiveOption

    func run() throws {
        let file = try TakeFile.read(take)
        let transcription = file.transcription
        let known = try song.map { try store.open("transcribe").song($0) }
        let tune = try file.tune(time: time.time(song: known, section: section), upbeat: time.upbeat,
                                 title: known?.metadata.title ?? URL(fileURLWithPath: take).deletingPathExtension().lastPathComponent)
        let abc = tune.abc
        if let midi {
            let written = transcription.midiFile(tempo: tune.tempo, meter: tune.meter, key: tune.key)
            do { try AtomicFile.write(Data(written.data()), to: midi) } catch {
                throw fail("cannot write \(midi): \(error)", ExitStatus.cannotWrite)
            }
        }
        if json {
            print(try JSONOutput.string(TranscribeJSON(notes: transcription.notes, tuningCents: transcription.tuningCents, abc: abc)))
        } else {
            print(abc, terminator: abc.hasSuffix("\n") ? "" : "\n")
        }
    }

    struct TranscribeJSON: Encodable {
        var notes: [TranscribedNote]
        var tuningCents: Double
        var abc: String
    }
}
