import SongCore

/// What accidental an unmarked note gets at a point in an ABC bar: the key signature, then accidentals written
/// earlier in the bar on the same letter in any octave, then an accidental carried over a bar line by a tie.
/// An accidental holds for every octave because that is how abc2midi and abcm2ps read it (in K:D, `=C c` plays two
/// C naturals), and the tunebooks people type are checked with them; the ABC 2.1 text leaves the octave unclear.
/// The reader and the writer share it, so written text reads back to the same pitches.
///
/// It is asked about every note of every tune, so it keeps no dictionaries: the bar's accidentals are one slot per
/// letter, and what a tie carries (a note or two at most) is a short list searched in order.
struct AccidentalState {
    var signature: KeySignature
    /// The accidental written earlier in the bar, per letter (`Letter.rawValue`); `unset` where none was.
    private var inBar = Letters(repeating: Self.unset)
    /// Pitches (by `Pitch.diatonicIndex`) whose accidental a tie carries over the bar line, for the first note after it.
    private var carried: [(index: Int, accidental: Int)] = []
    /// Pitches tied in this bar, to be carried at the next bar line.
    private var tiedPending: [(index: Int, accidental: Int)] = []

    private static let unset = Int8.min
    private typealias Letters = SIMD8<Int8>

    init(key: Key) { signature = key.signature }

    /// The accidental an unmarked note of `letter` in `octave` has here.
    func implied(_ letter: Letter, octave: Int) -> Int {
        if !carried.isEmpty {
            let index = octave * 7 + letter.rawValue
            if let held = carried.last(where: { $0.index == index }) { return held.accidental }
        }
        let written = inBar[letter.rawValue]
        return written == Self.unset ? signature.accidental(for: letter) : Int(written)
    }

    /// A note was written with an explicit accidental: it holds for the rest of the bar, in every octave.
    mutating func mark(_ letter: Letter, octave: Int, accidental: Int) {
        inBar[letter.rawValue] = Int8(clamping: accidental)
    }

    /// A note sounding `pitch` is tied to the next, so its accidental carries over a bar line.
    mutating func tie(_ pitch: Pitch) {
        tiedPending.removeAll { $0.index == pitch.diatonicIndex }
        tiedPending.append((pitch.diatonicIndex, pitch.name.accidental))
    }

    /// A note or chord was read: carried accidentals last only for the first note after the bar.
    mutating func noteDone(tied: Bool) {
        if !carried.isEmpty { carried.removeAll(keepingCapacity: true) }
        if !tied, !tiedPending.isEmpty { tiedPending.removeAll(keepingCapacity: true) }
    }

    /// A bar line: accidentals end, those under a tie carry.
    mutating func bar() {
        inBar = Letters(repeating: Self.unset)
        swap(&carried, &tiedPending)
        tiedPending.removeAll(keepingCapacity: true)
    }

    /// A new key: the signature changes and the bar's accidentals end.
    mutating func setKey(_ key: Key) {
        signature = key.signature
        inBar = Letters(repeating: Self.unset)
    }
}
