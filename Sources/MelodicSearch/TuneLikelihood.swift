import Foundation

/// How likely a query is to be a tune sung by someone: the probability of the query's notes given the tune, summed
/// over every way they could line up (a pair hidden Markov model's forward pass, Durbin et al. 1998, "Biological
/// Sequence Analysis", ch. 4), for ranking the alignment's best few. Where the aligner scores steps, this follows
/// the notes: each sung note is the tune's note in the singer's key, or a semitone or a tone off; a note may be
/// left out or put in; and the singer may lose the key and go on from another. A note sung off is one slip here,
/// where in steps it spoils two. The key the query is sung in is never needed: the state carries how far the last
/// note stands from the tune's (−4…4 semitones), so each step is judged against the tune's step from there.
///
/// The start is any note of the tune, each as likely: a long tune pays for its many chances (log of its notes).
/// Summing over alignments, rather than taking the best, counts a tune that fits the query several ways for more.
public struct TuneLikelihood: Sendable {
    /// The chance a note is sung a semitone or a tone off (shared among the four). The rates are what the issue
    /// says people do (one note in ten off, a note left out or put in); the ranking hardly moves with them: on
    /// the accuracy bench (1,000 queries of another seed, MRR 0.813 as set) 0.05 gave 0.817 and 0.2 0.807; a
    /// slip of 0.03 or 0.1, 0.812; a drift of 0.001, 0.815, and of 0.05, 0.810.
    public var wrongNote = 0.1
    /// The chance, at each note, of a tune's note left out; the same again of a note put in.
    public var slip = 0.05
    /// The chance, at each note, that the singer loses the key and goes on from another.
    public var drift = 0.01
    /// How the rhythm ratio of a step matched to the tune's next step is spread, by how far apart the two are in
    /// half-octaves: the same, one apart, further (each of the far ones).
    public var rhythmSame = 0.7, rhythmNear = 0.1, rhythmFar = 0.01
    /// The rhythm of a step next to a note left out or put in: anything (about one of the ratios tunes use).
    public var rhythmAny = 0.12

    /// How far below the best way so far a way may fall, as a share of it, before it is no longer followed: it
    /// adds nothing a ranking can see. On the accuracy bench (`make bench-search`): MRR 0.835 at 1e-6, 0.834 at
    /// 1e-4 (a millisecond a query less), 0.828 at 1e-3, 0.800 at 1e-2.
    public var faintest = 1e-4

    /// The farthest a note may stand from the tune's while the state follows it: a note put in a tone off beside
    /// one sung a tone off.
    static let reach = 4
    static let offsets = 2 * reach + 1

    /// A model with the standard rates.
    public init() {}

    /// The chance of a note standing `e` semitones from the tune's note in the singer's key (before any drift).
    @inline(__always) func offByChance(_ e: Int) -> Double {
        e == 0 ? 1 - wrongNote : (abs(e) <= 2 ? wrongNote / 4 : 0)
    }

    /// The chance of a note put in `d` semitones from the note sung before: nine in ten within a tone of it, the
    /// rest spread over twenty other steps.
    @inline(__always) func putInChance(_ d: Int) -> Double { abs(d) <= 2 ? 0.18 : 0.1 / 20 }

    /// The chance of the query's rhythm step `a` where the tune's is `b`.
    @inline(__always) func rhythmChance(_ a: Int8, _ b: Int8) -> Double {
        let d = abs(Int(a) - Int(b))
        return d == 0 ? rhythmSame : (d == 1 ? rhythmNear : rhythmFar)
    }

    /// The most notes of one tune a pass follows: a longer tune (a song a whole evening long, a tunebook read as one
    /// tune) is followed over this many notes about `around`, each of its notes still counted as a place to
    /// start, so a search's time and memory stay bounded whatever the archive holds.
    public static let longest = 2_048

    /// log₂ of the chance of `query` given `tune`, followed over at most `longest` notes about the notes `around`
    /// (the middle of the tune when not given).
    public func logLikelihood(_ query: TuneShape, in tune: TuneShape, around: Range<Int>?) -> Double {
        guard tune.noteCount > Self.longest else { return logLikelihood(query, in: tune) }
        let middle = around.map { ($0.lowerBound + $0.upperBound) / 2 } ?? tune.noteCount / 2
        let lower = max(0, min(tune.noteCount - Self.longest, middle - Self.longest / 2))
        return logLikelihood(query, in: tune.notes(lower..<(lower + Self.longest))) - log2(Double(tune.noteCount) / Double(Self.longest))
    }

