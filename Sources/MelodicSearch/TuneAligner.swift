import Foundation

/// Local alignment (Smith–Waterman) of a query's shape against a tune's, over pitch intervals with rhythm as a
/// smaller second voice. Besides matching, skipping and inserting a step, it knows the two slips a singer or a
/// typist makes with one note: a note left out (the query's one step is the tune's two steps added) and a note put
/// in (the query's two steps are the tune's one), after Mongeau and Sankoff's consolidation and fragmentation
/// (1990, "Comparison of musical sequences"). A note sung a semitone or a tone off changes two steps by that much
/// in opposite directions, which costs a little each rather than breaking the match.
public struct TuneAligner: Sendable {
    /// What a step scores: the same interval, one a semitone off, a tone off, further off.
    public var same: Int32 = 8 { didSet { tabulate() } }
    public var semitoneOff: Int32 = -2 { didSet { tabulate() } }
    public var toneOff: Int32 = -4 { didSet { tabulate() } }
    public var farOff: Int32 = -8 { didSet { tabulate() } }
    /// Rhythm, when the query has some: the same ratio, one half-octave off, further off. On the accuracy bench
    /// (`make bench-search`), 3/0/−3 gives MRR 0.726 where 2/0/−2 gave 0.720 (queries with rhythm 0.778 → 0.790);
    /// 4/0/−4 0.724, 3/0/−4 0.726, 3/1/−3 0.723, 3/−1/−3 0.729 (which would punish a hum's sloppy rhythm more).
    public var rhythmSame: Int32 = 3 { didSet { tabulate() } }
    public var rhythmNear: Int32 = 0 { didSet { tabulate() } }
    public var rhythmFar: Int32 = -3 { didSet { tabulate() } }
    /// A step of either side left unmatched.
    public var gap: Int32 = -6
    /// A note left out or put in, on top of how well the joined steps match.
    public var slip: Int32 = -4
    /// Each step of the query left out before or after the alignment: the query should be found whole (a
    /// competing tune that matches only part of it pays for the rest), though less than a gap inside it costs.
    public var unmatchedEnd: Int32 = 4
    /// A query longer than this many steps (a whole tune from a MIDI file, a verse sung through) is aligned locally
    /// at both ends: it may well be longer than the section it is found in.
    public var phraseSteps = 32
    /// One note off between two steps that otherwise agree (their sum is the tune's): added to the joined steps'
    /// score, for the two.
    public var wrongNote: Int32 = -2
    /// How much more a matched step scores for each bit of surprise it carries over the usual step (a log-odds
    /// score, as BLAST's substitution matrices are): a leap of a sixth that tunes seldom take says more about
    /// which tune this is than the step of a tone that every tune takes at every other note. 0 scores every
    /// interval the same. On the accuracy bench (`make bench-search`, rhythm then scored 2/0/−2), MRR 0.709 at 0,
    /// 0.712 at 1, 0.720 at 2, 0.717 at 3, 0.710 at 4, 0.684 at 6: beyond 2 a leap matched by chance outweighs the
    /// steps around it. Weighing each step by its surprise after the two before it (a trigram of intervals learnt
    /// from the index) did worse: 0.701 at 1, 0.690 at 2 (a sung slip makes the steps after it surprising too).
    public var rarity: Int32 = 2 { didSet { tabulate() } }

    /// How often each interval (−12…12 semitones, and the rest together) occurs between the notes of folk tunes,
    /// in ten-thousandths: measured on the four reference tunebooks (12,760 tunes, `songbridge-dev tune-search
    /// --interval-shares`).
    public static let intervalShares: [Int: Int] = [
        -12: 26, -11: 2, -10: 21, -9: 27, -8: 46, -7: 128, -6: 10, -5: 268, -4: 433, -3: 845, -2: 1965, -1: 735, 0: 1512,
        1: 660, 2: 1543, 3: 601, 4: 357, 5: 449, 6: 7, 7: 138, 8: 52, 9: 67, 10: 37, 11: 4, 12: 50, 99: 19,
    ]

