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
        // Its first (75% of bars agreeing with the songwriters) is not met: the model learnt from the Nottingham
        // tunes agrees on 56% (54 of 96 bars) since slow songs' halves are free (52% before). This holds that
        // ground and fails if it is lost.
        #expect(all.agreeingBars >= 54, "\(all.agreeingBars) of \(all.bars)")
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

    @Test func aSlowSongsLastBarGoesHomeFromTheDominantAtTheHalfBar() throws {
        // Cân y Cwm's verse tune: its last bar sings E D D2 | C4. Sung at 92, each half bar lasts 1.3 s, and the
        // cadence moves with it: the dominant, then home on the long C. Twice as fast, the bar is a quick two and
        // keeps one chord, as a dance tune's would.
        func lastBar(_ tempo: Int) throws -> [String] {
            let melody = try Self.tune("X:1\nM:4/4\nL:1/8\nQ:1/4=\(tempo)\nK:C\nG,2 C2 E2 G2 | AG F2 E4 | A2 A2 G2 E2 | DE F2 G4 | G,2 C2 E2 G2 | AB c2 A4 | A2 G2 F2 D2 | ED D2 C4 |]\n")
            let timeline = HarmonyComparison.timeline(Harmoniser.harmonise(melody))
            return timeline.filter { $0.0 >= NoteLength(7) }.map { "\($0.0 - NoteLength(7)):\(ChordSymbol.chord($0.1))" }
        }
        let slow = try lastBar(92)
        #expect(slow.count == 2 && slow.first?.hasPrefix("0:G") == true && slow.last == "1/2:C", "\(slow)")
        let quick = try lastBar(184)
        #expect(quick.allSatisfy { $0.hasPrefix("0:") }, "\(quick)")
        #expect(Harmoniser.halvesAreLong(try Self.tune("X:1\nM:4/4\nL:1/8\nQ:1/4=100\nK:C\nC8|]\n")))
        #expect(!Harmoniser.halvesAreLong(try Self.tune("X:1\nM:3/4\nL:1/8\nQ:1/4=40\nK:C\nC6|]\n")), "a bar of three has no half")
        #expect(!Harmoniser.halvesAreLong(try Self.tune("X:1\nM:4/4\nL:1/8\nK:C\nC8|]\n")), "no tempo written: as the tunebooks")
    }

    @Test func aModalTuneGetsItsModesChords() throws {
        // A dorian: its IV is D major (the F sharp is in the tune), its flat seventh G major.
        let melody = try Self.tune("X:1\nM:4/4\nL:1/4\nK:Ador\nA c e c | d f a f | G B d B | A3 z |]\n")
        let chords = Set(HarmonyComparison.timeline(Harmoniser.harmonise(melody)).map { ChordSymbol.chord($0.1).description })
        #expect(chords.isSuperset(of: ["Am", "D", "G"]) && !chords.contains("Dm"), "\(chords)")
    }
}
