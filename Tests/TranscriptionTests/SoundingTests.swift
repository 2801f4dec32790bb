import Foundation
import Testing
@testable import Transcription

/// A frame as loud as the take's notes is a note sounding, even where noise or overlapping voices blur its pitch
/// (`TranscribeCommandSlowTests.aSongSungInLoudNoiseIsStillHeard`); but only as loud as its clearly pitched notes.
@Suite struct SoundingTests {
    /// Noise alone has no clearly pitched frames to measure loudness by, so nothing in it is heard as sounding.
    @Test func noiseAloneIsStillNoNotes() {
        var state: UInt64 = 11
        let noise = (0..<(44_100 * 4)).map { _ -> Float in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Double(state >> 11) / Double(1 << 53) - 0.5) * 0.6
        }
        #expect(Transcriber.transcribe(Take(samples: noise, sampleRate: 44_100)).notes.isEmpty)
    }
}
