import Foundation
import SongTesting
import Testing
@testable import Transcription

/// What a starved tablet or browser does to a take: buffers lost (digital silence in their place), skipped, or
/// handed on twice, in the middle of sung notes. None of it is singing, so none of it may split a note.
@Suite struct DropoutTests {
    /// Cân y Cwm's chorus at 92 quarters a minute, as the capture page's browser test sings it.
    static let quarter = 60.0 / 92
    static let tune: [(midi: Int, seconds: Double)] = [(60, 1), (62, 1), (64, 1), (65, 1), (67, 2), (69, 1), (67, 1), (64, 2), (62, 1), (60, 1)]
        .map { ($0.0, $0.1 * quarter) }

    static var sung: SungTake {
        var take = SungTake(notes: tune)
        take.vibratoCents = 25
        return take
    }

    /// Seconds into the take, each in the middle or late in a held note, and what happens there.
    enum Damage { case lost(Double), skipped(Double), doubled(Double) }
    static let damage: [(at: Double, what: Damage)] = [
        (0.70, .skipped(0.006)), (1.04, .lost(0.003)), (1.89, .doubled(0.010)), (2.57, .skipped(0.05)),
        (3.42, .lost(0.03)), (4.45, .doubled(0.02)), (5.80, .lost(0.01)), (6.14, .skipped(0.02)), (7.16, .lost(0.05)),
    ]

    /// The take with `damage` done to it, latest first so earlier times stay where they were.
    static func damaged(_ samples: [Float], rate: Double) -> [Float] {
        var x = samples
        for (at, what) in damage.reversed() {
            let i = Int(at * rate)
            switch what {
            case .lost(let s): for k in i..<(i + Int(s * rate)) { x[k] = 0 }
            case .skipped(let s): x.removeSubrange(i..<(i + Int(s * rate)))
            case .doubled(let s): x.insert(contentsOf: x[i..<(i + Int(s * rate))], at: i)
            }
        }
        return x
    }

    @Test func lostSkippedAndDoubledBuffersSplitNoNote() {
        let take = Self.sung
        let found = Transcriber.transcribe(Take(samples: Self.damaged(take.samples, rate: take.sampleRate), sampleRate: take.sampleRate)).notes
        #expect(found.map(\.midiNote) == Self.tune.map(\.midi), "\(found.map { "\($0.midiNote)@\(Int($0.onset * 1000))" })")
        // Each onset where it now falls, moved by what was skipped or doubled before it.
        let moved = take.truth.map { n -> (onset: Double, offset: Double, midi: Int) in
            let shift = Self.damage.reduce(0.0) { shift, d in
                guard d.at < n.onset else { return shift }
                switch d.what { case .lost: return shift; case .skipped(let s): return shift - s; case .doubled(let s): return shift + s }
            }
            return (n.onset + shift, n.offset + shift, n.midi)
        }
        #expect(SungTake.fMeasure(truth: moved, found: found) >= 0.95)
    }

    @Test func aHoleIsFilledWithTheNoteAroundIt() {
        let take = Self.sung
        let clean = take.samples
        let rate = take.sampleRate
        var holed = clean
        let start = Int(3.42 * rate), length = Int(0.03 * rate)
        for k in start..<(start + length) { holed[k] = 0 }
        let filled = Take(samples: holed, sampleRate: rate).concealingDropouts().samples
        func rms(_ x: ArraySlice<Float>) -> Float { (x.reduce(0) { $0 + $1 * $1 } / Float(x.count)).squareRoot() }
        let hole = filled[start..<(start + length)], around = clean[start..<(start + length)]
        #expect(!hole.contains(0) && abs(rms(hole) / rms(around) - 1) < 0.15, "\(rms(hole)) for \(rms(around))")
        #expect(filled.count == clean.count)
        // Away from the hole, nothing changes.
        #expect(filled[..<start] == clean[..<start])
    }

    @Test func silenceThatIsSungIsLeftAlone() {
        // The take's breaks between notes: 50 ms of silence after a voice's 20 ms release, before its 20 ms attack.
        let take = Self.sung
        #expect(Take(samples: take.samples, sampleRate: take.sampleRate).concealingDropouts().samples == take.samples)
        // And a hole longer than 100 ms is a silence, whatever its edges.
        var long = take.samples
        let start = Int(3.3 * take.sampleRate)
        for k in start..<(start + Int(0.12 * take.sampleRate)) { long[k] = 0 }
        #expect(Take(samples: long, sampleRate: take.sampleRate).concealingDropouts().samples == long)
    }

    @Test func aNoteSungAgainAfterAShortBreakIsHeardEachTime() {
        // Sung again after a 25 ms break with a 20 ms release and attack: a short silence, but a sung one.
        var take = SungTake(notes: [(64, 0.5), (64, 0.5), (64, 0.5), (67, 0.5)])
        take.gapSeconds = 0.025
        let found = Transcriber.transcribe(take.take).notes
        #expect(found.map(\.midiNote) == [64, 64, 64, 67], "\(found.map { "\($0.midiNote)@\(Int($0.onset * 1000))" })")
    }
}
