import Arrangement
import ArgumentParser
import Foundation
import SongCore
import SongMIDI
import SongSynth
import SongText

/// `songbridge render FILE`: a song to a MIDI file with its words, and to audio through FluidSynth.
struct Render: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", 
        abstract: "Render a song to MIDI (with its words) and to audio (WAV, FLAC or OGG).",
        discussion: """
            Reads .cho, .abc and .mid files. With no output named, writes NAME.mid and NAME.wav in the current \
            folder. Audio is rendered in process by FluidSynth (no audio device is used) and scaled to a peak of -1 dBFS.
            """
    )

    @OptionGroup var song: SongOptions

    @Option(help: ArgumentHelp("Write the MIDI file here.", valueName: "out.mid"))
    var midi: String?


    @Option(help: ArgumentHelp("Write audio here: .wav, .flac or .ogg.", valueName: "out.wav"))
    var audio: String?


    @Option(name: .customLong("sample-rate"), help: "Audio samples per second.")
    var sampleRate: Double = 44_100


    @Option(help: "Bits per sample for WAV: 16 or 24.")
    var bits = 16


    @Flag(name: .customLong("no-reverb"), help: "Turn FluidSynth's reverb off.")
    var noReverb = false


    @Flag(name: .customLong("no-chorus"), help: "Turn FluidSynth's chorus off.")
    var noChorus = false


    @Option(help: "Synths rendering at once, each taking a share of the channels (or of the song, with --split time); default 2, or 1 on one core.")
    var threads: Int?

    @Option(help: ArgumentHelp("How synths share the work: time (the default, as the server's drafts: each synth takes a part of the song; within -60 dB of one synth, about 1.8 times as fast as fluidsynth -F) or channels (each synth some of the channels: what fluidsynth -F makes, sample for sample, about 1.3 times as fast).", valueName: "time|channels"))
    var split: RenderOptions.Splitting = .time


    /// Two synths, or one on a one-core machine: asked only when audio is rendered (finding the cores reads the
    /// cgroup files, a twentieth of a chart-to-MIDI run's time).
    static var defaultThreads: Int { min(2, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

    func validate() throws {
        if let audio, AudioFormat(path: audio) == nil { throw ValidationError("--audio must end in .wav, .flac or .ogg") }
        if bits != 16 && bits != 24 { throw ValidationError("--bits must be 16 or 24") }
        if !(8_000...192_000).contains(sampleRate) { throw ValidationError("--sample-rate must be between 8000 and 192000") }
        if let threads, !(1...16).contains(threads) { throw ValidationError("--threads must be between 1 and 16") }
    }

    func run() async throws {
        // FluidSynth explains its own failures in several lines; by default only our one-line error is shown.
        OneLineLogHandler.bootstrap(level: song.verbose ? .warning : .critical)
        let stem = URL(fileURLWithPath: song.file).deletingPathExtension().lastPathComponent
        let midiPath = midi ?? (audio == nil ? "\(stem).mid" : nil)
        let audioPath = audio ?? (midi == nil ? "\(stem).wav" : nil)

        let (midiFile, tags) = try song.makeRender()
        var written: [String] = []
        do {
            if let audioPath {
                let font: SoundFont
                do { font = try SoundFontLibrary().choose(song.soundfont) } catch { throw Failure(error.description, status: ExitStatus.usage) }
                var options = RenderOptions(soundFont: font, sampleRate: sampleRate, reverb: !noReverb, chorus: !noChorus, parallelism: threads ?? Self.defaultThreads)
                options.splitting = split
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
                    report = try await Renderer.render(midiFile, to: URL(fileURLWithPath: audioPath), format: format, options: options, tags: tags, progress: progress)
                } catch {
                    if showProgress { printError("") }
                    throw Failure(error.description, status: error.cannotWrite ? ExitStatus.cannotWrite : ExitStatus.invalidInput)
                }
                if showProgress { printError("\r", newline: false) }
                written.append(audioPath)
                print("\(audioPath): \(String(format: "%.1f", report.seconds)) s of audio with \(font.name)")
            }
            if let midiPath {
                do { try AtomicFile.write(Data(midiFile.data()), to: midiPath) } catch {
                    throw Failure("cannot write \(midiPath): \(error.localizedDescription)", status: ExitStatus.cannotWrite)
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

    struct Failure: Error {
        var message: String
        var status: Int32
        init(_ message: String, status: Int32) {
            self.message = message
            self.status = status
        }
    }
}
