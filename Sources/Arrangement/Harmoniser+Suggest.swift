import SongCore

extension Harmoniser {
    /// The weights of the harmoniser's choices (see `suggest`), in units of a quarter note's weight on a beat.
    public struct Weights: Sendable, Hashable {
        /// How readily each scale degree's triad is used (I ii iii IV V vi VII), and the dominant seventh.
        public var priors: [Double] = [0.6, 0.25, 0.0, 0.5, 0.5, 0.3, 0.35]
        public var dominantSeventh = 0.4
        /// What a sung note outside the chord costs, against what one inside it earns.
        public var outside = 0.9
        /// The cost of changing chord half way through a bar.
        public var midBarChange = 0.8
        /// How much the progressions of common practice count (V–I, IV–V…).
        public var progression = 1.0
        /// The dominant at the half cadence (the line end nearest the middle), and the tonic at other line ends.
        public var halfCadence = 1.2
        public var lineEndTonic = 0.4

        public init() {}
    }

    /// A stretch of the tune that gets one chord: a bar, or half a bar.
    struct Slot {
        var start: NoteLength
        var length: NoteLength
        /// The bar it is in (from 0), and whether it is the second half of that bar.
        var bar: Int
        var secondHalf: Bool
        /// Pitch classes sung in it, each with its weight (longer and on stronger beats weighs more).
        var notes: [(pc: Int, weight: Double)] = []
    }

    /// The chords a songwriter in the key would reach for: the mode's own triads, the dominant seventh where the
    /// dominant is major, and in a minor key the major dominant of the harmonic minor. Each with its scale degree
    /// (0 the tonic) and how readily it is used.
    static func palette(_ key: Key, weights: Weights = Weights()) -> [(chord: Chord, degree: Int, prior: Double)] {
        let scale = key.scale.notes
        // How readily each degree's chord is used in the songs a community band plays: I, IV and V most, then the
        // relative minor and ii, iii rarely; a major chord on the seventh degree (the flat seventh of a modal folk
        // tune) often, the diminished one almost never.
        let priors = weights.priors
        var out: [(Chord, Int, Double)] = (0..<7).map { d in
            let root = scale[d], third = scale[(d + 2) % 7], fifth = scale[(d + 4) % 7]
            let minor = Interval(from: root, to: third).semitones == 3
            let diminished = Interval(from: root, to: fifth).semitones == 6
            return (Chord(root: root, quality: diminished ? .diminished : (minor ? .minor : .major)), d, diminished ? -1.5 : priors[d])
        }
        if key.mode == .minor || key.mode == .aeolian {
            out.append((Chord(root: scale[4], quality: .major), 4, 0.55))
        }
        // The dominant seventh, where the dominant is major: its seventh (the key's fourth degree) is a chord tone.
        if let dominant = out.last(where: { $0.1 == 4 && $0.0.quality == .major })?.0 {
            var seventh = dominant
            seventh.seventh = .minor
            out.append((seventh, 4, weights.dominantSeventh))
        }
        return out
    }

    /// How well one chord follows another, by their degrees: the progressions of common practice and of folk and
    /// popular song (V–I, IV–V, ii–V, I–IV, vi–ii, IV–I…) are preferred, the retrogressions (V–IV, V–ii) avoided.
    static func progression(from a: Int, to b: Int) -> Double {
        if a == b { return 0 }
        switch (a, b) {
        case (4, 0): return 0.7
        case (3, 4), (1, 4): return 0.5
        case (0, 3), (0, 4), (3, 0), (5, 1), (5, 3), (0, 5): return 0.35
        case (6, 0), (2, 5), (4, 5), (1, 0): return 0.2
        case (4, 3), (4, 1): return -0.4
        default: return 0
        }
    }

    /// The tune's slots: a bar each, or two halves of a bar in a meter of two or four beats (4/4, 2/2, 6/8, 2/4)
    /// where the tune asks for it; with `halfBars`, every such bar in halves.
    static func slots(_ melody: Melody) -> (slots: [Slot], phraseEnds: Set<Int>, canSplit: Bool) {
        guard let bar = melody.meter.barLength else { return ([], [], false) }
        let meter = melody.meter
        let pulses = meter.isCompound ? meter.beats / 3 : meter.beats
        let canSplit = pulses % 2 == 0
        let half = bar * NoteLength(1, 2)
        var slots: [Slot] = []
        var phraseEnds: Set<Int> = []
        var time = NoteLength.zero
        func slot(at t: NoteLength) -> Int {
            let b = (t / bar).numerator / max(1, (t / bar).denominator)
            let second = canSplit && t - bar * b >= half
            let index = b * (canSplit ? 2 : 1) + (second ? 1 : 0)
            while slots.count <= index {
                let n = slots.count
                let barIndex = canSplit ? n / 2 : n
                let isSecond = canSplit && n % 2 == 1
                slots.append(Slot(start: bar * barIndex + (isSecond ? half : .zero), length: canSplit ? half : bar, bar: barIndex, secondHalf: isSecond))
            }
            return index
        }
        for element in melody.elements {
            switch element {
            case .note(let n):
                let index = slot(at: time)
                let offset = time - bar * slots[index].bar
                // The downbeat weighs most, then the half bar (or a compound meter's beats), then the beats.
                let metric = offset.isZero ? 3.0 : (offset == half && canSplit ? 2.2 : ((offset / meter.pulse).denominator == 1 ? 1.5 : 0.8))
                let beats = Double((n.duration / meter.pulse).numerator) / Double((n.duration / meter.pulse).denominator)
                let weight = metric * min(2, max(0.5, beats))
                if let pc = n.pitches.first?.name.pitchClass { slots[index].notes.append((pc, weight)) }
                time += n.duration
            case .rest(let r):
                _ = slot(at: time)
                time += r.duration
            case .lineBreak:
                // A line of the tune is a phrase: its last bar is where a cadence goes.
                if time > .zero { phraseEnds.insert(((time - NoteLength(1, 1024)) / bar).numerator / max(1, ((time - NoteLength(1, 1024)) / bar).denominator)) }
            default: break
            }
        }
        return (slots, phraseEnds, canSplit)
    }

