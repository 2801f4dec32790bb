import Testing
@testable import SongCore

@Suite struct MelodyPerformanceTests {
    /// Quarter notes C, D, E… in C major, named by letter for short test melodies.
    func note(_ letter: Letter, _ length: NoteLength = .quarter, tied: Bool = false) -> MelodyElement {
        .note(Note(pitches: [Pitch(NoteName(letter), octave: 4)], duration: length, tiedToNext: tied))
    }

    func letters(_ melody: Melody) -> String {
        melody.performedNotes.map { String($0.pitch.name.letter.symbol) }.joined()
    }

    @Test func repeatsPlayTwice() {
        let m = Melody(elements: [.bar(.repeatStart), note(.c), note(.d), .bar(.repeatEnd), note(.e)])
        #expect(letters(m) == "CDCDE")
    }

    @Test func repeatWithoutStartGoesBackToTheBeginning() {
        let m = Melody(elements: [note(.c), .bar(.single), note(.d), .bar(.repeatEnd), note(.e)])
        #expect(letters(m) == "CDCDE")
    }

    @Test func firstAndSecondEndings() {
        // |: C D |1 E :|2 F G |]
        let m = Melody(elements: [
            .bar(.repeatStart), note(.c), note(.d), .bar(.single), .ending([1]), note(.e), .bar(.repeatEnd),
            .ending([2]), note(.f), note(.g), .bar(.final),
        ])
        #expect(letters(m) == "CDECDFG")
    }

    @Test func endingsForSeveralPasses() {
        // |: C [1,3 D :|[2 E :|[4 F |]  → C D, C E, C D, C F
        let m = Melody(elements: [
            .bar(.repeatStart), note(.c), .ending([1, 3]), note(.d), .bar(.repeatEnd),
            .ending([2]), note(.e), .bar(.repeatEnd), .ending([4]), note(.f), .bar(.final),
        ])
        #expect(letters(m) == "CDCECDCF")
    }

    @Test func doubleRepeatStartsTheNextPassage() {
        // |: C :: D :|
        let m = Melody(elements: [.bar(.repeatStart), note(.c), .bar(.repeatBoth), note(.d), .bar(.repeatEnd)])
        #expect(letters(m) == "CCDD")
    }

    @Test func partsFollowThePlayOrder() {
        let m = Melody(partOrder: ["A", "B", "A"], elements: [.part("A"), note(.c), .bar(.single), .part("B"), note(.d), .bar(.single)])
        #expect(letters(m) == "CDC")
    }

    @Test func tiesJoinNotesAndOnsetsAreExact() {
        let m = Melody(elements: [note(.c, .half, tied: true), .bar(.single), note(.c, .quarter), note(.d, NoteLength(1, 12)), note(.e, NoteLength(1, 12)), note(.f, NoteLength(1, 12))])
        let notes = m.performedNotes
        #expect(notes.count == 4)
        #expect(notes[0].duration == NoteLength(3, 4))
        #expect(notes[1].onset == NoteLength(3, 4))
        #expect(notes[3].onset == NoteLength(3, 4) + NoteLength(2, 12))
        #expect(m.playedDuration == .whole)
    }

    @Test func barCountsAndLyrics() {
        var n = Note(Pitch(.c, octave: 4), .half)
        n.lyrics = [.syllable("sing", continuesWord: false), .hold]
        let m = Melody(elements: [.note(n), .note(Note(Pitch(.d, octave: 4), .half)), .bar(.single), .note(Note(Pitch(.e, octave: 4), .whole)), .bar(.final)])
        #expect(m.writtenBarCount == 2)
        #expect(m.verseCount == 2)
        #expect(m.syllables(verse: 0) == ["sing"])
        #expect(m.syllables(verse: 1).isEmpty)
    }
}
