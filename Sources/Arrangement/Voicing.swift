import SongCore

/// Chord voicings that move as little as possible, inside the piano's middle register.
enum Voicing {
    /// Keys the piano's chords stay within (G3 to E5).
    static let range = 55...76

    /// The voicing of `chord` closest to `previous` (the sum of the moves is smallest); root position around
    /// middle C when there is no previous chord. Triad and seventh tones only, three or four notes.
    static func next(_ chord: Chord, after previous: [Int]) -> [Int] {
        var tones = chord.intervals.filter { $0.semitones < 12 }.map { (chord.root.pitchClass + $0.semitones) % 12 }
        if tones.count > 4 { tones = Array(tones.prefix(4)) }
        var classes: [Int] = []
        for pc in tones.sorted() where classes.last != pc { classes.append(pc) }
        var candidates: [[Int]] = []
        // Every inversion: the chord tones stacked upward from each starting tone, in each octave that fits.
        for startIndex in classes.indices {
            let order = Array(classes[startIndex...] + classes[..<startIndex])
            for base in stride(from: range.lowerBound - 12, through: range.upperBound, by: 12) {
                var keys: [Int] = []
                var last = base - 1
                for pc in order {
                    var k = base + ((pc - base) % 12 + 12) % 12
                    while k <= last { k += 12 }
                    keys.append(k)
                    last = k
                }
                if keys.allSatisfy(range.contains) { candidates.append(keys) }
            }
        }
        guard !candidates.isEmpty else { return classes.map { 60 + $0 } }
        // Each candidate's cost once, without arrays made on the way (this runs for every chord of every render);
        // the first of the cheapest wins.
        func cost(_ v: [Int]) -> Int {
            // With nothing before: root position nearest middle C.
            guard !previous.isEmpty else { return abs(v[0] - 60) + (v[0] % 12 == chord.root.pitchClass ? 0 : 12) }
            // After a chord: how far every voice moves, each to its nearest voice in the other chord, both ways.
            var total = 0
            for k in v {
                var nearest = Int.max
                for p in previous { nearest = min(nearest, abs(p - k)) }
                total += nearest
            }
            for p in previous {
                var nearest = Int.max
                for k in v { nearest = min(nearest, abs(p - k)) }
                total += nearest
            }
            return total
        }
        var best = candidates[0], bestCost = cost(candidates[0])
        for candidate in candidates.dropFirst() {
            let c = cost(candidate)
            if c < bestCost { (best, bestCost) = (candidate, c) }
        }
        return best
    }

    /// A chord's `keys` kept under the tune: a tone at or above `ceiling` (the lowest sung note while it sounds)
    /// moves down by octaves, a tone that would then fall below `floor` is left out, and so is a tone a semitone
    /// (a minor 2nd or 9th) from a sung note. If nothing is left, the keys stay as they were, less the clashes.
    static func under(_ keys: [Int], ceiling: Int?, floor: Int, sung: [Int]) -> [Int] {
        let clear = keys.filter { k in !sung.contains { abs($0 - k) % 12 == 1 } }
        guard let ceiling else { return clear.isEmpty ? keys : clear }
        var out: [Int] = []
        for var k in clear {
            while k >= ceiling { k -= 12 }
            if k >= floor, !out.contains(k) { out.append(k) }
        }
        return out.isEmpty ? (clear.isEmpty ? keys : clear) : out.sorted()
    }

    /// The bass key for a note name, between D2 and C#3 (MIDI 38–49).
    static func bassKey(_ name: NoteName) -> Int {
        38 + ((name.pitchClass - 38 % 12) % 12 + 12) % 12
    }

    /// When a span's chord is struck: at its start, then again at each bar line it crosses.
    static func strikes(_ span: ChordSpan) -> [(NoteLength, NoteLength)] {
        guard let bar = span.meter.barLength, !bar.isZero else { return [(span.at, span.duration)] }
        var out: [(NoteLength, NoteLength)] = []
        var t = span.at
        let end = span.at + span.duration
        var nextBar = span.barStart + bar
        while nextBar <= t { nextBar += bar }
        while t < end {
            let stop = min(end, nextBar)
            out.append((t, stop - t))
            t = stop
            nextBar += bar
        }
        return out
    }
}