    /// The chords for `melody`, one a slot, by dynamic programming over the slots: each chord scored by the sung
    /// notes it holds (less those it does not), how readily it is used, how well it follows the chord before, a
    /// cadence where a phrase ends (the dominant at the end of the first and third phrases, a half cadence; the
    /// tonic, after the dominant, at the end of the others and of the song), and a cost for changing chord half way
    /// through a bar, so a bar is split only where its halves ask for different chords.
    public static func suggest(_ melody: Melody, halfBars: Bool, weights: Weights = Weights()) -> [(start: NoteLength, chord: Chord)] {
        let (slots, lineEnds, canSplit) = slots(melody)
        guard !slots.isEmpty else { return [] }
        let palette = palette(melody.key, weights: weights)
        let bars = (slots.last?.bar ?? 0) + 1
        // Phrase ends: the tune's own lines, else every four bars.
        let phraseEnds = lineEnds.isEmpty ? Set(stride(from: 3, to: bars, by: 4)).union([bars - 1]) : lineEnds.union([bars - 1])
        let ordered = phraseEnds.sorted()
        func fit(_ c: Int, _ s: Slot) -> Double {
            let pcs = palette[c].chord.pitchClasses
            return s.notes.reduce(0) { $0 + (pcs.contains($1.pc) ? $1.weight : -weights.outside * $1.weight) }
        }
        // The line end nearest the middle of the tune is its half cadence (on the dominant); the song ends on the
        // tonic, and its other lines lean towards it.
        let middle = ordered.dropLast().min { abs($0 + 1 - bars / 2) < abs($1 + 1 - bars / 2) }
        func cadence(_ c: Int, _ s: Slot, _ index: Int) -> Double {
            let degree = palette[c].degree
            // The bar's last slot that sings something new (a note held over the half bar leaves its second half empty).
            let lastSlotOfBar = !canSplit || s.secondHalf || (index + 1 < slots.count && slots[index + 1].notes.isEmpty)
            if s.bar == bars - 1 { return degree == 0 ? (lastSlotOfBar ? 4 : 1) : (degree == 4 && !lastSlotOfBar ? 1 : -2) }
            guard phraseEnds.contains(s.bar), lastSlotOfBar else { return 0 }
            if s.bar == middle { return degree == 4 ? weights.halfCadence : 0 }
            return degree == 0 ? weights.lineEndTonic : 0
        }
        // Viterbi: best[i][c] is the best score of the slots up to i ending on chord c.
        var best = [[Double]](repeating: [Double](repeating: -.infinity, count: palette.count), count: slots.count)
        var back = [[Int]](repeating: [Int](repeating: 0, count: palette.count), count: slots.count)
        for (i, s) in slots.enumerated() {
            for c in palette.indices {
                let own = fit(c, s) + palette[c].prior + cadence(c, s, i)
                if i == 0 {
                    best[i][c] = own + (palette[c].degree == 0 ? 1 : 0)
                    continue
                }
                for p in palette.indices where best[i - 1][p] > -.infinity {
                    var step = weights.progression * progression(from: palette[p].degree, to: palette[c].degree)
                    if p != c && s.secondHalf && !halfBars { step -= weights.midBarChange }
                    if p != c && s.notes.isEmpty && s.secondHalf { step -= 3 }   // no chord change under a held note   // a change within the bar must earn its place
                    let total = best[i - 1][p] + step + own
                    if total > best[i][c] { best[i][c] = total; back[i][c] = p }
                }
            }
        }
        var c = best[slots.count - 1].indices.max { best[slots.count - 1][$0] < best[slots.count - 1][$1] } ?? 0
        var chosen = [Int](repeating: 0, count: slots.count)
        for i in stride(from: slots.count - 1, through: 0, by: -1) {
            chosen[i] = c
            c = back[i][c]
        }
        return slots.indices.map { (slots[$0].start, palette[chosen[$0]].chord) }
    }
}
