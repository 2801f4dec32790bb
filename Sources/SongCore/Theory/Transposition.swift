/// A key-aware transposition: every note moves by the same spelled interval, so a song in a sharp key
/// comes out with sharps and one in a flat key with flats, and chromatic notes keep their function.
public struct Transposition: Sendable, Hashable, Codable {
    /// The spelled interval every note moves by (may be negative for downward moves).
    public var interval: Interval

    /// A transposition by a spelled interval.
    public init(interval: Interval) { self.interval = interval }

    /// From one key to another: the interval between their tonics, moving to the nearer octave.
    public init(from source: Key, to target: Key) {
        var up = Interval(from: source.tonic, to: target.tonic)
        if up.semitones > 6 { up = Interval(steps: up.steps - 7, semitones: up.semitones - 12) }
        self.interval = up
    }

    /// By `semitones`, with the spelling chosen by the key the song lands in.
    public init(semitones: Int, from key: Key?) {
        let source = key ?? .cMajor
        let target = Transposition.bestKey(semitones: semitones, from: source)
        var interval = Interval(from: source.tonic, to: target.tonic)
        // Keep the direction and octave the caller asked for.
        let octaves = Int((Double(semitones - interval.semitones) / 12).rounded())
        interval = Interval(steps: interval.steps + 7 * octaves, semitones: interval.semitones + 12 * octaves)
        self.interval = interval
    }

    /// The key `semitones` away from `key` in the same mode, spelled with the fewest accidentals.
    public static func bestKey(semitones: Int, from key: Key) -> Key {
        let targetClass = ((key.tonic.pitchClass + semitones) % 12 + 12) % 12
        var best: Key?
        for letter in Letter.allCases {
            for accidental in -1...1 where NoteName(letter, accidental).pitchClass == targetClass {
                let candidate = Key(NoteName(letter, accidental), key.mode)
                guard let current = best else { best = candidate; continue }
                let a = abs(candidate.fifths), b = abs(current.fifths)
                // Fewer accidentals wins; at a tie (F♯/G♭ major) keep the direction: sharps going up, flats going down.
                if a < b || (a == b && (semitones >= 0) == (candidate.fifths > 0)) { best = candidate }
            }
        }
        return Key(best!.tonic, key.mode, explicitAccidentals: key.explicitAccidentals.map { $0 }, explicitOnly: key.explicitOnly)
            .transposingExplicitAccidentals(from: key)
    }

    /// Transposes a note name.
    public func apply(_ name: NoteName) -> NoteName { name.transposed(by: interval) }

    /// Transposes a pitch (octave included).
    public func apply(_ pitch: Pitch) -> Pitch { pitch.transposed(by: interval) }

    /// Transposes a key (explicit ABC accidentals move with it).
    public func apply(_ key: Key) -> Key {
        Key(apply(key.tonic), key.mode, explicitAccidentals: key.explicitAccidentals.map(apply), explicitOnly: key.explicitOnly)
    }

    /// Transposes a chord symbol, root and slash bass alike.
    public func apply(_ symbol: ChordSymbol) -> ChordSymbol {
        guard var chord = symbol.chord else { return symbol }
        chord.root = apply(chord.root)
        chord.bass = chord.bass.map(apply)
        return .chord(chord)
    }
}

extension Key {
    /// Moves explicit accidentals along with a tonic change from `original`.
    fileprivate func transposingExplicitAccidentals(from original: Key) -> Key {
        guard !original.explicitAccidentals.isEmpty else { return self }
        let t = Transposition(interval: Interval(from: original.tonic, to: tonic))
        return Key(tonic, mode, explicitAccidentals: original.explicitAccidentals.map(t.apply), explicitOnly: explicitOnly)
    }
}
