import SongCore
import Testing
@testable import Transcription

/// A tune played on a keyboard, as recorded event streams with human timing: early and late notes, legato
/// overlaps, the sustain pedal, a chord, a key struck twice. What comes out is the tune that was meant.
@Suite struct KeyboardTakeTests {
    /// "The Ash Grove"'s first phrase, in G in 3/4 at 100 quarters a minute: (MIDI note, quarters).
    static let tune: [(key: Int, quarters: Double)] = [(67, 2), (71, 1), (67, 2), (74, 1), (72, 1), (71, 1), (69, 1), (67, 3)]
    static let quarter = 0.6

    /// The tune played from 1 s on: each press `wobble` seconds off the beat, each release `overlap` seconds past the
    /// next press (legato) or short of it, with the pedal down over notes `pedalled`.
    static func played(wobble: [Double], overlap: Double, pedalled: Set<Int> = []) -> KeyboardTake {
        var take = KeyboardTake()
        var events: [(Double, [UInt8])] = []
        var t = 1.0
        for (i, n) in tune.enumerated() {
            let on = t + wobble[i % wobble.count], next = t + n.quarters * quarter
            events.append((on, [0x90, UInt8(n.key), 90]))
            // Pedalled as a pianist does: down just after the note, the key let go early, the pedal lifted just
            // after the next note is struck.
            if pedalled.contains(i) { events.append((on + 0.03, [0xB0, 64, 127])) }
            events.append((pedalled.contains(i) ? on + 0.1 : next + overlap, [0x80, UInt8(n.key), 64]))
            if pedalled.contains(i) { events.append((next + 0.02, [0xB0, 64, 0])) }
            t = next
        }
        for (at, bytes) in events.sorted(by: { $0.0 < $1.0 }) { take.add(midi: bytes, at: at) }
        return take
    }

    func writtenDown(_ take: KeyboardTake) throws -> [(key: Int, onset: Double, quarters: Double)] {
        let tune = try #require(TranscribedTake(take.transcription, time: TuneTime(tempo: Tempo(100), meter: Meter(3, 4), key: Key("G")), upbeat: 0, title: "Played"))
        return tune.melody.performedNotes.map { ($0.pitch.midiNumber, $0.onset.doubleValue * 4, $0.duration.doubleValue * 4) }
    }

    func expect(_ found: [(key: Int, onset: Double, quarters: Double)], _ comment: Comment) {
        var at = 0.0
        let want = Self.tune.map { n -> (Int, Double, Double) in defer { at += n.quarters }; return (n.key, at, n.quarters) }
        #expect(found.map(\.key) == want.map(\.0), comment)
        #expect(found.map(\.onset) == want.map(\.1), comment)
        #expect(found.map(\.quarters) == want.map(\.2), comment)
    }

    @Test func humanTimingAndLegatoOverlapsGiveTheTuneMeant() throws {
        // Up to 40 ms early or late (a sixteenth at this tempo is 150 ms), legato 40 ms over the next note.
        expect(try writtenDown(Self.played(wobble: [0.012, -0.03, 0.04, -0.008, 0, 0.025, -0.04, 0.005], overlap: 0.04)), "legato")
        // Detached playing: each key let go 120 ms before the next (a gap shorter than a sixteenth is no rest).
        expect(try writtenDown(Self.played(wobble: [0.01, -0.02], overlap: -0.12)), "detached")
    }

    @Test func theSustainPedalHoldsANoteUntilItLifts() throws {
        let take = Self.played(wobble: [0], overlap: 0.02, pedalled: [1, 2, 7])
        // Let go after 0.1 s but sounding on: the note lasts until the next (the tune is one line).
        expect(try writtenDown(take), "pedal")
        let third = take.notes()[2]
        #expect(third.off - third.on > 1.0, "the third note sounds until the pedal lifts")
    }

    @Test func aChordKeepsItsTopNoteAndARestruckKeyIsTwoNotes() throws {
        var take = KeyboardTake()
        // A G major chord struck with the tune's G on top, within 15 ms, held for a beat.
        for (i, key) in [55, 59, 67].enumerated() { take.add(midi: [0x90, UInt8(key), 80], at: 1 + Double(i) * 0.007) }
        for key in [55, 59, 67] { take.add(midi: [0x80, UInt8(key), 0], at: 1.58) }
        // B struck twice without being let go (a note on with velocity 0 is a release), then a last D.
        take.add(midi: [0x90, 71, 80], at: 1.6)
        take.add(midi: [0x90, 71, 80], at: 2.2)
        take.add(midi: [0x90, 71, 0], at: 2.78)
        take.add(midi: [0x90, 74, 80], at: 2.8)
        take.add(midi: [0x80, 74, 0], at: 3.38)
        let heard = take.transcription.notes
        #expect(heard.map(\.midiNote) == [67, 71, 71, 74])
        #expect(heard.allSatisfy { $0.confidence == 1 })
    }

    @Test func itIsFinishedAfterFourQuietSecondsWithNothingSounding() {
        var take = KeyboardTake()
        #expect(!take.isFinished(at: 100), "nothing played yet")
        take.add(.sustain(true), at: 1)
        take.add(.noteOn(key: 60, velocity: 80), at: 1)
        take.add(.noteOff(key: 60), at: 1.5)
        #expect(!take.isFinished(at: 9), "still sounding under the pedal")
        take.add(.sustain(false), at: 10)
        #expect(!take.isFinished(at: 13.9))
        #expect(take.isFinished(at: 14.1))
        take.add(.noteOn(key: 62, velocity: 80), at: 15)
        #expect(!take.isFinished(at: 30), "a key held down is not silence")
        // Other messages (pitch bend, another controller, a short message) are passed over.
        take.add(midi: [0xE0, 0, 64], at: 31)
        take.add(midi: [0xB0, 7, 100], at: 31)
        take.add(midi: [0x90, 60], at: 31)
        #expect(take.events.count == 5)
    }
}
