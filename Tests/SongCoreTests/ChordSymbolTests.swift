import Testing
@testable import SongCore

@Suite struct ChordSymbolTests {
    /// Spellings people type, the canonical form we print, and the pitch classes (C = 0).
    @Test(arguments: [
        ("C", "C", [0, 4, 7]),
        ("Am", "Am", [9, 0, 4]),
        ("A-7", "Am7", [9, 0, 4, 7]),
        ("Amin7", "Am7", [9, 0, 4, 7]),
        ("Ami7", "Am7", [9, 0, 4, 7]),
        ("Bbmaj7", "Bbmaj7", [10, 2, 5, 9]),
        ("BbΔ7", "Bbmaj7", [10, 2, 5, 9]),
        ("BbM7", "Bbmaj7", [10, 2, 5, 9]),
        ("F#m7b5", "F#m7b5", [6, 9, 0, 4]),
        ("F#ø", "F#m7b5", [6, 9, 0, 4]),
        ("F#ø7", "F#m7b5", [6, 9, 0, 4]),
        ("C°", "Cdim", [0, 3, 6]),
        ("Cdim", "Cdim", [0, 3, 6]),
        ("C°7", "Cdim7", [0, 3, 6, 9]),
        ("Cdim7", "Cdim7", [0, 3, 6, 9]),
        ("Caug", "Caug", [0, 4, 8]),
        ("C+", "Caug", [0, 4, 8]),
        ("C6", "C6", [0, 4, 7, 9]),
        ("Am6", "Am6", [9, 0, 4, 6]),
        ("G7", "G7", [7, 11, 2, 5]),
        ("Csus2", "Csus2", [0, 2, 7]),
        ("Csus4", "Csus4", [0, 5, 7]),
        ("Csus", "Csus4", [0, 5, 7]),
        ("G7sus4", "G7sus4", [7, 0, 2, 5]),
        ("Cadd9", "Cadd9", [0, 4, 7, 2]),
        ("C9", "C9", [0, 4, 7, 10, 2]),
        ("Cmaj9", "Cmaj9", [0, 4, 7, 11, 2]),
        ("Cm9", "Cm9", [0, 3, 7, 10, 2]),
        ("C11", "C11", [0, 4, 7, 10, 2, 5]),
        ("C13", "C13", [0, 4, 7, 10, 2, 5, 9]),
        ("C7b9", "C7b9", [0, 4, 7, 10, 1]),
        ("C7#9", "C7#9", [0, 4, 7, 10, 3]),
        ("Cmaj7#11", "Cmaj7#11", [0, 4, 7, 11, 6]),
        ("C7(b9,#11)", "C7b9#11", [0, 4, 7, 10, 1, 6]),
        ("CmMaj7", "CmMaj7", [0, 3, 7, 11]),
        ("Cm(maj7)", "CmMaj7", [0, 3, 7, 11]),
        ("C6/9", "C6/9", [0, 4, 7, 9, 2]),
        ("C69", "C6/9", [0, 4, 7, 9, 2]),
        ("C5", "C5", [0, 7]),
        ("G/B", "G/B", [7, 11, 2]),
        // A lower-case bass, as tunebooks type it, read as abc2midi reads it.
        ("A/c#", "A/C#", [9, 1, 4]),
        ("D/f#", "D/F#", [2, 6, 9]),
        ("C/Bb", "C/Bb", [0, 4, 7, 10]),
        ("Am7/G", "Am7/G", [9, 0, 4, 7]),
        ("E♭", "Eb", [3, 7, 10]),
    ])
    func readsAndPrints(typed: String, canonical: String, pitchClasses: [Int]) throws {
        let symbol = try ChordSymbol(parsing: typed)
        #expect(symbol.description == canonical)
        #expect(symbol.pitchClasses == Set(pitchClasses))
        // The printed form reads back to the same chord.
        #expect(try ChordSymbol(parsing: canonical) == symbol)
    }

    @Test(arguments: ["N.C.", "NC", "N.C", "n.c."])
    func noChord(text: String) throws {
        #expect(try ChordSymbol(parsing: text) == .noChord)
        #expect(ChordSymbol.noChord.pitchClasses.isEmpty)
    }

    @Test func halfDiminishedSpellingsAreOneChord() throws {
        #expect(try ChordSymbol(parsing: "Bø") == ChordSymbol(parsing: "Bm7b5"))
        #expect(try ChordSymbol(parsing: "Bø7") == ChordSymbol(parsing: "Bm7b5"))
    }

    @Test func chordNotesAreSpelled() throws {
        let chord = try #require(try ChordSymbol(parsing: "F#m7b5").chord)
        #expect(chord.notes.map(\.description) == ["F#", "A", "C", "E"])
        let slash = try #require(try ChordSymbol(parsing: "D/F#").chord)
        #expect(slash.bassNote == NoteName("F#"))
        let dim7 = try #require(try ChordSymbol(parsing: "Bdim7").chord)
        #expect(dim7.notes.map(\.description) == ["B", "D", "F", "Ab"])
    }

    @Test(arguments: [("H7", 0), ("Cq", 1), ("Cmaj", -1), ("C7sus9", 6), ("Cadd8", 4), ("", 0), ("C/", 2), ("X/Y", 0)])
    func rejectsNonChordsWithAPlace(text: String, offset: Int) {
        if offset < 0 {
            // "Cmaj" alone is an accepted way of writing C major.
            #expect(throws: Never.self) { try ChordSymbol(parsing: text) }
            return
        }
        #expect {
            try ChordSymbol(parsing: text)
        } throws: { error in
            guard let e = error as? ChordParseError else { return false }
            return e.offset == offset && !e.expected.isEmpty
        }
    }
}

@Suite struct RomanNumeralTests {
    @Test(arguments: [
        ("I", "C"), ("ii7", "Dm7"), ("iii", "Em"), ("IV", "F"), ("V7", "G7"), ("vi", "Am"), ("viiø7", "Bm7b5"), ("vii°", "Bdim"),
        ("V/V", "D"), ("V7/ii", "A7"), ("bVII", "Bb"), ("IVmaj7", "Fmaj7"), ("#iv°7", "F#dim7"),
    ])
    func numeralsToChordsInC(numeral: String, chord: String) throws {
        #expect(RomanNumeral.chord(for: numeral, in: Key("C")!) == (try ChordSymbol(parsing: chord)))
    }

    @Test(arguments: [("G", "I"), ("Am7", "ii7"), ("D7", "V7"), ("Em", "vi"), ("F#m7b5", "viiø7"), ("F", "bVII"), ("Cmaj7", "IVmaj7"), ("F#dim7", "vii°7")])
    func chordsToNumeralsInG(chord: String, numeral: String) throws {
        #expect(RomanNumeral.numeral(for: try ChordSymbol(parsing: chord), in: Key("G")!) == numeral)
    }

    @Test func minorKeysUseTheirOwnScale() throws {
        let aMinor = Key("Am")!
        #expect(RomanNumeral.chord(for: "III", in: aMinor) == (try ChordSymbol(parsing: "C")))
        #expect(RomanNumeral.numeral(for: try ChordSymbol(parsing: "E7"), in: aMinor) == "V7")
        #expect(RomanNumeral.chord(for: "nonsense", in: aMinor) == nil)
    }
}
