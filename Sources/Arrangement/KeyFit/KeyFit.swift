import SongCore

/// The key chosen so a melody sits in every group's comfortable range, and what still does not fit.
public struct KeyFit: Sendable, Hashable, Codable {
    /// One group's notes outside its range in the chosen key.
    public struct Outside: Sendable, Hashable, Codable {
        /// The group.
        public var group: String
        /// The octave the group sings the tune in: −1 an octave lower, 0 as written, +1 an octave higher.
        public var octave: Int
        /// Notes below the range (as sung).
        public var below: [String]
        /// Notes above the range (as sung).
        public var above: [String]
    }

    /// Semitones to move the song by.
    public var semitones: Int
    /// The key it lands in.
    public var key: Key
    /// The melody's lowest and highest notes in that key.
    public var lowest: String
    /// Highest note.
    public var highest: String
    /// Groups with notes outside their range (empty when everything fits).
    public var outside: [Outside]
    /// The instruments a community band brings on which the key is an easy one (open chords, no barre), of guitar,
    /// accordion and ukulele.
    public var easyOn: [String] = []

    /// Whether every note fits every group.
    public var fitsEveryone: Bool { outside.isEmpty }
}

/// Chooses the transposition (within an octave either way) that keeps a melody inside every group's comfortable
/// range, each group singing in the octave that suits it (men an octave below children, as unison singing does):
/// fewest notes outside (weighted by how far out), then a key that is easy on the band's instruments (guitar,
/// accordion, ukulele), then the tune centred in the groups' shared range, then the smallest move.
public enum KeyFitter {
    /// Keys with open-chord shapes on each instrument a community band brings: guitar (the CAGED keys and their
    /// relative minors), a piano accordion or melodeon (the keys of its buttons, and F and B flat), ukulele (G-C-E-A
    /// tuning). From common beginners' tutors; a key names its tonic and mode (major or minor).
    public static let easyKeys: [(instrument: String, keys: Set<String>)] = [
        ("guitar", ["C", "G", "D", "A", "E", "Am", "Em", "Dm", "Bm"]),
        ("accordion", ["C", "G", "D", "F", "Bb", "Am", "Em", "Dm", "Gm"]),
        ("ukulele", ["C", "G", "D", "F", "A", "Am", "Em", "Dm", "Gm"]),
    ]

    /// The easy keys read once, as tonic pitch class and whether minor.
    private static let easyTonics: [(instrument: String, keys: [(pitchClass: Int, minor: Bool)])] = easyKeys.map { entry in
        (entry.instrument, entry.keys.compactMap { Key($0) }.map { ($0.tonic.pitchClass, $0.mode.isMinorLike) })
    }

    /// The instruments on which `key` is easy.
    public static func easy(_ key: Key) -> [String] {
        easyTonics.filter { entry in
            entry.keys.contains { $0.pitchClass == key.tonic.pitchClass && $0.minor == key.mode.isMinorLike }
        }.map(\.instrument)
    }

    /// The best key for `melodyKeys` (MIDI numbers of every sung note) in `key` for `groups`.
    public static func fit(melodyKeys: [Int], key: Key, groups: [VoiceRange]) -> KeyFit {
        guard let lo = melodyKeys.min(), let hi = melodyKeys.max(), !groups.isEmpty else {
            return KeyFit(semitones: 0, key: key, lowest: "-", highest: "-", outside: [])
        }
        let centre = Double(groups.map(\.low).max()! + groups.map(\.high).min()!) / 2
        var best: (cost: Int, hard: Int, off: Double, move: Int, t: Int)?
        for t in -12...12 {
            var cost = 0
            for g in groups { cost += octaveCost(keys: melodyKeys, shift: t, group: g).cost }
            let mid = Double(lo + hi) / 2 + Double(t)
            let hard = 3 - easy(Transposition.bestKey(semitones: t, from: key)).count
            let candidate = (cost, hard, abs(mid - centre), abs(t), t)
            if best == nil || (candidate.0, candidate.1, candidate.2, candidate.3) < (best!.cost, best!.hard, best!.off, best!.move) { best = candidate }
        }
        let t = best!.t
        let newKey = Transposition.bestKey(semitones: t, from: key)
        let spell = { (midi: Int) in newKey.spell(midiNumber: midi).description }
        var outside: [KeyFit.Outside] = []
        for g in groups {
            let (_, octave) = octaveCost(keys: melodyKeys, shift: t, group: g)
            let sung = melodyKeys.map { $0 + t + 12 * octave }
            let below = Array(Set(sung.filter { $0 < g.low })).sorted().map(spell)
            let above = Array(Set(sung.filter { $0 > g.high })).sorted().map(spell)
            if !below.isEmpty || !above.isEmpty { outside.append(.init(group: g.name, octave: octave, below: below, above: above)) }
        }
        return KeyFit(semitones: t, key: newKey, lowest: spell(lo + t), highest: spell(hi + t), outside: outside, easyOn: easy(newKey))
    }

    /// How far outside a group's range the melody falls when shifted, in the octave that suits the group best
    /// (as written unless an octave lower or higher is clearly better).
    static func octaveCost(keys: [Int], shift: Int, group: VoiceRange) -> (cost: Int, octave: Int) {
        func cost(_ s: Int) -> Int {
            keys.reduce(0) { total, k in
                let n = k + s
                return total + (n < group.low ? (group.low - n) * 2 : 0) + (n > group.high ? (n - group.high) * 2 : 0) + (n < group.low || n > group.high ? 5 : 0)
            }
        }
        var best = (cost: cost(shift), octave: 0)
        for octave in [-1, 1] where cost(shift + 12 * octave) < best.cost { best = (cost(shift + 12 * octave), octave) }
        return best
    }

    /// Every sung note of a song (melodies of the sections in its form).
    public static func sungKeys(_ song: Song) -> [Int] {
        song.form.flatMap { item in song.section(item.section)?.melody?.performedNotes.map(\.pitch.midiNumber) ?? [] }
    }
}
