import SongCore
import SongTesting
import Testing
@testable import SongText

/// Reads one tune from ABC text, failing the test on errors.
func tune(_ text: String) throws -> ABCTune {
    let parsed = try ABCReader.read(text, name: "test.abc")
    return try #require(parsed.value.tunes.first)
}

/// The notes of a tune as `name+octave` strings with their lengths, e.g. `F#4:1/8`.
func noteList(_ t: ABCTune) -> [String] {
    t.melody.notes.map { n in n.pitches.map(\.description).joined(separator: "+") + ":" + n.duration.description }
}

@Suite struct ABCHeaderTests {
    @Test func headerFieldsBecomeMelodyAndMetadata() throws {
        let t = try tune("""
            X:7
            T:The Seaside Jig
            T:Second title
            C:Trad.
            O:Wales
            R:jig
            M:6/8
            L:1/8
            Q:3/8=112
            K:D
            ABc|
            """)
        #expect(t.reference == 7)
        #expect(t.title == "The Seaside Jig")
        #expect(t.values("T") == ["The Seaside Jig", "Second title"])
        #expect(t.values("O") == ["Wales"])
        #expect(t.melody.meter == Meter(6, 8))
        #expect(t.melody.unitLength == .eighth)
        #expect(t.melody.tempo == Tempo(112, beat: NoteLength(3, 8)))
        #expect(t.melody.key == Key("D")!)
        let song = t.song
        #expect(song.metadata.title == "The Seaside Jig")
        #expect(song.metadata.composers == ["Trad."])
        #expect(song.metadata.other.contains(.init(name: "origin", value: "Wales")))
    }

    @Test(arguments: [
        ("G", "G"), ("Gm", "Gm"), ("G minor", "Gm"), ("Gmin", "Gm"), ("D Mix", "Dmix"), ("Dmixolydian", "Dmix"), ("E dorian", "Edor"),
        ("Bb", "Bb"), ("F#m", "F#m"), ("A Aeolian", "Aaeo"), ("C Lydian", "Clyd"), ("B Locrian", "Bloc"), ("E Phrygian", "Ephr"), ("Cmaj", "C"),
    ])
    func everyKeyAndModeForm(written: String, expected: String) throws {
        let t = try tune("X:1\nK:\(written)\nC|")
        #expect(t.melody.key == Key(expected)!)
    }

    @Test func explicitAccidentalsInTheKey() async throws {
        let t = try tune("X:1\nL:1/4\nK:D exp ^f _b\nF C B|")
        #expect(noteList(t) == ["F#4:1/4", "C4:1/4", "Bb4:1/4"])
        let added = try tune("X:1\nL:1/4\nK:D ^g\nF G c|")
        #expect(noteList(added) == ["F#4:1/4", "G#4:1/4", "C#5:1/4"])
        let none = try tune("X:1\nL:1/4\nK:none\nF C|")
        #expect(noteList(none) == ["F4:1/4", "C4:1/4"])
        // Highland pipes: F sharp, C sharp and G natural (ABC 2.1 §4.6), as abc2midi plays them.
        let pipesText = "X:1\nL:1/4\nK:Hp\nF C G|"
        let pipes = try tune(pipesText)
        #expect(noteList(pipes) == ["F#4:1/4", "C#4:1/4", "G4:1/4"])
        let theirs = try await ABC2MIDI.notes(abcText: pipesText, reference: 1).notes.filter { $0.channel == 0 }.map(\.note)
        #expect(theirs == pipes.melody.notes.compactMap { $0.pitches.first?.midiNumber })
    }

    @Test func unitLengthDefaultsFollowTheMeter() throws {
        #expect(try tune("X:1\nM:2/4\nK:C\nC|").melody.unitLength == .sixteenth)
        #expect(try tune("X:1\nM:3/4\nK:C\nC|").melody.unitLength == .eighth)
        #expect(try tune("X:1\nK:C\nC|").melody.unitLength == .eighth)
    }

