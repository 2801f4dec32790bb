import SongCore

/// How a chord part lays out its chords, as its instrument would: close triads led smoothly (brass, organ, an
/// accordion's right hand), the shapes a strummed guitar plays, a pianist's open fifths and tenths, or a swing
/// pianist's rootless sixths and ninths (the bass has the root).
public enum VoicingIdiom: String, Sendable, Hashable, CaseIterable {
    case close, guitar, piano, swing

    /// The idiom's voicing of `chord`, or nil where it has none (close voicing, or a chord it does not shape).
    func keys(_ chord: Chord) -> [Int]? {
        let root = chord.root.pitchClass
        let minor = chord.quality == .minor
        guard chord.quality == .major || minor else { return nil }
        let third = minor ? 3 : 4
        let seventh: Int? = chord.seventh.map { $0 == .major ? 11 : ($0 == .minor ? 10 : 9) }
        switch self {
        case .close:
            return nil
        case .guitar:
            // A barre chord's two shapes (or their open-string forms at the nut), whichever sits lower on the neck,
            // strummed on the middle four strings (A, D, G and B), as a strummed accompaniment mostly is: the E
            // shape (root on the sixth string, E2 = MIDI 40) gives fifth-root-third-fifth there, the A shape (root on
            // the fifth string, A2 = 45) root-fifth-root-third. A seventh takes the place of a doubled root.
            let eFret = (root - 4 + 12) % 12, aFret = (root - 9 + 12) % 12
            if eFret <= aFret {
                let low = 40 + eFret
                return [7, seventh ?? 12, 12 + third, 19].map { low + $0 }
            }
            let low = 45 + aFret
            return [0, 7, seventh ?? 12, 12 + third].map { low + $0 }
        case .piano:
            // Root and fifth low, the third a tenth above the root (and the seventh over it), the root in C3–B3.
            let low = 48 + root
            return [low, low + 7, low + 12 + third] + (seventh.map { [low + 12 + $0] } ?? [])
        case .swing:
            // Rootless: third, sixth (or the seventh) and ninth, the lowest from E3 up.
            var third = 52 + ((root + (minor ? 3 : 4) - 52) % 12 + 12) % 12
            if third > 63 { third -= 12 }
            let colour = seventh ?? 9
            return [third, third + (colour - (minor ? 3 : 4)), third + (14 - (minor ? 3 : 4))].sorted()
        }
    }

    /// A voicing of this idiom kept under the tune: tones at or above `ceiling` are left out from the top (a
    /// guitarist strums fewer strings, a pianist lifts a finger), and so is any tone a semitone from a sung note;
    /// at least two are kept, else nil (the part falls back to a close voicing under the tune).
    static func under(_ keys: [Int], ceiling: Int?, sung: [Int]) -> [Int]? {
        let kept = keys.filter { k in (ceiling.map { k < $0 } ?? true) && !sung.contains { abs($0 - k) % 12 == 1 } }
        return kept.count >= 2 ? kept.sorted() : nil
    }
}
