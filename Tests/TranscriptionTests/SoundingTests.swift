import Foundation
import SongTesting
import Testing
@testable import Transcription

/// A frame as loud as the take's notes is a note sounding, even where noise or overlapping voices blur its pitch
/// (`TranscribeCommandSlowTests.aSongSungInLoudNoiseIsStillHeard`); but only as loud as its clearly pitched notes.
@Suite struct SoundingTests {
    /// Noise alone has no clearly pitched frames to measure loudness by, so nothing in it is heard as sounding.
    @Test func noiseAloneIsStillNoNotes() {
        var white = WhiteNoise(seed: 11)
        let noise = (0..<(44_100 * 4)).map { _ in white.next(sigma: 0.17) }
        #expect(Transcriber.transcribe(Take(samples: noise, sampleRate: 44_100)).notes.isEmpty)
    }
}
