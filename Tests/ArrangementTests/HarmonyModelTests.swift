import Foundation
import SongCore
import SongText
import Testing
@testable import Arrangement

/// The harmoniser's learnt model: written bars, slots, learning from chorded tunes, and the shipped tables.
@Suite struct HarmonyModelTests {
    static func tune(_ abc: String) throws -> Melody {
        try #require(try ABCReader.read(abc).value.tunes.first?.melody)
    }

    @Test func barsAreReadFromTheBarLinesSoUpbeatsKeepTheirBeats() throws {
        // A 3/4 tune with a one-beat upbeat, a strain ending on a two-beat bar and a second strain's upbeat.
        let melody = try Self.tune("X:1\nM:3/4\nL:1/4\nK:G\nD | G B d | c2 :| A | B G E | G3 |]\n")
        let bars = try #require(WrittenBar.bars(of: melody))
        #expect(bars.map(\.length) == [NoteLength(1, 4), NoteLength(3, 4), NoteLength(2, 4), NoteLength(1, 4), NoteLength(3, 4), NoteLength(3, 4)])
        #expect(bars.map(\.isUpbeat) == [true, false, false, true, false, false])
        // The upbeat's note is on the third beat of its bar; the second strain's downbeat is where it is written.
        #expect(bars[0].position(of: .zero) == NoteLength(2, 4))
        #expect(bars[4].start == NoteLength(7, 4))
        #expect(bars[3].time(at: .zero) == nil && bars[3].time(at: NoteLength(2, 4)) == NoteLength(6, 4))
    }

    @Test func anUpbeatGetsNoChordAndChordsChangeOnTheWrittenDownbeats() throws {
        // Counted from the first note, this tune's bars would start a beat early; read from its bar lines they
        // start at 1/4, 4/4, 7/4… and every chord must fall on one of those.
        let melody = try Self.tune("X:1\nM:3/4\nL:1/4\nK:G\nD | G B d | c A F | G B d | e c A | B G E | A F D | G B A | G2 |]\n")
        let chords = HarmonyComparison.timeline(Harmoniser.harmonise(melody))
        #expect(chords.first?.0 == NoteLength(1, 4))
        for (time, _) in chords { #expect(((time - NoteLength(1, 4)) / NoteLength(3, 4)).denominator == 1, "\(time)") }
        #expect(chords.last.map { ChordSymbol.chord($0.1).description } == "G")
    }

    @Test func aModelLearntFromChordedTunesGivesTheirChordsInAnotherKey() throws {
        // Two tunes in G whose songwriters chose the relative minor under a tune that C major would also hold
        // (bar 2: E G B E), and the supertonic minor before the dominant: a plain fit would not choose them.
        let learnt = """
            X:1
            M:4/4
            L:1/4
            K:G
            "G"G B d B | "Em"E G B E | "Am"A c e c | "D"D F A F | "G"G B d B | "Em"E G B E | "Am"A c e c | "D"D F A d | "G"G4 |]

            X:2
            M:4/4
            L:1/4
            K:G
            "G"B d B G | "Em"G B E G | "Am"c e c A | "D"F A F D | "G"B d B G | "Em"G B E G | "Am"c e c A | "D"F A d F | "G"G4 |]
            """
        var counts = HarmonyModel.Counts()
        for tune in try ABCReader.read(learnt).value.tunes { counts.add(tune.melody) }
        #expect(counts.tunes == 2)
        let model = counts.model(share: 0)
        // The first tune, a fourth higher in C and without its chords: the same degrees, spelled in C.
        let fresh = try Self.tune("X:3\nM:4/4\nL:1/4\nK:C\nC E G E | A, C E A, | D F A F | G, B, D B, | C E G E | A, C E A, | D F A F | G, B, D G | C4 |]\n")
        let chords = HarmonyComparison.timeline(Harmoniser.harmonise(fresh, model: model)).map { ChordSymbol.chord($0.1).description }
        #expect(chords == ["C", "Am", "Dm", "G", "C", "Am", "Dm", "G", "C"], "\(chords)")
    }

    @Test func theShippedTablesAreProbabilities() throws {
        for (family, tables) in HarmonyModel.learned.families.enumerated() {
            let tonic = family == 0 ? 0 : 1
            #expect(tables.chords.contains(tonic))
            #expect(tables.chords.count >= 6)
            let rows = tables.change.flatMap { $0 } + [tables.start]
            for row in rows {
                #expect(row.count == tables.chords.count)
                #expect(abs(row.reduce(0) { $0 + exp($1) } - 1) < 0.01)
            }
            for chord in tables.heard {
                for row in chord { #expect(abs(row.reduce(0) { $0 + exp($1) } - 1) < 0.01) }
            }
            // Dance tunes end at home: the tonic is likelier at the end than anywhere, and the dominant less.
            let final = tables.place[HarmonySlot.PhrasePlace.final.rawValue]
            let dominant = try #require(tables.chords.firstIndex(of: 21))
            #expect(final[try #require(tables.chords.firstIndex(of: tonic))] > 0.2)
            #expect(final[dominant] < 0)
        }
    }
}