    /// What two steps score by how far apart they are, in semitones (two steps joined are up to 124 apart), and in
    /// rhythm half-octaves (up to 16): made from the scores above whenever one changes, and read in the inner loop.
    private var intervalByDistance: [Int32] = []
    private var rhythmByDistance: [Int32] = []
    /// What a step matched exactly scores, by its interval (−31…31, at index interval + 31).
    private var sameByInterval: [Int32] = []

    /// The aligner with its standard scores.
    public init() { tabulate() }

    private mutating func tabulate() {
        intervalByDistance = (0...124).map { d in d == 0 ? same : (d == 1 ? semitoneOff : (d == 2 ? toneOff : farOff)) }
        rhythmByDistance = (0...16).map { d in d == 0 ? rhythmSame : (d == 1 ? rhythmNear : rhythmFar) }
        // Bits of surprise, against the share-weighted mean (so the usual step still scores about `same`).
        let total = Double(max(1, Self.intervalShares.values.reduce(0, +)))
        func bits(_ x: Int) -> Double {
            let share = Double(Self.intervalShares[abs(x) <= 12 ? x : 99] ?? 0) / total
            let spread = abs(x) <= 12 ? 1.0 : 38.0                         // "the rest" spread over its intervals
            return -log2(max(share / spread, 0.5 / total))
        }
        let mean = Self.intervalShares.reduce(0.0) { $0 + Double($1.value) / total * bits($1.key == 99 ? 13 : $1.key) }
        sameByInterval = (-31...31).map { x in
            max(1, same + Int32((Double(rarity) * (bits(x) - mean) / 2).rounded()))
        }
    }

    /// A local alignment: its score and where it lies in the query's and the tune's notes.
    public struct Alignment: Sendable, Hashable {
        public var score: Int32
        /// Notes of the query matched (indices, half-open).
        public var queryNotes: Range<Int>
        /// Notes of the tune matched (indices, half-open).
        public var tuneNotes: Range<Int>
    }

    /// The best score a query can reach (every step matched, rhythm too when it has any).
    public func perfect(_ query: TuneShape) -> Int32 {
        let useRhythm = query.hasRhythm
        return zip(query.intervals, query.rhythm).reduce(Int32(0)) { total, step in
            total + sameByInterval[Int(step.0) + 31] + (useRhythm ? rhythmScore(step.1, step.1) : 0)
        }
    }

    @inline(__always) func rhythmScore(_ a: Int8, _ b: Int8) -> Int32 { rhythmByDistance[abs(Int(a) - Int(b))] }

    /// The best alignment of `query` within `tune` (nil when nothing scores above zero): local in the tune, and in
    /// the query every step left out at either end costs `unmatchedEnd` (for a phrase; a longer query is local too).
    public func align(_ query: TuneShape, in tune: TuneShape) -> Alignment? {
        let m = query.intervals.count, n = tune.intervals.count
        guard m > 0, n > 0 else { return nil }
        let width = n + 1
        var score = [Int32](repeating: 0, count: 3 * width)
        var origin = [Int64](repeating: 0, count: 3 * width)
        let found = query.intervals.withUnsafeBufferPointer { q in
            tune.intervals.withUnsafeBufferPointer { t in
                query.rhythm.withUnsafeBufferPointer { qr in
                    tune.rhythm.withUnsafeBufferPointer { tr in
                        score.withUnsafeMutableBufferPointer { h in
                            origin.withUnsafeMutableBufferPointer { o in
                                fill(q: q, t: t, qr: qr, tr: tr, useRhythm: query.hasRhythm, track: true, h: h, o: o)
                            }
                        }
                    }
                }
            }
        }
        let (best, bestEnd, bestOrigin) = found
        guard best > 0 else { return nil }
        let qStart = Int(bestOrigin >> 32), tStart = Int(bestOrigin & 0xFFFF_FFFF)
        // Steps a..<b join notes a...b.
        return Alignment(score: best, queryNotes: qStart..<(bestEnd.0 + 1), tuneNotes: tStart..<(bestEnd.1 + 1))
    }

