import SongCore

/// What the harmoniser knows about how folk and popular tunes are harmonised, learnt from tunebooks that give their
/// chords (`HarmonyModel.Counts`; the shipped model is `learned`): a hidden Markov model whose states are chords
/// relative to the key, over the tune's bars and half bars (`HarmonySlot`).
///
/// - which chords a key's tunes use, and how often (a major and a minor family of modes, each its own tables);
/// - how one chord follows another, within a bar and across a bar line (the second is far likelier to change);
/// - which chords end phrases, periods and tunes (the cadences);
/// - which sung notes a chord holds: the share of sung time each interval above a chord's root takes, by the
///   chord's triad and by whether the note is on a strong beat (where a passing note is rare).
public struct HarmonyModel: Sendable {
    /// The triads the model tells apart; every chord symbol reads as one (sevenths and added notes dropped,
    /// augmented, suspended and power chords as major).
    public enum Triad: Int, Sendable, CaseIterable {
        case major, minor, diminished

        public init(_ quality: Chord.Quality) {
            switch quality {
            case .minor: self = .minor
            case .diminished: self = .diminished
            default: self = .major
            }
        }
    }

    /// A chord relative to a key: its root's distance above the tonic in semitones, and its triad. Numbered
    /// `interval * 3 + triad` (0..<36) in the tables.
    public struct Degree: Sendable, Hashable {
        public var interval: Int
        public var triad: Triad

        public init(interval: Int, triad: Triad) {
            self.interval = ((interval % 12) + 12) % 12
            self.triad = triad
        }

        public init(_ chord: Chord, in key: Key) {
            self.init(interval: chord.root.pitchClass - key.tonic.pitchClass, triad: Triad(chord.quality))
        }

        init(number: Int) { self.init(interval: number / 3, triad: Triad(rawValue: number % 3)!) }

        var number: Int { interval * 3 + triad.rawValue }

        /// The chord in `key`, its root spelled as the interval from the tonic it is (in C: B♭ for the flat
        /// seventh, F♯ for the raised fourth).
        public func chord(in key: Key) -> Chord {
            // Each semitone above the tonic as (scale steps, semitones): 0 1 2 ♭3 3 4 ♯4 5 ♭6 6 ♭7 7.
            let steps = [0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6]
            let root = key.tonic.transposed(by: Interval(steps: steps[interval], semitones: interval))
            let quality: Chord.Quality = triad == .minor ? .minor : (triad == .diminished ? .diminished : .major)
            return Chord(root: root, quality: quality)
        }
    }

    /// Modes whose third is minor (minor, aeolian, dorian, phrygian, locrian) use the minor tables.
    public enum Family: Int, Sendable, CaseIterable {
        case major, minor

        public init(_ mode: Mode) { self = mode.isMinorLike ? .minor : .major }
    }

    /// One family's tables, all natural logarithms.
    public struct Tables: Sendable {
        /// The chords the family uses (`Degree.number`), in the order the other tables index them.
        public var chords: [Int]
        /// The first chord of a tune.
        public var start: [Double]
        /// `change[0]` within a bar (first half to second), `change[1]` across a bar line: [from][to].
        public var change: [[[Double]]]
        /// How much likelier (or less likely) each chord is at each `HarmonySlot.PhrasePlace` than anywhere:
        /// log P(chord | place) − log P(chord); zero inside a phrase.
        public var place: [[Double]]
        /// log P(a sung note is this many semitones above the tonic | the chord, a strong beat or not):
        /// [chord][strong 0/1][0..<12], learnt for each chord and smoothed towards the triad's shared table.
        public var heard: [[[Double]]]
    }

    /// The tables of the major and minor families.
    public var families: [Tables]
    /// How much the sung notes count against the progressions (the notes' weights are in quarter-note beats on
    /// a beat, so this sets their scale), and how much the cadences count.
    public var heardScale: Double
    public var placeScale: Double

    public init(families: [Tables], heardScale: Double, placeScale: Double) {
        self.families = families
        self.heardScale = heardScale
        self.placeScale = placeScale
    }

    /// How well chord `c` of `tables` holds the notes of `slot`: the weighted log-likelihood of the sung notes.
    func fit(_ c: Int, of tables: Tables, _ slot: HarmonySlot, tonic: Int) -> Double {
        let table = tables.heard[c]
        var total = 0.0
        for h in slot.heard {
            total += h.weight * table[h.strong ? 1 : 0][((h.pitchClass - tonic) % 12 + 12) % 12]
        }
        return total * heardScale
    }

    /// The most likely chord for each slot (Viterbi), given the tune's key. With `freeHalves`, a change at the
    /// half bar is judged as one at a bar line.
    func decode(_ slots: [HarmonySlot], key: Key, freeHalves: Bool = false) -> [Degree] {
        guard !slots.isEmpty else { return [] }
        let tables = families[Family(key.mode).rawValue]
        let degrees = tables.chords.map(Degree.init(number:))
        let count = degrees.count
        let tonic = key.tonic.pitchClass
        var best = [Double](repeating: 0, count: count)
        var back = [[Int]](repeating: [Int](repeating: 0, count: count), count: slots.count)
        func own(_ c: Int, _ s: HarmonySlot) -> Double {
            fit(c, of: tables, s, tonic: tonic) + placeScale * tables.place[s.place.rawValue][c]
        }
        for c in 0..<count { best[c] = tables.start[c] + own(c, slots[0]) }
        var next = best
        for i in 1..<max(1, slots.count) {
            let change = tables.change[slots[i].secondHalf && !freeHalves ? 0 : 1]
            for c in 0..<count {
                var top = -Double.infinity, from = 0
                for p in 0..<count {
                    let v = best[p] + change[p][c]
                    if v > top { top = v; from = p }
                }
                next[c] = top + own(c, slots[i])
                back[i][c] = from
            }
            swap(&best, &next)
        }
        var c = (0..<count).max { best[$0] < best[$1] } ?? 0
        var out = [Degree](repeating: degrees[0], count: slots.count)
        for i in stride(from: slots.count - 1, through: 0, by: -1) {
            out[i] = degrees[c]
            c = back[i][c]
        }
        return out
    }
}
