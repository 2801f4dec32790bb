import Testing
@testable import SongCore

@Suite struct NoteNameTests {
    @Test(arguments: [
        ("C", 0, 0), ("c#", 0, 1), ("Db", 1, -1), ("E♭", 2, -1), ("F♯", 3, 1), ("Bbb", 6, -2), ("F##", 3, 2), ("Cb", 0, -1), ("B#", 6, 1),
    ])
    func readsSpellings(text: String, letter: Int, accidental: Int) throws {
        let name = try #require(NoteName(text))
        #expect(name.letter.rawValue == letter)
        #expect(name.accidental == accidental)
    }

    @Test func enharmonicNamesStayDifferent() {
        #expect(NoteName("C#") != NoteName("Db"))
        #expect(NoteName("C#")!.pitchClass == NoteName("Db")!.pitchClass)
    }

    @Test func rejectsNonNotes() {
        #expect(NoteName("H") == nil)
        #expect(NoteName("C###") == nil)
        #expect(NoteName("") == nil)
        #expect(NoteName("Cm") == nil)
    }

    @Test func transposesBySpelledInterval() {
        #expect(NoteName.c.transposed(by: .majorThird) == NoteName(.e))
        #expect(NoteName("F#")!.transposed(by: .minorThird) == NoteName(.a))
        #expect(NoteName("B")!.transposed(by: .augmentedFourth) == NoteName("E#"))
        #expect(NoteName("C")!.transposed(by: .diminishedFifth) == NoteName("Gb"))
    }

    @Test func pitchesKnowMidiAndOctave() {
        #expect(Pitch(.c, octave: 4).midiNumber == 60)
        #expect(Pitch(NoteName(.b, 1), octave: 3).midiNumber == 60)
        #expect(Pitch(.a, octave: 4).transposed(by: .minorThird) == Pitch(.c, octave: 5))
        #expect(Pitch(.c, octave: 5).transposed(by: Interval.minorThird.inverted) == Pitch(.a, octave: 4))
    }

    @Test func intervalsBetweenNames() {
        #expect(Interval(from: .c, to: .e) == .majorThird)
        #expect(Interval(from: NoteName("E")!, to: NoteName("G")!) == .minorThird)
        #expect(Interval(from: NoteName("F")!, to: NoteName("B")!).description == "A4")
        #expect(Interval(from: NoteName("B")!, to: NoteName("F")!).description == "d5")
        #expect(Interval(from: NoteName("C")!, to: NoteName("Bb")!).description == "m7")
    }
}

@Suite struct KeyTests {
    @Test(arguments: [
        ("C", 0), ("G", 1), ("D", 2), ("F", -1), ("Bb", -2), ("Eb", -3), ("F#", 6), ("Gb", -6), ("C#", 7), ("Cb", -7),
        ("Am", 0), ("Em", 1), ("Dm", -1), ("F#m", 3), ("Bbm", -5),
        ("Ddor", 0), ("Ador", 1), ("Edor", 2), ("Gmix", 0), ("Dmix", 1), ("Ephr", 0), ("Flyd", 0), ("Bloc", 0), ("Cion", 0), ("Aaeo", 0),
    ])
    func signatureSize(name: String, fifths: Int) throws {
        let key = try #require(Key(name))
        #expect(key.fifths == fifths)
    }

    @Test func signatureAccidentals() {
        let d = Key("D")!.signature
        #expect(d.accidental(for: .f) == 1)
        #expect(d.accidental(for: .c) == 1)
        #expect(d.accidental(for: .g) == 0)
        let eb = Key("Eb")!.signature
        #expect(eb.accidental(for: .b) == -1 && eb.accidental(for: .e) == -1 && eb.accidental(for: .a) == -1)
        #expect(eb.accidental(for: .d) == 0)
    }

    @Test func explicitAccidentalsOverrideOrReplace() {
        var key = Key(.d, .major, explicitAccidentals: [NoteName(.g, 1)])
        #expect(key.signature.accidental(for: .g) == 1)
        #expect(key.signature.accidental(for: .f) == 1)
        key.explicitOnly = true
        #expect(key.signature.accidental(for: .f) == 0)
        #expect(key.signature.accidental(for: .g) == 1)
    }

    @Test func scalesSpellOneNotePerLetter() {
        #expect(Key("F#m")!.scale.notes.map(\.description) == ["F#", "G#", "A", "B", "C#", "D", "E"])
        #expect(Key("Ddor")!.scale.notes.map(\.description) == ["D", "E", "F", "G", "A", "B", "C"])
        #expect(Key("Eb")!.scale.notes.map(\.description) == ["Eb", "F", "G", "Ab", "Bb", "C", "D"])
    }

    @Test func readsKeyWords() {
        #expect(Key("A minor") == Key(.a, .minor))
        #expect(Key("Eb major") == Key(NoteName(.e, -1), .major))
        #expect(Key("D Mixolydian") == Key(.d, .mixolydian))
        #expect(Key("Q") == nil)
        #expect(Key("G wibble") == nil)
    }
}
