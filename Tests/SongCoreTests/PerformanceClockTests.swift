import Testing
@testable import SongCore

/// The tempo map read through a clock (and `Performance.seconds(at:)`, which uses one) gives what summing its
/// segments one by one gives, at every point asked.
@Suite struct PerformanceClockTests {
    /// Seconds to `time`, the plain way: each tempo's stretch up to the next change or `time`, added up.
    static func summed(_ tempos: [TimedValue<Tempo>], to time: NoteLength) -> Double {
        var total = 0.0
        for (i, change) in tempos.enumerated() where change.at < time {
            let next = i + 1 < tempos.count ? min(tempos[i + 1].at, time) : time
            total += change.value.seconds(for: next - change.at)
        }
        return total
    }

    @Test func theClockReadsTheTempoMapAsThePerformanceDoes() {
        // A map that changes at the start, twice at one point, and at every eighth for a while (a ritardando).
        var tempos = [TimedValue(at: .zero, value: Tempo(96)), TimedValue(at: NoteLength(3, 4), value: Tempo(120, beat: NoteLength(3, 8))),
                      TimedValue(at: NoteLength(3, 4), value: Tempo(60))]
        for k in 0..<40 { tempos.append(TimedValue(at: NoteLength(2) + NoteLength(k, 8), value: Tempo(100 - Double(k)))) }
        let performance = Performance(tempos: tempos)
        let clock = performance.clock
        for k in 0...(16 * 8) {
            let time = NoteLength(k, 16)
            #expect(abs(clock.seconds(at: time) - Self.summed(tempos, to: time)) < 1e-9, "\(time)")
            #expect(abs(performance.seconds(at: time) - Self.summed(tempos, to: time)) < 1e-9, "\(time)")
        }
        #expect(clock.seconds(at: .zero) == 0)
        // Past the last change, at its tempo.
        let late = NoteLength(20)
        #expect(abs(clock.seconds(at: late) - Self.summed(tempos, to: late)) < 1e-9)
    }
}
