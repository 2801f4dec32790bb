import Arrangement
import ArgumentParser
import Foundation
import SongCore
import SongMIDI
import SongSynth
import SongText

/// `songbridge render FILE`: a song to a MIDI file with its words, and to audio through FluidSynth.
struct Render: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a song to MIDI (with its words) and to audio (WAV, FLAC or OGG).",
        discussion: """
            Reads .cho, .abc and .mid files. With no output named, writes NAME.mid and NAME.wav in the current \
            folder. Audio is rendered in process by FluidSynth (no audio device is used) and scaled to a peak of -1 dBFS.
            """
    )

    @Argument(help: "The song (.cho, .abc or .mid).", completion: .file(extensions: ["cho", "abc", "mid"]))
    var file: String

    @Option(help: ArgumentHelp("In ABC files, the tune with this X: number.", valueName: "X"))
    var tune: Int?

    @Option(help: ArgumentHelp("Write the MIDI file here.", valueName: "out.mid"))
    var midi: String?

    @Option(help: ArgumentHelp("Write audio here: .wav, .flac or .ogg.", valueName: "out.wav"))
    var audio: String?

    @Option(help: ArgumentHelp("A SoundFont name (see `songbridge soundfonts`) or path.", valueName: "name|path"))
    var soundfont: String?

    @Option(help: ArgumentHelp("The arrangement: \(StyleLibrary.all.map(\.name).joined(separator: ", ")).", valueName: "style"))
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

    @Option(name: .customLong("sample-rate"), help: "Audio samples per second.")
    var sampleRate: Double = 44_100

    @Option(help: "Bits per sample for WAV: 16 or 24.")
    var bits = 16

    @Flag(name: .customLong("no-reverb"), help: "Turn FluidSynth's reverb off.")
    var noReverb = false

    @Flag(name: .customLong("no-chorus"), help: "Turn FluidSynth's chorus off.")
    var noChorus = false

    @Flag(name: .customLong("latin1"), help: "Encode lyrics as Latin-1 for older karaoke players (UTF-8 otherwise).")
    var latin1 = false

    @Option(help: "Synths rendering at once, each taking a share of the channels.")
    var threads = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))

    @Flag(help: "Show FluidSynth's own warnings and errors.")
    var verbose = false

    func validate() throws {
        if tempo != nil && tempoScale != nil { throw ValidationError("give --tempo or --tempo-scale, not both") }
        if transpose != nil && key != nil { throw ValidationError("give --transpose or --key, not both") }
        if let key, Key(key) == nil { throw ValidationError("'\(key)' is not a key; try G, Bb, F#m or Ddor") }
        if let style, StyleLibrary.style(named: style) == nil {
            throw ValidationError("unknown style '\(style)'; the styles are \(StyleLibrary.all.map(\.name).joined(separator: ", "))")
        }
        if let audio, AudioFormat(path: audio) == nil { throw ValidationError("--audio must end in .wav, .flac or .ogg") }
        if bits != 16 && bits != 24 { throw ValidationError("--bits must be 16 or 24") }
        if !(8_000...192_000).contains(sampleRate) { throw ValidationError("--sample-rate must be between 8000 and 192000") }
        if let tempo, !(10...400).contains(tempo) { throw ValidationError("--tempo must be between 10 and 400") }
        if !(1...16).contains(threads) { throw ValidationError("--threads must be between 1 and 16") }
    }

    func run() async throws {
        // FluidSynth explains its own failures in several lines; by default only our one-line error is shown.
        OneLineLogHandler.bootstrap(level: verbose ? .warning : .critical)
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let midiPath = midi ?? (audio == nil ? "\(stem).mid" : nil)
        let audioPath = audio ?? (midi == nil ? "\(stem).wav" : nil)

        let midiFile = try makeMIDI()
        var written: [String] = []
        do {
            if let audioPath {
                let font: SoundFont
                do { font = try SoundFontLibrary().choose(soundfont) } catch { throw Failure(error.description, status: ExitStatus.usage) }
                let options = RenderOptions(soundFont: font, sampleRate: sampleRate, reverb: !noReverb, chorus: !noChorus, parallelism: threads)
                let format = AudioFormat(path: audioPath, bits24: bits == 24)!
                let showProgress = isatty(2) != 0
                var progress: (@Sendable (Double) -> Void)?
                if showProgress {
                    progress = { @Sendable (fraction: Double) -> Void in
                        printError("\rrendering \(Int(fraction * 100))%", newline: false)
                    }
                }
                let report: Renderer.Report
                do {
                    report = try await Renderer.render(midiFile, to: URL(fileURLWithPath: audioPath), format: format, options: options, progress: progress)
                } catch {
                    if showProgress { printError("") }
                    throw Failure(error.description, status: error.message.hasPrefix("cannot write") ? 73 : ExitStatus.invalidInput)
                }
                if showProgress { printError("\r", newline: false) }
                written.append(audioPath)
                print("\(audioPath): \(String(format: "%.1f", report.seconds)) s of audio with \(font.name)")
            }
            if let midiPath {
                do { try AtomicFile.write(Data(midiFile.data()), to: midiPath) } catch {
                    throw Failure("cannot write \(midiPath): \(error.localizedDescription)", status: 73)
                }
                written.append(midiPath)
                print("\(midiPath): \(midiFile.tracks.count) tracks, \(midiFile.tracks.flatMap { $0 }.filter(\.isNoteOn).count) notes")
            }
        } catch let failure as Failure {
            // Nothing half-done is left behind.
            for path in written { try? FileManager.default.removeItem(atPath: path) }
            printError("songbridge: \(failure.message)")
            throw ExitCode(failure.status)
        }
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
        var contents: SongFile.Contents
        do { contents = try SongFile.read(path: file) } catch let e as SongFile.OpenError {
            throw fail(e.description, ExitStatus.cannotOpen)
        } catch let e as DiagnosticError {
            printError(e.description)
            throw ExitCode(ExitStatus.invalidInput)
        }
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

    struct Failure: Error {
        var message: String
        var status: Int32
        init(_ message: String, status: Int32) {
            self.message = message
            self.status = status
        }
    }
}
