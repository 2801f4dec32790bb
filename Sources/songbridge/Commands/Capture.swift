import ArgumentParser
import Foundation
import KeyboardCapture
import SongArchive
import SongCore
import Transcription
#if canImport(Glibc)
import Glibc
#endif

/// `songbridge capture --keyboard`: a tune played on a MIDI keyboard into the laptop, through the ALSA sequencer.
struct Capture: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Record a tune played on a MIDI keyboard (ALSA) and write it down as ABC.",
        discussion: """
            Listens until Enter is pressed, or 4 seconds after the last note has died away. The tune is written in \
            the time given, else the song's (its section's tune's) with --song, else estimated, as a sung take is. \
            Exit status: 69 when this machine has no MIDI (no /dev/snd/seq) or no keyboard, 65 when nothing was played.
            """)

    @Flag(help: "From a MIDI keyboard (the way so far).") var keyboard = false
    @Flag(help: "List the MIDI ports that can be listened to.") var list = false
    @Option(help: ArgumentHelp("The keyboard's port: client:port, or words of its name (default: the first keyboard).", valueName: "port"))
    var port: String?
    @OptionGroup var store: ArchiveOption
    @Option(help: "A song in the archive: its tempo, meter and key are the tune's.") var song: Int64?
    @Option(help: "The section the tune is for.") var section: String?
    @OptionGroup var time: TuneTimeOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the tune to this ABC file instead of printing it.", valueName: "take.abc"))
    var output: String?
    @Flag(help: "Add the tune to the song as a melody contribution (with --song and --by).") var contribute = false
    @Option(help: "Who played it: contributor ids, comma-separated.") var by: String?

    func validate() throws {
        guard keyboard || list else { throw ValidationError("give --keyboard (a MIDI keyboard through ALSA), or --list") }
        if contribute, song == nil || by == nil { throw ValidationError("--contribute needs --song and --by") }
    }

    func run() throws {
        let sequencer: ALSASequencer
        do { sequencer = try ALSASequencer() } catch { throw fail(error.message, error.unavailable ? ExitStatus.unavailable : ExitStatus.invalidInput) }
        if list {
            let ports = sequencer.ports()
            if ports.isEmpty { printError("songbridge: no MIDI ports to listen to; is the keyboard plugged in?") }
            for p in ports { print(p) }
            return
        }
        let archive = try song.map { _ in try store.open("capture") }
        let known = try song.flatMap { id in try archive?.song(id) }
        let source: ALSASequencer.Port
        do { source = try sequencer.port(port) } catch { throw fail(error.message, error.unavailable ? ExitStatus.unavailable : ExitStatus.usage) }
        printError("Listening to \(source). Play the tune; press Enter when done (or stop playing for 4 seconds).")
        let take: KeyboardTake
        do {
            take = try sequencer.record(from: source) { take, seconds in
                take.isFinished(at: seconds) || Self.enterPressed() || (take.events.isEmpty && seconds > 120)
            }
        } catch { throw fail(error.message, ExitStatus.invalidInput) }
        guard let tune = TranscribedTake(take.transcription, time: time.time(song: known, section: section), upbeat: time.upbeat,
                                         title: known?.metadata.title ?? "Played") else {
            throw fail("no notes were played", ExitStatus.invalidInput)
        }
        if contribute, let archive, let song, let by {
            let people = by.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            print(try archive.contribute(song: song, by: people, kind: .melody, payload: tune.abc, section: section))
        } else if let output {
            do { try AtomicFile.write(Data(tune.abc.utf8), to: output) } catch { throw fail("cannot write \(output): \(error)", ExitStatus.cannotWrite) }
        } else {
            print(tune.abc, terminator: tune.abc.hasSuffix("\n") ? "" : "\n")
        }
    }

    /// Whether a line has been typed at the terminal (without waiting). A closed or redirected standard input says
    /// nothing: then only silence ends the take.
    static func enterPressed() -> Bool {
        guard isatty(0) == 1 else { return false }
        var fd = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&fd, 1, 0) > 0 else { return false }
        var byte: UInt8 = 0
        while read(0, &byte, 1) == 1 { if byte == UInt8(ascii: "\n") { return true } }
        return false
    }
}