    @Test func fileHeaderIsInherited() throws {
        let book = try ABCReader.read("M:3/4\nL:1/4\n\nX:1\nK:C\nC D E|\n\nX:2\nK:G\nG A B|\n").value
        #expect(book.header.map(\.letter) == ["M", "L"])
        #expect(book.tunes.count == 2)
        #expect(book.tunes.allSatisfy { $0.melody.meter == Meter(3, 4) && $0.melody.unitLength == .quarter })
        #expect(book.tune(reference: 2)?.melody.key == Key("G")!)
    }
}

@Suite struct ABCBodyTests {
    @Test func octavesAndLengths() throws {
        let t = try tune("X:1\nL:1/8\nK:C\nC, C c c' C2 C/2 C/ C// C3/2 c'',|")
        #expect(noteList(t) == ["C3:1/8", "C4:1/8", "C5:1/8", "C6:1/8", "C4:1/4", "C4:1/16", "C4:1/16", "C4:1/32", "C4:3/16", "C6:1/8"])
    }

    @Test func accidentalsLastToTheBarLine() throws {
        let t = try tune("X:1\nL:1/4\nK:G\nF =F F ^c | F c _B B | __E ^^F =E|")
        #expect(noteList(t) == ["F#4:1/4", "F4:1/4", "F4:1/4", "C#5:1/4", "F#4:1/4", "C5:1/4", "Bb4:1/4", "Bb4:1/4", "Ebb4:1/4", "F##4:1/4", "E4:1/4"])
    }

    /// Where a `:|` goes back to: the last `|:`; else, once a repeat has been played, the last double bar; else the
    /// start. After a second ending and `||`, the next part is repeated (abc2midi sends it back to the tune's start
    /// there, which no player would; elsewhere it agrees, and the others are checked against it).
    @Test(arguments: [
        ("A B |1 C :|2 D || E F :|", "A B C A B D E F E F", false),
        ("|: A B :| C D || E F :|", "A B A B C D E F E F", true),
        ("A B || C D :|", "A B C D A B C D", true),
        ("|: A B || C D :| E F :|", "A B C D A B C D E F E F", true),
        // Banish Misfortune's form (O'Neill's 776): a part opened by `::` with two endings, then a third part: AABBCC.
        ("A B :: C [1 D :|[2 E || F G :|", "A B A B C D C E F G F G", false),
    ])
    func repeatsGoBackToWhereThePartStarts(body: String, played: String, asAbc2midi: Bool) async throws {
        let text = "X:1\nL:1/4\nK:C\n\(body)\n"
        let t = try tune(text)
        let names = t.melody.performedNotes.map { "\($0.pitch.name.letter)".uppercased() }
        #expect(names.joined(separator: " ") == played)
        if asAbc2midi {
            let theirs = try await ABC2MIDI.notes(abcText: text, reference: 1).notes.filter { $0.channel == 0 }.map(\.note)
            #expect(theirs == t.melody.performedNotes.map(\.pitch.midiNumber))
        }
    }

    /// A decoration written against a bar line (`H|]`, a fermata over the final bar; `S|`, a segno) is the bar
    /// line's: no note is decorated, the tune's end is not "a decoration with no note", and it is written back
    /// against its bar line, where abc2midi (which holds a fermata's note longer) plays it as it plays the tune.
    @Test func aDecorationOnABarLineStaysOnTheBarLine() async throws {
        let text = "X:1\nT:Held\nM:6/8\nL:1/8\nK:G\nG2B BAB c2A H|]\nS|:vG2B d2B :|\n"
        let book = try ABCReader.read(text)
        #expect(!book.warnings.contains { $0.message.contains("no note") }, "\(book.warnings)")
        let t = try #require(book.value.tunes.first)
        #expect(t.melody.notes.allSatisfy { !$0.decorations.contains("H") && !$0.decorations.contains("S") })
        let marks = t.melody.elements.compactMap { if case .barDecoration(let d) = $0 { d } else { nil } }
        #expect(marks == ["H", "S"])
        let written = ABCWriter.write(t)
        #expect(written.contains("c2A H|]") && written.contains("S|:"), "\(written)")
        #expect(try ABCReader.read(written).value.tunes.first?.melody == t.melody)
        let theirs = try await ABC2MIDI.notes(abcText: text, reference: 1).notes.map { [$0.tick, $0.note] }
        let ours = try await ABC2MIDI.notes(abcText: written, reference: 1).notes.map { [$0.tick, $0.note] }
        #expect(ours == theirs)
    }

