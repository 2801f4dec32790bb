/// A performance's tempo map read many times: seconds from the start to any point, in O(log n) each after one pass
/// over the tempo changes (a song may change tempo at every note, and the arranger and the lyric cues ask for
/// thousands of points). `Performance.seconds(at:)` reads one point through it.
public struct PerformanceClock: Sendable {
    /// Each tempo change, in time order, with the seconds elapsed when it begins.
    let changes: [(at: NoteLength, tempo: Tempo, elapsed: Double)]

    /// The clock of `tempos` (in time order, as `Performance.tempos` are).
    public init(_ tempos: [TimedValue<Tempo>]) {
        var changes: [(at: NoteLength, tempo: Tempo, elapsed: Double)] = []
        changes.reserveCapacity(tempos.count)
        var elapsed = 0.0
        for (i, change) in tempos.enumerated() {
            changes.append((change.at, change.value, elapsed))
            if i + 1 < tempos.count { elapsed += change.value.seconds(for: tempos[i + 1].at - change.at) }
        }
        self.changes = changes
    }

    /// Seconds from the start to `time`: from the last tempo change before it.
    public func seconds(at time: NoteLength) -> Double {
        var low = 0, high = changes.count          // the first change at `time` or after lies in low..<high
        while low < high {
            let mid = (low + high) / 2
            if changes[mid].at < time { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return 0 }
        let change = changes[low - 1]
        return change.elapsed + change.tempo.seconds(for: time - change.at)
    }
}
