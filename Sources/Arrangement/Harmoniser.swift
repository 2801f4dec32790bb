import SongCore

/// Chords for a melody that has none, and simpler chords for beginners.
public enum Harmoniser {
    /// Suggests chords for `melody`: the chords `model` (the learnt one unless given) finds likeliest, one a bar,
    /// or a half bar where the tune asks for it (more readily with `halfBars`, in meters of two or four pulses),
    /// with cadences where its phrases end and the home chord at the end (see `suggest`). Each chord is written on
    /// the first note or rest of its stretch, where it changes.
    public static func harmonise(_ melody: Melody, halfBars: Bool = false, model: HarmonyModel = .learned) -> Melody {
        var m = melody
        let chords = suggest(melody, halfBars: halfBars, model: model)
        guard !chords.isEmpty else { return m }
        var next = 0
        var previous: Chord?
        var time = NoteLength.zero
        for i in m.elements.indices {
            let duration: NoteLength
            switch m.elements[i] {
            case .note(let n): duration = n.duration
            case .rest(let r): duration = r.duration
            default: continue
            }
            // The chord of the latest stretch that has begun by this note, written if it is a change.
            var due: Chord?
            while next < chords.count, chords[next].start <= time {
                due = chords[next].chord
                next += 1
            }
            var symbol: ChordSymbol?
            if let due, due != previous { symbol = .chord(due) }
            previous = due ?? previous
            switch m.elements[i] {
            case .note(var n): n.chordSymbol = symbol; m.elements[i] = .note(n)
            case .rest(var r): r.chordSymbol = symbol; m.elements[i] = .rest(r)
            default: break
            }
            time += duration
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
    /// of the three sharing most notes with them. The three are the mode's own triads on its first, fourth and
    /// fifth degrees (A dorian: Am, D and Em; G mixolydian: G, C and Dm), except that a minor key keeps the major
    /// dominant of the harmonic minor, as songs in minor keys do (A minor: Am, Dm and E).
    public static func threeChord(_ symbol: ChordSymbol, in key: Key) -> ChordSymbol {
        guard let c = symbol.chord else { return symbol }
        let scale = key.scale.notes
        func triad(_ degree: Int) -> Chord {
            let minor = Interval(from: scale[degree], to: scale[(degree + 2) % 7]).semitones == 3
            return Chord(root: scale[degree], quality: minor ? .minor : .major)
        }
        let one = triad(0), four = triad(3)
        let five = key.mode == .minor || key.mode == .aeolian ? Chord(root: scale[4], quality: .major) : triad(4)
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
