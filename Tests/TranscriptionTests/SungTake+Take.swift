import SongTesting
import Transcription

extension SungTake {
    /// The made take, as the transcriber reads it.
    var take: Take { Take(samples: samples, sampleRate: sampleRate) }

    /// COnP of found notes against this take's truth.
    static func fMeasure(truth: [(onset: Double, offset: Double, midi: Int)], found: [TranscribedNote]) -> Double {
        fMeasure(truth: truth, found: found.map { (onset: $0.onset, midi: $0.midiNote) })
    }
}
