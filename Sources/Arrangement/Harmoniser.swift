import SongCore

/// Chords for a melody that has none, and simpler chords for beginners.
public enum Harmoniser {
    /// Suggests diatonic chords for `melody`, one per bar (or per half bar in 4/4 when `halfBars`), chosen from the
    /// notes on the strong beats, with the home chord at the end and the dominant before a phrase's last bar.
    public static func harmonise(_ melody: Melody, halfBars: Bool = false) -> Melody {
        var m = melody
        let key = melody.key
        let scale = key.scale.notes
        // The key's triads, by scale degree (0-based).
        let triads: [Chord] = (0..<7).map { d in
            let root = scale[d], third = scale[(d + 2) % 7], fifth = scale[(d + 4) % 7]
            let minor = Interval(from: root, to: third).semitones == 3
            let diminished = Interval(from: root, to: fifth).semitones == 6
            return Chord(root: root, quality: diminished ? .diminished : (minor ? .minor : .major))
        }
        // Prefer the primary chords (I, IV, V, vi, ii): they are what a community band plays.
        let preference = [0, 3, 4, 5, 1, 2, 6]
        guard let bar = melody.meter.barLength else { return m }
        let span = halfBars && melody.meter.beats == 4 ? bar * NoteLength(1, 2) : bar
        // Strong-beat notes in each span.
        var windows: [[Int]] = []
        var time = NoteLength.zero
        var firstNoteOfWindow: [Int?] = []
        for element in melody.elements {
            switch element {
            case .note(let n):
                let w = (time / span).numerator / (time / span).denominator
                while windows.count <= w { windows.append([]); firstNoteOfWindow.append(nil) }
                let inWindow = time - span * w
                let weight = inWindow.isZero ? 3 : ((inWindow / melody.meter.pulse).denominator == 1 ? 2 : 1)
                for _ in 0..<weight { windows[w].append(n.pitches.first?.name.pitchClass ?? 0) }
                time += n.duration
            case .rest(let r): time += r.duration
            default: break
            }
        }
        var chosen: [Chord] = windows.map { notes in
            var best = triads[0], bestScore = -1
            for d in preference {
                let pcs = triads[d].pitchClasses
                let score = notes.filter { pcs.contains($0) }.count * 10 - preference.firstIndex(of: d)!
                if score > bestScore { best = triads[d]; bestScore = score }
            }
            return best
        }
        // Cadence: the home chord last, the dominant before it.
        if !chosen.isEmpty { chosen[chosen.count - 1] = triads[0] }
        if chosen.count >= 2, !triads[4].pitchClasses.isDisjoint(with: Set(windows[chosen.count - 2])) { chosen[chosen.count - 2] = triads[4] }
        // Put each chord on the first note or rest of its span.
        time = .zero
        var placed = Set<Int>()
        for i in m.elements.indices {
            let w = (time / span).numerator / (time / span).denominator
            switch m.elements[i] {
            case .note(var n):
                if !placed.contains(w), w < chosen.count { n.chordSymbol = .chord(chosen[w]); placed.insert(w) } else { n.chordSymbol = nil }
                time += n.duration
                m.elements[i] = .note(n)
            case .rest(var r):
                if !placed.contains(w), w < chosen.count { r.chordSymbol = .chord(chosen[w]); placed.insert(w) } else { r.chordSymbol = nil }
                time += r.duration
                m.elements[i] = .rest(r)
            default: break
            }
        }
        return m
    }

    /// Triads only: sevenths, extensions, additions and alterations dropped (slash bass kept).
    public static func triad(_ symbol: ChordSymbol) -> ChordSymbol {
        guard var c = symbol.chord else { return symbol }
        c.seventh = nil
        c.sixth = false
        c.extensionDegree = nil
        c.added = []
        c.alterations = []
        if c.quality == .power || c.quality == .suspended2 || c.quality == .suspended4 { c.quality = .major }
        return .chord(c)
    }

    /// A three-chord version: every chord becomes I, IV or V of `key` by its function: ii becomes IV (a major II,
    /// the dominant's dominant, becomes V), iii and vi become I, vii becomes V; chords outside the key go to the one
    /// of the three sharing most notes with them.
    public static func threeChord(_ symbol: ChordSymbol, in key: Key) -> ChordSymbol {
        guard let c = symbol.chord else { return symbol }
        let scale = key.scale.notes
        let minor = key.mode.isMinorLike
        let one = Chord(root: scale[0], quality: minor ? .minor : .major)
        let four = Chord(root: scale[3], quality: minor ? .minor : .major)
        let five = Chord(root: scale[4], quality: .major)
        if let degree = scale.firstIndex(where: { $0.pitchClass == c.root.pitchClass }) {
            switch degree {
            case 0, 2, 5: return .chord(one)
            case 3: return .chord(four)
            case 4, 6: return .chord(five)
            default: return .chord(c.quality == .major ? five : four)
            }
        }
        let pcs = c.pitchClasses
        return .chord([one, four, five].max { $0.pitchClasses.intersection(pcs).count < $1.pitchClasses.intersection(pcs).count }!)
    }

    /// Open-chord shapes beginners play, by instrument.
    public static let easyKeys: [String: [String]] = [
        "guitar": ["G", "C", "D", "A", "E", "Em", "Am", "Dm"],
        "ukulele": ["C", "G", "F", "A", "D", "Am", "Dm", "Em"],
    ]

    /// A capo fret and the key to finger in, so a song in `key` can be played with easy shapes on `instrument`
    /// (nil when no fret up to 7 helps).
    public static func capo(for key: Key, instrument: String) -> (fret: Int, shapes: Key)? {
        let easy = (easyKeys[instrument] ?? easyKeys["guitar"]!).compactMap { Key($0) }.filter { $0.mode.isMinorLike == key.mode.isMinorLike }
        for fret in 0...7 {
            if let shape = easy.first(where: { ($0.tonic.pitchClass + fret) % 12 == key.tonic.pitchClass }) { return (fret, shape) }
        }
        return nil
    }
}