    /// What the query's steps after each can still add to an alignment, at most (`reach[i]`: steps i+1...m, 1-based),
    /// for `score`'s `floor`. A step matched adds at most its own exact score (or `same`, whichever is more) and a
    /// rhythm matched; every other move adds less per step of the query: a note left out or put in `same + slip`
    /// at most for one or two steps, one note off `same + wrongNote` and two rhythms for two, a gap nothing.
    public func reach(_ query: TuneShape) -> [Int32] {
        let rhythm = query.hasRhythm ? max(0, rhythmSame) : 0
        var reach = [Int32](repeating: 0, count: query.intervals.count + 1)
        for i in query.intervals.indices.reversed() {
            reach[i] = reach[i + 1] + max(sameByInterval[Int(query.intervals[i]) + 31], same) + rhythm
        }
        return reach
    }

    /// The best alignment's score alone (0 when nothing scores above zero): the same programme without keeping
    /// where alignments begin, for ranking the prefilter's candidates before the best few are aligned in full.
    /// With `steps`, only those steps of the tune are aligned with. With `floor` (and the query's `reach`), the
    /// programme stops as soon as no alignment can reach the floor any more: its score is then some figure below
    /// the floor, for a caller that only wants tunes at or above it (a search keeping its best few).
    public func score(_ query: TuneShape, in tune: TuneShape, steps: Range<Int>? = nil, floor: Int32? = nil, reach: [Int32] = []) -> Int32 {
        let steps = steps?.clamped(to: 0..<tune.intervals.count) ?? 0..<tune.intervals.count
        let m = query.intervals.count, n = steps.count
        guard m > 0, n > 0 else { return 0 }
        var score = [Int32](repeating: 0, count: 3 * (n + 1))
        var none: Int64 = 0
        let best = query.intervals.withUnsafeBufferPointer { q in
            tune.intervals[steps].withUnsafeBufferPointer { t in
                query.rhythm.withUnsafeBufferPointer { qr in
                    tune.rhythm[steps].withUnsafeBufferPointer { tr in
                        score.withUnsafeMutableBufferPointer { h in
                            withUnsafeMutablePointer(to: &none) { o in
                                reach.withUnsafeBufferPointer { r in
                                    fill(q: q, t: t, qr: qr, tr: tr, useRhythm: query.hasRhythm, track: false, h: h, o: UnsafeMutableBufferPointer(start: o, count: 0),
                                         floor: r.count == m + 1 ? floor : nil, reach: r).0
                                }
                            }
                        }
                    }
                }
            }
        }
        return max(0, best)
    }

    /// The dynamic programme over three rows of `h` (scores) and `o` (where each cell's alignment began, query step
    /// << 32 | tune step): cell (i, j) is the best score with i steps of the query and j of the tune behind. Gives
    /// the best score less what the query's unmatched end owes, its cell and its origin.
    /// With `track` false, no origins are kept (`o` is not touched): the score alone, for ranking many tunes.
    @inline(__always)
    private func fill(q: UnsafeBufferPointer<Int8>, t: UnsafeBufferPointer<Int8>, qr: UnsafeBufferPointer<Int8>, tr: UnsafeBufferPointer<Int8>,
                      useRhythm: Bool, track: Bool, h: UnsafeMutableBufferPointer<Int32>, o: UnsafeMutableBufferPointer<Int64>,
                      floor: Int32? = nil, reach: UnsafeBufferPointer<Int32> = UnsafeBufferPointer(start: nil, count: 0)) -> (Int32, (Int, Int), Int64) {
        intervalByDistance.withUnsafeBufferPointer { it in
            rhythmByDistance.withUnsafeBufferPointer { rt in
                sameByInterval.withUnsafeBufferPointer { st in
                    fill(q: q, t: t, qr: qr, tr: tr, it: it, rt: rt, st: st, useRhythm: useRhythm, track: track, h: h, o: o, floor: floor, reach: reach)
                }
            }
        }
    }

