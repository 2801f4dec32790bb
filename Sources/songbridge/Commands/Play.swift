import ArgumentParser
import Foundation
import SongMIDI
import SongSynth

/// `songbridge play FILE`: live playback where there is a sound card; otherwise a plain message.
struct Play: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "play", 
        abstract: "Play a song live through the sound card, where there is one.",
        discussion: "Takes the same song options as render. On a machine without a sound card it says so and exits 69."
    )

    @OptionGroup var song: SongOptions

    func run() async throws {
        guard LivePlayer.hasAudioDevice else {
            printError("songbridge: this machine has no audio device (no /dev/snd); use `songbridge render \(song.file)` and play the .wav file elsewhere")
            throw ExitCode(ExitStatus.unavailable)
        }
        OneLineLogHandler.bootstrap(level: song.verbose ? .warning : .critical)
        let midi = try song.makeMIDI()
        let font: SoundFont
        do { font = try SoundFontLibrary().choose(song.soundfont) } catch {
            printError("songbridge: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        do { try LivePlayer.play(midi.data(), soundFont: font) } catch {
            printError("songbridge: \(error)")
            throw ExitCode(ExitStatus.unavailable)
        }
    }
}
