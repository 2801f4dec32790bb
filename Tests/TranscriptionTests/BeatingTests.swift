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
}