    /// The programme itself, with the score tables as pointers (an Array property read in the inner loop was
    /// checked and reloaded at every cell), read by how far the tune's step is from the query's.
    @inline(__always)
    private func fill(q: UnsafeBufferPointer<Int8>, t: UnsafeBufferPointer<Int8>, qr: UnsafeBufferPointer<Int8>, tr: UnsafeBufferPointer<Int8>,
                      it: UnsafeBufferPointer<Int32>, rt: UnsafeBufferPointer<Int32>, st: UnsafeBufferPointer<Int32>,
                      useRhythm: Bool, track: Bool, h: UnsafeMutableBufferPointer<Int32>, o: UnsafeMutableBufferPointer<Int64>,
                      floor: Int32?, reach: UnsafeBufferPointer<Int32>) -> (Int32, (Int, Int), Int64) {
        let m = q.count, width = t.count + 1
        let unmatchedEnd = m > phraseSteps ? 0 : self.unmatchedEnd
        var best = Int32.min, bestEnd = (0, 0), bestOrigin: Int64 = 0
        // The highest cell of the row before and of this one (for `floor`: 0 stands for an alignment begun later).
        var rowBefore: Int32 = 0
        for j in 0..<width { h[j] = 0; if track { o[j] = Int64(j) } }
        for i in 1...m {
            let cur = (i % 3) * width, up = ((i - 1) % 3) * width, up2 = ((i + 1) % 3) * width
            // Not begun yet: the query's first i steps left out.
            let fresh = -Int32(i) * unmatchedEnd
            let owed = Int32(m - i) * unmatchedEnd
            let qi = Int(q[i - 1])
            let qSame = st[qi + 31]
            let qJoined = i >= 2 ? qi + Int(q[i - 2]) : 0
            // One note off leaves the two steps' sum as the tune's: scored as that sum matched.
            let wrongValue = it[0] + wrongNote
            let qRhythm = Int(qr[i - 1]), qRhythmBefore = i >= 2 ? Int(qr[i - 2]) : 0
            h[cur] = fresh
            if track { o[cur] = Int64(i) << 32 }
            var rowTop: Int32 = 0
            for j in 1..<width {
                let tj = Int(t[j - 1])
                var v = fresh, from = track ? Int64(i) << 32 | Int64(j) : 0
                // A step matched (or not quite).
                var step = tj == qi ? qSame : it[abs(tj - qi)]
                if useRhythm { step += rt[abs(Int(tr[j - 1]) - qRhythm)] }
                if h[up + j - 1] + step > v { v = h[up + j - 1] + step; if track { from = o[up + j - 1] } }
                // A step of the tune not in the query, or of the query not in the tune.
                if h[cur + j - 1] + gap > v { v = h[cur + j - 1] + gap; if track { from = o[cur + j - 1] } }
                if h[up + j] + gap > v { v = h[up + j] + gap; if track { from = o[up + j] } }
                if i >= 2, j >= 2 {
                    let tJoined = tj + Int(t[j - 2])
                    // One note off: the two steps around it are off by as much in opposite directions.
                    if qJoined == tJoined {
                        var w = h[up2 + j - 2] + wrongValue
                        if useRhythm { w += rt[abs(Int(tr[j - 1]) - qRhythm)] + rt[abs(Int(tr[j - 2]) - qRhythmBefore)] }
                        if w > v { v = w; if track { from = o[up2 + j - 2] } }
                    }
                }
                // A note the query left out: its one step is the tune's two.
                if j >= 2 {
                    let w = h[up + j - 2] + it[abs(tj + Int(t[j - 2]) - qi)] + slip
                    if w > v { v = w; if track { from = o[up + j - 2] } }
                }
                // A note the query put in: its two steps are the tune's one.
                if i >= 2 {
                    let w = h[up2 + j - 1] + it[abs(tj - qJoined)] + slip
                    if w > v { v = w; if track { from = o[up2 + j - 1] } }
                }
                h[cur + j] = v
                if track { o[cur + j] = from }
                if v > rowTop { rowTop = v }
                if v - owed > best, !track || Int(from >> 32) < i { best = v - owed; bestEnd = (i, j); bestOrigin = from }
            }
            // Every alignment still to finish goes on from this row, or from the one before by a move that takes two
            // steps of the query: if neither can reach the floor, nothing will.
            if let floor, best < floor, rowTop + reach[i] < floor, rowBefore + reach[i - 1] < floor { return (best, bestEnd, bestOrigin) }
            rowBefore = rowTop
        }
        return (best, bestEnd, bestOrigin)
    }
}