    /// Every voice of a tune is read (the first is the melody, the others kept with it), each plays as abc2midi
    /// plays it on its own channel, and the tune is written back the same.
    @Test func everyVoiceIsReadPlaysAsAbc2midiPlaysItAndIsWrittenBack() async throws {
        let text = "X:1\nT:two voices\nM:4/4\nL:1/4\nK:G\nV:1 name=\"Tune\"\nGABc|d4|\nV:2 name=\"Alto\"\nB,CDE|F4|\nV:1\nc2 B2|G4|]\nV:2\nE2 D2|B,4|]\n"
        let t = try tune(text)
        #expect(t.melody.voices.map(\.id) == ["2"])
        #expect(t.melody.notes.count == 8 && t.melody.voices.first?.melody.notes.count == 8)
        let midi = try await ABC2MIDI.notes(abcText: text, reference: 1)
        for (channel, melody) in [(0, t.melody), (1, try #require(t.melody.voices.first).melody)] {
            #expect(midi.notes.filter { $0.channel == channel }.map(\.note) == melody.performedNotes.map(\.pitch.midiNumber), "channel \(channel)")
        }
        let again = try tune(ABCWriter.write(t))
        #expect(again.melody == t.melody)
    }

    /// Decorations inside a chord, as tunebooks write them (`[+slide+DD]`, `[!accent!Ac]`, a bowing `[vAc]`), belong
    /// to the chord; its notes are read, as abc2midi reads them.
    @Test func decorationsInsideAChordAreReadWithItsNotes() async throws {
        let text = "X:1\nL:1/8\nK:G\n[+slide+DD] [!accent!Ac] [vAc] [.GB]|\n"
        let t = try tune(text)
        #expect(t.melody.notes.map(\.pitches.count) == [2, 2, 2, 2])
        let theirs = try await ABC2MIDI.notes(abcText: text, reference: 1).notes.filter { $0.channel == 0 }.map(\.note).sorted()
        #expect(theirs == t.melody.notes.flatMap { $0.pitches.map(\.midiNumber) }.sorted())
    }

    /// An accidental holds for the rest of the bar in every octave, as abc2midi (and abcm2ps) read it: tunebooks
    /// are typed against them (the Essen collection's `=C … c` means two C naturals).
    @Test func accidentalsApplyToEveryOctaveAsAbc2midiReadsThem() async throws {
        let text = "X:1\nL:1/4\nK:C\n^c C c C,|"
        let t = try tune(text)
        #expect(noteList(t) == ["C#5:1/4", "C#4:1/4", "C#5:1/4", "C#3:1/4"])
        let theirs = try await ABC2MIDI.notes(abcText: text, reference: 1).notes.filter { $0.channel == 0 }.map(\.note)
        #expect(theirs == t.melody.notes.compactMap { $0.pitches.first?.midiNumber })
    }

    @Test func accidentalsCarryThroughATieOverTheBar() throws {
        let t = try tune("X:1\nL:1/4\nK:C\nA ^F2 F- | F F2 z|")
        #expect(noteList(t) == ["A4:1/4", "F#4:1/2", "F#4:1/4", "F#4:1/4", "F4:1/2"])
        #expect(t.melody.notes[2].tiedToNext)
        let performed = t.melody.performedNotes
        #expect(performed.count == 4)
        #expect(performed[2].duration == .half)
    }

    @Test func brokenRhythm() throws {
        let t = try tune("X:1\nL:1/8\nK:C\nA>B A<B A>>B A<<B A>>>B|")
        #expect(t.melody.notes.map(\.duration) == [
            NoteLength(3, 16), NoteLength(1, 16), NoteLength(1, 16), NoteLength(3, 16), NoteLength(7, 32), NoteLength(1, 32),
            NoteLength(1, 32), NoteLength(7, 32), NoteLength(15, 64), NoteLength(1, 64),
        ])
    }

    @Test func tuplets() throws {
        let t = try tune("X:1\nM:4/4\nL:1/8\nK:C\n(3ABc (3:2:4A2B2cd (5ABcde|")
        let d = t.melody.notes.map(\.duration)
        #expect(Array(d[0..<3]) == Array(repeating: NoteLength(1, 12), count: 3))
        #expect(Array(d[3..<7]) == [NoteLength(1, 6), NoteLength(1, 6), NoteLength(1, 12), NoteLength(1, 12)])
        #expect(Array(d[7..<12]) == Array(repeating: NoteLength(1, 20), count: 5))
        #expect(t.melody.elements.contains(.tuplet(Tuplet(count: 3, inTimeOf: 2, notes: 4))))
        // (5 in compound time is five in the time of three.
        let compound = try tune("X:1\nM:6/8\nL:1/8\nK:C\n(5ABcde z|")
        #expect(compound.melody.notes[0].duration == NoteLength(3, 40))
    }

    @Test func rests() throws {
        let t = try tune("X:1\nM:3/4\nL:1/4\nK:C\nz x2 | Z3 | X |")
        let rests: [Rest] = t.melody.elements.compactMap { if case .rest(let r) = $0 { r } else { nil } }
        #expect(rests.count == 4)
        #expect(rests[0].duration == .quarter && !rests[0].invisible)
        #expect(rests[1].duration == .half && rests[1].invisible)
        #expect(rests[2].bars == 3 && rests[2].duration == NoteLength(9, 4))
        #expect(rests[3].bars == 1 && rests[3].invisible)
        #expect(t.melody.writtenBarCount == 5)
    }

    @Test func barLinesRepeatsAndEndings() throws {
        let t = try tune("X:1\nL:1/4\nK:C\n|: C D :: E F :|[1 G :|2 A |[1,3 B [2-4 c || d |] e [| f .| g")
        let bars: [BarLine] = t.melody.elements.compactMap { if case .bar(let b) = $0 { b } else { nil } }
        #expect(bars == [.repeatStart, .repeatBoth, .repeatEnd, .repeatEnd, .single, .double, .final, .thickThin, .dotted])
        let endings: [[Int]] = t.melody.elements.compactMap { if case .ending(let e) = $0 { e } else { nil } }
        #expect(endings == [[1], [2], [1, 3], [2, 3, 4]])
    }

    @Test func partsWithAPlayOrder() throws {
        let t = try tune("X:1\nL:1/4\nP:A2B\nK:C\nP:A\nC D|\nP:B\nE F|")
        #expect(t.melody.partOrder == ["A", "A", "B"])
        #expect(t.melody.performedNotes.map { String($0.pitch.name.letter.symbol) }.joined() == "CDCDEF")
        #expect(ABCHeaderValues.partOrder("(AB)2C") == ["A", "B", "A", "B", "C"])
        #expect(ABCHeaderValues.partOrder("A.B.C") == ["A", "B", "C"])
        #expect(ABCHeaderValues.partOrder("a b") == nil)
    }

    @Test func chordsOfNotesAndGuitarChords() throws {
        let t = try tune("X:1\nL:1/4\nK:G\n\"G\"[GBd]2 \"D7/F#\"[D^cA] \"Em\"e \"^above\"\"Hm\"f|")
        #expect(noteList(t) == ["G4+B4+D5:1/2", "D4+C#5+A4:1/4", "E5:1/4", "F#5:1/4"])
        #expect(t.melody.chordSymbols.map(\.description) == ["G", "D7/F#", "Em"])
        #expect(t.melody.notes[3].annotations == ["^above", "@Hm"])
    }

    @Test func decorationsAreKeptNotFatal() throws {
        let t = try tune("X:1\nL:1/4\nK:C\n~C .D !trill!E +fermata+F Hg !unknown-thing!a|")
        #expect(t.melody.notes.map(\.decorations) == [["~"], ["."], ["!trill!"], ["+fermata+"], ["H"], ["!unknown-thing!"]])
    }

    @Test func graceNotes() throws {
        let t = try tune("X:1\nL:1/4\nK:D\n{g}A {/ag}B {^c}d|")
        #expect(t.melody.notes[0].graceNotes == [Pitch(.g, octave: 5)])
        #expect(t.melody.notes[1].acciaccatura)
        #expect(t.melody.notes[2].graceNotes == [Pitch(NoteName(.c, 1), octave: 5)])
        #expect(t.melody.performedNotes.count == 3)
    }

    @Test func inlineFieldsChangeKeyMeterAndLength() throws {
        let t = try tune("X:1\nM:4/4\nL:1/4\nK:C\nF [K:G] F [L:1/8] F2 [M:3/4] F|\nK:F\nB|")
        #expect(noteList(t) == ["F4:1/4", "F#4:1/4", "F#4:1/4", "F#4:1/8", "Bb4:1/8"])
        #expect(t.melody.elements.contains(.meter(Meter(3, 4))))
    }

    @Test func continuationJoinsLines() throws {
        let t = try tune("X:1\nL:1/4\nK:C\nC D \\\nE F|\nG|")
        let breaks = t.melody.elements.filter { $0 == .lineBreak }.count
        #expect(breaks == 1)
        #expect(t.melody.notes.count == 5)
    }

    @Test func commentsAreSkipped() throws {
        let t = try tune("X:1\n% a comment\nK:C\nC D % trailing\n%% directive\nE|")
        #expect(t.melody.notes.count == 3)
    }
}

