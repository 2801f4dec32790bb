import Foundation
import SongCore
import SongTesting
import SongText
import Testing
@testable import Arrangement

/// `harmonise` against the songwriters' own chords, and on tunes whose right chords are plain.
@Suite struct HarmonyTests {
    static func tune(_ abc: String) throws -> Melody {
        try #require(try ABCReader.read(abc).value.tunes.first?.melody)
    }

    static func chords(_ melody: Melody) -> [String] {
        HarmonyComparison.timeline(melody).map { "\($0.0):\(ChordSymbol.chord($0.1))" }
    }

    @Test func theDemoSongsTunesGetChordsThatHoldTheirStrongNotes() throws {
        var all = HarmonyComparison()
        for url in try FileManager.default.contentsOfDirectory(at: Fixtures.songs, includingPropertiesForKeys: nil) where url.pathExtension == "cho" {
            let song = try #require(try SongFile.read(path: url.path).songs.first)
            all.add(HarmonyComparison.ofSong(song))
        }
        #expect(all.bars >= 90)
        // The second target, met: at least 90% of the notes on strong beats are tones of their chord.
        #expect(all.strongNotesInChord >= 0.9, "\(all.strongNotesInChord)")
        // Its first (75% of bars agreeing with the songwriters) is not yet met: the model learnt from the
        // Nottingham tunes agrees on 52% (50 of 96 bars), as the hand-weighted one before it did (51). This holds
        // that ground and fails if it is lost.
        #expect(all.barAgreement >= 0.5, "\(all.barAgreement)")
    }

    @Test func aBarChangesChordHalfWayWhereItsTuneAsksAndTheMiddleLineEndsOnTheDominant() throws {
        // Two four-bar lines in C. Bar 2 sings F A, then E G: its first half is F's, its second C's.
        let melody = try Self.tune("X:1\nM:4/4\nL:1/4\nK:C\nC E G E | F A E G | F D B, D | G3 z |\nE G c G | F A c A | G B d B | c3 z |]\n")
        let chords = Self.chords(Harmoniser.harmonise(melody))
        #expect(chords.first == "0:C")
        #expect(chords.contains("1:F") && chords.contains("3/2:C"), "\(chords)")
        // The first line ends open: G (or G7) sounds through its last bar (bar 4, from 3 whole notes in). The tune
        // ends on C.
        let timeline = HarmonyComparison.timeline(Harmoniser.harmonise(melody))
        let sounding = timeline.last { $0.0 <= NoteLength(3) }.map { ChordSymbol.chord($0.1).description }
        #expect(sounding == "G" || sounding == "G7", "\(chords)")
        #expect(!timeline.contains { $0.0 > NoteLength(3) && $0.0 < NoteLength(4) }, "\(chords)")
        #expect(chords.last?.hasSuffix(":C") == true)
    }

    @Test func aModalTuneGetsItsModesChords() throws {
        // A dorian: its IV is D major (the F sharp is in the tune), its flat seventh G major.
        let melody = try Self.tune("X:1\nM:4/4\nL:1/4\nK:Ador\nA c e c | d f a f | G B d B | A3 z |]\n")
        let chords = Set(HarmonyComparison.timeline(Harmoniser.harmonise(melody)).map { ChordSymbol.chord($0.1).description })
        #expect(chords.isSuperset(of: ["Am", "D", "G"]) && !chords.contains("Dm"), "\(chords)")
    }
}
