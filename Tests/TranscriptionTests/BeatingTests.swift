import Foundation
import SongTesting
import Testing
@testable import Transcription

/// A room singing together: several voices on the same tune, each a little off the others, so the sum beats (its
/// loudness swells and sinks several times a second on every held note). The swells are not notes sung again.
@Suite struct BeatingTests {
    /// Long notes, so a held note beats many times; a tune in a low woman's or high man's range.
    static let tune: [(midi: Int, seconds: Double)] = [(57, 2), (60, 1.5), (62, 2), (64, 1.5), (62, 2), (60, 2.5)]

    /// Voices up to 35 cents apart, each with its own vibrato and loudness, mixed: the sum beats at 3 to 6 Hz.
    static func room(_ detunes: [Double], singing notes: [(midi: Int, seconds: Double)] = tune, gap: Double = 0) -> [Float] {
        let voices = detunes.enumerated().map { k, cents -> [Float] in
            var voice = SungTake(notes: notes)
            voice.detuneCents = cents
            voice.vibratoCents = 12 + 4 * Double(k)
            voice.vibratoHz = 4.8 + 0.3 * Double(k)
            voice.gapSeconds = gap
            let loudness = Float([1, 0.6, 0.85, 0.7, 0.5][k % 5])
            return voice.samples.map { $0 * loudness }
        }
        let n = voices.map(\.count).min() ?? 0
        return (0..<n).map { i in voices.reduce(0) { $0 + $1[i] } / Float(voices.count) }
    }

    static let detunes = [-20.0, -8, 0, 9, 15]

    @Test func aRoomsBeatingSplitsNoHeldNote() {
        let samples = Self.room(Self.detunes)
        let heard = Transcriber.transcribe(Take(samples: samples, sampleRate: 44_100)).notes
        #expect(heard.map(\.midiNote) == Self.tune.map(\.midi), "\(heard.map { ($0.onset, $0.midiNote) })")
    }

    @Test func aRoomIsHeardAsBeatingAndOneVoiceIsNot() {
        func beating(_ detunes: [Double]) -> Bool {
            let heard = Transcriber.heard(Take(samples: Self.room(detunes), sampleRate: 44_100))
            return Transcriber.isBeating(heard.frames, heard.pitches)
        }
        #expect(beating(Self.detunes))
        #expect(!beating([0]))
        #expect(!beating([0, 3]))
    }

    /// A room singing a note again after a breath or a consonant (a break of 60 ms) is heard each time.
    @Test func aRoomSingingANoteAgainAfterABreakIsHeardEachTime() {
        let notes: [(midi: Int, seconds: Double)] = [(57, 1.2), (57, 1.2), (57, 0.8), (60, 1.6), (60, 1.2), (62, 2)]
        let take = Take(samples: Self.room(Self.detunes, singing: notes, gap: 0.06), sampleRate: 44_100)
        let heard = Transcriber.heard(take)
        let beating = Transcriber.isBeating(heard.frames, heard.pitches)
        #expect(beating)
        let found = heard.transcription.notes
        #expect(found.map(\.midiNote) == notes.map(\.midi), "\(found.map { ($0.onset, $0.midiNote) })")
    }

    /// One voice singing a note again without a break (as a synth voice struck again does) is still heard twice.
    @Test func oneVoiceStruckAgainIsStillHeardTwice() {
        var take = SungTake(notes: [(62, 1), (62, 1), (64, 1)])
        take.gapSeconds = 0.03
        let heard = Transcriber.transcribe(take.take).notes
        #expect(heard.map(\.midiNote) == [62, 62, 64])
    }

    /// A choir, as a synth's choir sounds: each voice (detuned and with its own vibrato, as in `room`) swells into
    /// its note over 150 ms and dies away over 100 ms after it ends, so the old note's release sings on under the new note's swell and holds the pitch tracker for up
    /// to 100 ms. Notes follow each other without a break (legato); the truth is when each was begun.
    static func choir(_ detunes: [Double], singing notes: [(midi: Int, seconds: Double)], rate: Double = 16_000) -> (samples: [Float], onsets: [Double]) {
        let onsets = notes.indices.map { i in 0.2 + notes[..<i].reduce(0) { $0 + $1.seconds } }
        let total = (onsets.last ?? 0) + (notes.last?.seconds ?? 0) + 0.6
        var x = [Float](repeating: 0, count: Int(total * rate))
        for (k, cents) in detunes.enumerated() {
            let loudness = [1, 0.6, 0.85, 0.7, 0.5][k % 5]
            for (i, note) in notes.enumerated() {
                let hz = 440 * pow(2, (Double(note.midi) * 100 + cents - 6900) / 1200)
                let start = onsets[i], end = start + note.seconds
                var phase = Double(k)
                for n in Int(start * rate)..<min(x.count, Int((end + 0.5) * rate)) {
                    let t = Double(n) / rate
                    let swell = min(1, (t - start) / 0.15)
                    let envelope = t < end ? swell : min(1, (end - start) / 0.15) * exp(-(t - end) / 0.035)
                    phase += 2 * .pi * hz * pow(2, (12 + 4 * Double(k)) * sin(2 * .pi * (4.8 + 0.3 * Double(k)) * t) / 1200) / rate
                    var s = 0.0
                    for h in 1...5 { s += sin(Double(h) * phase) / Double(h * h) }
                    x[n] += Float(0.3 * loudness * envelope * s / Double(detunes.count))
                }
            }
        }
        return (x, onsets)
    }

    /// In that choir, each change of note is heard where it was sung (within 35 ms; mir_eval allows 50), not where
    /// the old note's release gives up the pitch tracker (up to 54 ms late).
    @Test func aChoirsLegatoChangeIsHeardWhereItWasSung() {
        let notes: [(midi: Int, seconds: Double)] = [(57, 1.2), (59, 0.8), (60, 1.2), (62, 0.8), (60, 1.2), (59, 0.8), (57, 1.6)]
        let (samples, onsets) = Self.choir(Self.detunes, singing: notes)
        let heard = Transcriber.heard(Take(samples: samples, sampleRate: 16_000))
        #expect(Transcriber.isBeating(heard.frames, heard.pitches))
        let found = heard.transcription.notes
        #expect(found.map(\.midiNote) == notes.map(\.midi), "\(found.map { ($0.onset, $0.midiNote) })")
        for (note, onset) in zip(found, onsets) { #expect(abs(note.onset - onset) <= 0.035, "\(note.midiNote) heard at \(note.onset), sung at \(onset)") }
    }

    /// The rule on its own: the frame after the last swell that the loudness falls from by 15% before the
    /// boundary, within 120 ms and after `earliest`; the boundary itself where the loudness only climbs.
    @Test func aReleaseStartsAfterTheLastSwellBeforeTheChange() {
        func frames(_ loudness: [Float]) -> [PitchTracker.Frame] {
            loudness.enumerated().map { PitchTracker.Frame(time: Double($0.offset) * 0.008, candidates: [(5_700, 1)], rms: $0.element) }
        }
        let falling: [Float] = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 0.95, 0.8, 0.6, 0.5, 0.45, 0.4, 0.45, 0.5]
        #expect(Transcriber.releaseStart(frames(falling), before: 12, after: 0) == 6)
        #expect(Transcriber.releaseStart(frames(falling), before: 12, after: 6) == 12)
        let climbing: [Float] = (0..<14).map { 0.3 + 0.05 * Float($0) }
        #expect(Transcriber.releaseStart(frames(climbing), before: 12, after: 0) == 12)
    }
}