@Suite struct ABCWordsTests {
    func syllables(_ t: ABCTune, verse: Int = 0) -> [String] {
        t.melody.notes.map { n in
            guard n.lyrics.count > verse else { return "·" }
            switch n.lyrics[verse] {
            case .syllable(let s, let cont): return s + (cont ? "-" : "")
            case .hold: return "_"
            case .skip: return "*"
            }
        }
    }

    @Test func hyphensHoldsAndSkips() throws {
        let t = try tune("X:1\nL:1/4\nK:C\nC D E F G A B c|\nw:won-der-ful _ * day~and night\n")
        #expect(syllables(t) == ["won-", "der-", "ful", "_", "*", "day and", "night", "·"])
    }

    @Test func escapedHyphenAndBarAdvance() throws {
        let t = try tune("X:1\nL:1/4\nK:C\nC D E F | G A B c|\nw:well\\-known | next bar\n")
        #expect(syllables(t) == ["well-known", "*", "*", "*", "next", "bar", "·", "·"])
    }

    @Test func aHyphenAfterASpaceTakesANote() throws {
        let t = try tune("X:1\nL:1/4\nK:C\nC D E F|\nw:sing - ing\n")
        #expect(syllables(t) == ["sing", "_", "ing", "·"])
    }

    @Test func severalWLinesAreVerses() throws {
        let t = try tune("X:1\nL:1/4\nK:C\nC D E|\nw:one two three\nw:four five six\nF G A|\nw:sev-en ten\n")
        #expect(syllables(t, verse: 0) == ["one", "two", "three", "sev-", "en", "ten"])
        #expect(syllables(t, verse: 1) == ["four", "five", "six", "·", "·", "·"])
        #expect(t.melody.verseCount == 2)
    }

    @Test func restsAndGraceNotesTakeNoSyllable() throws {
        let t = try tune("X:1\nL:1/4\nK:C\nC z {d}E F|\nw:a b c\n")
        #expect(syllables(t) == ["a", "b", "c"])
    }

    @Test func tooManySyllablesIsAWarning() throws {
        let parsed = try ABCReader.read("X:1\nL:1/4\nK:C\nC D|\nw:one two three\n", name: "w.abc")
        #expect(parsed.warnings.count == 1)
        #expect(parsed.warnings[0].message.contains("more syllables than there are notes"))
        #expect(parsed.warnings[0].line == 5)
    }

    @Test func unalignedWords() throws {
        let t = try tune("X:1\nK:C\nC|\nW:All the words\nW:come after\n")
        #expect(t.words == ["All the words", "come after"])
    }
}
