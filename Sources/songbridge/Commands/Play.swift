import ArgumentParser
import Foundation

/// `songbridge play FILE`: live playback where there is a sound card; otherwise a plain message.
struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Play a song live through the sound card, where there is one.")

    @Argument(help: "The song (.cho, .abc or .mid).")
    var file: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: "/dev/snd") else {
            printError("songbridge: this machine has no audio device (no /dev/snd); use `songbridge render \(file)` and play the .wav file elsewhere")
            throw ExitCode(69)
        }
        printError("songbridge: live playback is not built yet; use `songbridge render \(file)` to write a .wav file")
        throw ExitCode(69)
    }
}
