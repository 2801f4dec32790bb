import Testing
@testable import SongCore

@Suite struct TranspositionTests {
    @Test func upASemitoneFromCLandsInDFlat() {
        let t = Transposition(semitones: 1, from: Key("C")!)
        #expect(t.apply(Key("C")!) == Key("Db")!)
        #expect(t.apply(NoteName("E")!) == NoteName("F"))
        #expect(t.apply(NoteName("B")!) == NoteName("C"))
    }

    @Test func sharpKeysGetSharpsAndFlatKeysFlats() throws {
        // G to A (sharps): C becomes D, F# becomes G#.
        let up = Transposition(from: Key("G")!, to: Key("A")!)
        #expect(up.apply(NoteName("F#")!) == NoteName("G#"))
        #expect(up.apply(try ChordSymbol(parsing: "D7/F#")).description == "E7/G#")
        // G to Ab (flats): D becomes Eb, B becomes C.
        let flat = Transposition(semitones: 1, from: Key("G")!)
        #expect(flat.apply(Key("G")!) == Key("Ab")!)
        #expect(flat.apply(try ChordSymbol(parsing: "D7")).description == "Eb7")
        #expect(flat.apply(try ChordSymbol(parsing: "Bm")).description == "Cm")
    }

    @Test func chromaticChordsKeepTheirFunction() throws {
        // bVII in C (Bb) is bVII in A (G), not F##.
        let t = Transposition(from: Key("C")!, to: Key("A")!)
        #expect(t.apply(try ChordSymbol(parsing: "Bb")).description == "G")
        #expect(t.apply(try ChordSymbol(parsing: "F#dim7")).description == "D#dim7")
    }

    @Test(arguments: [(2, "D"), (-2, "Bb"), (6, "F#"), (-6, "Gb"), (7, "G"), (-5, "G"), (11, "B"), (12, "C")])
    func bestKeyForEverySize(semitones: Int, expected: String) {
        #expect(Transposition.bestKey(semitones: semitones, from: Key("C")!) == Key(expected)!)
    }

    @Test func minorAndModalKeysKeepTheirMode() {
        #expect(Transposition.bestKey(semitones: 1, from: Key("Am")!) == Key("Bbm")!)
        #expect(Transposition.bestKey(semitones: 2, from: Key("Ador")!) == Key("Bdor")!)
    }

    @Test func pitchesMoveByTheOctaveAsked() {
        let up = Transposition(semitones: 14, from: Key("C")!)
        #expect(up.apply(Pitch(.c, octave: 4)).midiNumber == 74)
        let down = Transposition(semitones: -3, from: Key("C")!)
        #expect(down.apply(Pitch(.c, octave: 4)) == Pitch(.a, octave: 3))
    }
}
