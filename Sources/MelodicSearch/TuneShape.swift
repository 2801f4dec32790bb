import Foundation

/// A tune as the melodic index holds it: what stays the same when it is sung in another key or at another speed.
/// For each step from one note to the next, the pitch interval in semitones and the rhythm as the ratio of the two
/// notes' time to the next onset (inter-onset intervals), in half-octaves of that ratio (log₂, doubled, rounded: an
/// even pair is 0, a note twice as long as the one before is +2, a dotted pair +3 then −3...). And the bar each note
/// stands in, so a hit can say where in the tune it matched.
public struct TuneShape: Sendable, Hashable {
    /// From note i to note i + 1, in semitones (clamped to ±31).
    public private(set) var intervals: [Int8]
    /// From note i's time to note i + 1's, round(2·log₂(ioi[i+1] / ioi[i])) (clamped to ±8).
    public private(set) var rhythm: [Int8]
    /// The written bar each note starts in (0 for an upbeat), one per note.
    public private(set) var bars: [Int16]

    /// How many notes.
    public var noteCount: Int { bars.count }
    /// Whether the rhythm says anything: a query typed or played in even notes gives no rhythm to match.
    public var hasRhythm: Bool { rhythm.contains { $0 != 0 } }
    /// The Parsons code (up, down, repeat), as −1, 0, +1 per step: the plain contour a baseline searches.
    public var contour: [Int8] { intervals.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } }

    /// One note of a tune: its MIDI pitch, when it starts and how long it sounds (in any one time unit), its bar.
    public struct Note: Sendable, Hashable {
        public var pitch: Int
        public var onset: Double
        public var length: Double
        public var bar: Int
        /// A note.
        public init(pitch: Int, onset: Double, length: Double, bar: Int = 1) {
            self.pitch = pitch
            self.onset = onset
            self.length = length
            self.bar = bar
        }
    }

    /// The shape of `notes` in order of onset (a note with no length or out of MIDI range counts as given: the
    /// callers give only sounding notes).
    public init(notes: [Note]) {
        intervals = []
        rhythm = []
        bars = notes.map { Int16(clamping: $0.bar) }
        guard notes.count > 1 else { return }
        intervals.reserveCapacity(notes.count - 1)
        // The time from each note to the next onset; the last note's own length.
        var iois: [Double] = []
        iois.reserveCapacity(notes.count)
        for i in notes.indices {
            let next = i + 1 < notes.count ? notes[i + 1].onset - notes[i].onset : notes[i].length
            iois.append(max(next, 1e-6))
        }
        for i in 1..<notes.count {
            intervals.append(Int8(clamping: max(-31, min(31, notes[i].pitch - notes[i - 1].pitch))))
            let ratio = (2 * log2(iois[i] / iois[i - 1])).rounded()
            rhythm.append(Int8(max(-8, min(8, ratio))))
        }
    }

    /// A shape from its parts, as stored.
    public init(intervals: [Int8], rhythm: [Int8], bars: [Int16]) {
        precondition(intervals.count == rhythm.count && (bars.count == intervals.count + 1 || (bars.isEmpty && intervals.isEmpty)))
        self.intervals = intervals
        self.rhythm = rhythm
        self.bars = bars
    }

    /// The notes from `range` (note indices) as a shape of their own.
    public func notes(_ range: Range<Int>) -> TuneShape {
        guard range.count > 1 else { return TuneShape(intervals: [], rhythm: [], bars: Array(bars[range])) }
        return TuneShape(intervals: Array(intervals[range.lowerBound..<(range.upperBound - 1)]),
                         rhythm: Array(rhythm[range.lowerBound..<(range.upperBound - 1)]), bars: Array(bars[range]))
    }
}
