import SongCore

/// What accidental an unmarked note gets at a point in an ABC bar: the key signature, then accidentals written
/// earlier in the bar on the same letter in any octave, then an accidental carried over a bar line by a tie.
/// An accidental holds for every octave because that is how abc2midi and abcm2ps read it (in K:D, `=C c` plays two
/// C naturals), and the tunebooks people type are checked with them; the ABC 2.1 text leaves the octave unclear.
/// The reader and the writer share it, so written text reads back to the same pitches.
struct AccidentalState {
    var signature: KeySignature
    private var inBar: [Int: Int] = [:]
    private var carried: [Int: Int] = [:]
    private var tiedPending: [Int: Int] = [:]

    init(key: Key) { signature = key.signature }

    /// The accidental an unmarked note of `letter` in `octave` has here.
    func implied(_ letter: Letter, octave: Int) -> Int {
        carried[octave * 7 + letter.rawValue] ?? inBar[letter.rawValue] ?? signature.accidental(for: letter)
    }

    /// A note was written with an explicit accidental: it holds for the rest of the bar, in every octave.
    mutating func mark(_ letter: Letter, octave: Int, accidental: Int) {
        inBar[letter.rawValue] = accidental
    }

    /// A note sounding `pitch` is tied to the next, so its accidental carries over a bar line.
    mutating func tie(_ pitch: Pitch) {
        tiedPending[pitch.diatonicIndex] = pitch.name.accidental
    }

    /// A note or chord was read: carried accidentals last only for the first note after the bar.
    mutating func noteDone(tied: Bool) {
        carried = [:]
        if !tied { tiedPending = [:] }
    }

    /// A bar line: accidentals end, those under a tie carry.
    mutating func bar() {
        inBar = [:]
        carried = tiedPending
        tiedPending = [:]
    }

    /// A new key: the signature changes and the bar's accidentals end.
    mutating func setKey(_ key: Key) {
        signature = key.signature
        inBar = [:]
    }
}