    /// log₂ of the chance of `query` given `tune` (every note of the query accounted for; the tune's notes before
    /// and after the passage free), or −∞ when no way fits.
    public func logLikelihood(_ query: TuneShape, in tune: TuneShape) -> Double {
        let m = query.intervals.count, n = tune.intervals.count
        guard m > 0, n > 0 else { return -.infinity }
        let notes = n + 1, k = Self.offsets, reach = Self.reach
        let useRhythm = query.hasRhythm
        let size = notes * k
        // Two rows of chances (this note's, the next's) and the states each holds, in one allocation each.
        let rows = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * size)
        let lists = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 2 * size)
        defer { rows.deallocate(); lists.deallocate() }
        rows.initialize(repeating: 0)
        var previous = rows.baseAddress!, current = previous + size
        var live = lists.baseAddress!, next = live + size
        var liveCount = 0
        // The first note: any note of the tune, and off by as much as any note may be.
        let start = 1 / Double(notes)
        for a in 0..<notes {
            for e in -2...2 {
                previous[a * k + e + reach] = start * offByChance(e)
                live[liveCount] = Int32(a * k + e + reach)
                liveCount += 1
            }
        }
        var logScale = 0.0
        let keep = 1 - 2 * slip
        let drifted = drift / 24
        let anyRhythm = useRhythm ? rhythmAny : 1
        return tune.intervals.withUnsafeBufferPointer { steps in
            tune.rhythm.withUnsafeBufferPointer { rhythm in
                for i in 0..<m {
                    let d = Int(query.intervals[i]), qr = query.rhythm[i]
                    let putIn = slip * putInChance(d) * anyRhythm
                    var nextCount = 0
                    // Only the states worth following (`faintest`): the pass keeps to the few places the query fits.
                    for l in 0..<liveCount {
                        let state = Int(live[l])
                        let p = previous[state]
                        previous[state] = 0
                        let a = state / k, offset = state % k - reach
                        // The next note of the tune, or the one after it (one left out).
                        if a + 1 < notes {
                            let e = offset + d - Int(steps[a])
                            let x = (a + 1) * k + (abs(e) <= 2 ? e : 0) + reach
                            if current[x] == 0 { next[nextCount] = Int32(x); nextCount += 1 }
                            current[x] += p * keep * (useRhythm ? rhythmChance(qr, rhythm[a]) : 1) * sung(e, drifted)
                        }
                        if a + 2 < notes {
                            let e = offset + d - Int(steps[a]) - Int(steps[a + 1])
                            let x = (a + 2) * k + (abs(e) <= 2 ? e : 0) + reach
                            if current[x] == 0 { next[nextCount] = Int32(x); nextCount += 1 }
                            current[x] += p * slip * anyRhythm * sung(e, drifted)
                        }
                        // A note put in: the tune stays where it was, and the offset moves by the step.
                        let moved = offset + d
                        if abs(moved) <= reach {
                            let x = a * k + moved + reach
                            if current[x] == 0 { next[nextCount] = Int32(x); nextCount += 1 }
                            current[x] += p * putIn
                        }
                    }
                    // Kept in range: the row scaled to its largest, the scale remembered.
                    var top = 0.0
                    for l in 0..<nextCount where current[Int(next[l])] > top { top = current[Int(next[l])] }
                    guard top > 0 else { return -.infinity }
                    let faint = top * faintest
                    liveCount = 0
                    for l in 0..<nextCount {
                        let x = Int(next[l])
                        if current[x] >= faint { current[x] /= top; next[liveCount] = Int32(x); liveCount += 1 } else { current[x] = 0 }
                    }
                    logScale += log2(top)
                    swap(&previous, &current)
                    swap(&live, &next)
                }
                var total = 0.0
                for l in 0..<liveCount { total += previous[Int(live[l])] }
                return log2(total) + logScale
            }
        }
    }

    /// The chance of a note sung `e` from the tune's note: near it as a slip of the voice, or anywhere when the
    /// singer has drifted to another key (the offset then starts again from 0).
    @inline(__always) private func sung(_ e: Int, _ drifted: Double) -> Double {
        abs(e) <= 2 ? (1 - drifted * 24) * offByChance(e) + drifted : drifted
    }
}
