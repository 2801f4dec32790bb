import ArgumentParser
import Foundation
import SongCore
import SongSynth
import Transcription

/// Prints what the transcriber hears in a take, frame by frame (time, loudness, flux, phase deviation, decoded pitch, candidates),
/// then the notes it makes: for finding why a take is transcribed wrong.
struct PitchTrace: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pitch-trace", abstract: "A take's frames as the transcriber hears them.")
    @Argument(help: "A WAV, FLAC or OGG take.") var take: String
    @Option(help: "From this many seconds.") var from = 0.0
    @Option(help: "To this many seconds.") var to = Double.infinity

    func run() throws {
        let audio = try Renderer.readAudio(URL(fileURLWithPath: take), longestSeconds: SongLimits.takeSeconds)
        let input = Take(left: audio.left, right: audio.right, sampleRate: audio.sampleRate)
        let (frames, transcription) = Transcriber.trace(input)
        for f in frames where f.time >= from && f.time <= to {
            let pitch = f.pitch.map { String(format: "%7.1f", $0 / 100) } ?? "      -"
            let candidates = f.candidates.sorted { $0.probability > $1.probability }.prefix(3)
                .map { String(format: "%.1f:%.2f", $0.cents / 100, $0.probability) }.joined(separator: " ")
            print(String(format: "%7.3f rms %.4f flux %6.1f phase %5.1f pitch %@  %@", f.time, f.rms, f.flux, f.phaseDeviation, pitch, candidates))
        }
        for n in transcription.notes where n.offset >= from && n.onset <= to {
            print(String(format: "note %7.3f–%7.3f midi %d cents %.1f confidence %.2f", n.onset, n.offset, n.midiNote, n.cents / 100, n.confidence))
        }
    }
}
