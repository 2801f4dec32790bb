import Foundation
import SongCore
import SongTesting
import SongText
import Testing
@testable import Arrangement

/// The draft sings the words as they are now: lines added since a tune was written, and new verses without a
/// tune of their own.
@Suite struct SungWordsTests {
    static func tide() throws -> String { Fixtures.text(Fixtures.songs.appendingPathComponent("the-tide-comes-in.cho")) }
    static func song(_ text: String) throws -> Song { try #require(try ChordProReader.read(text).value.first) }

    /// The letters sung from each timed line's start to the next, by section and line.
    static func sung(_ performance: Performance) throws -> [String: String] {
        let syllables = try #require(performance.wordsTrack?.syllables)
        var out: [String: String] = [:]
        for (n, line) in performance.lines.enumerated() {
            let end = n + 1 < performance.lines.count ? performance.lines[n + 1].at : performance.end
            out["\(line.section)#\(line.line)", default: ""] = LineTimingTests.letters(syllables.filter { $0.at >= line.at && $0.at < end }.map(\.text).joined())
        }
        return out
    }

    @Test(arguments: Fixtures.songFiles.map(\.lastPathComponent))
    func aTuneThatSingsItsLinesIsLeftAsWritten(name: String) throws {
        let song = try Self.song(Fixtures.text(Fixtures.songs.appendingPathComponent(name)))
        #expect(SungWords.apply(to: song) == song)
    }

    @Test func aNewVerseIsSungToTheFirstVersesTune() throws {
        let text = try Self.tide() + "\n{start_of_verse: Verse 3}\n[G]Shells and stones and [D]salty spray,\n[C]buckets full by [G]end of day\n{end_of_verse}\n"
        let song = try Self.song(text)
        #expect(song.section("Verse 3")?.melody == nil)
        let performance = try Arranger.perform(song, options: ArrangementOptions(style: "basic"))
        let sung = try Self.sung(performance)
        #expect(sung["Verse 3#0"] == LineTimingTests.letters("Shells and stones and salty spray,"))
        #expect(sung["Verse 3#1"] == LineTimingTests.letters("buckets full by end of day"))
        // Only the two lines with words are lines of words; the tune goes on for the rest of the verse.
        #expect(performance.lines.filter { $0.section == "Verse 3" }.map(\.line) == [0, 1])
        let verse1 = try #require(SungWords.apply(to: song).section("Verse 1")?.melody)
        let verse3 = try #require(SungWords.apply(to: song).section("Verse 3")?.melody)
        #expect(verse3.notes.map(\.pitches) == verse1.notes.map(\.pitches))
    }

    @Test func aLineAddedToAChorusIsSungOnItsLastLineAgain() throws {
        let original = try Self.tide()
        let end = try #require(original.range(of: "{end_of_chorus}"))
        var text = original
        text.insert(contentsOf: "and the [G]gulls cry [D]home a[G]gain\n", at: end.lowerBound)
        let song = try Self.song(text)
        let chorus = try #require(song.section("Chorus"))
        #expect(chorus.lyricLines.count == 5)
        let performance = try Arranger.perform(song, options: ArrangementOptions(style: "basic"))
        let sung = try Self.sung(performance)
        for (n, line) in chorus.lyricLines.enumerated() {
            #expect(sung["Chorus#\(n)"] == LineTimingTests.letters(line), "Chorus line \(n)")
        }
        // The fifth line is sung to the tune's fourth line again.
        let laid = try #require(SungWords.apply(to: song).section("Chorus")?.melody)
        let tuneLines = laid.elements.split { if case .lineBreak = $0 { true } else { false } }.filter { $0.contains { if case .note = $0 { true } else { false } } }
        #expect(tuneLines.count == 5)
        func pitches(_ line: ArraySlice<MelodyElement>) -> [NotePitches] { line.compactMap { if case .note(let n) = $0 { n.pitches } else { nil } } }
        #expect(pitches(tuneLines[4]) == pitches(tuneLines[3]))
    }

    @Test func syllablesAndNotesThatDoNotMatchAreHeldOrSharedNotDropped() throws {
        let tune = try #require(try ABCReader.read("X:1\nM:4/4\nL:1/4\nK:C\nC D E F|\nG A B c-|c4|\n").value.tunes.first?.melody)
        // Line 1: six syllables for four notes (the last note sings the rest); line 2: two syllables for four
        // notes, one of them tied (held to the end).
        let laid = SungWords.lay(["won-der-ful wea-ther here", "sun-shine"], on: tune)
        let lyrics = laid.notes.map { $0.lyrics.first }
        #expect(lyrics[0] == .syllable("won", continuesWord: true))
        #expect(lyrics[3] == .syllable("weather here", continuesWord: false))
        #expect(lyrics[4] == .syllable("sun", continuesWord: true))
        #expect(lyrics[5] == .syllable("shine", continuesWord: false))
        #expect(lyrics[6] == .hold && lyrics[7] == .hold)
        // Every word is still sung, in order.
        let text = laid.notes.compactMap { if case .syllable(let s, _) = $0.lyrics.first { s } else { nil } }.joined()
        #expect(LineTimingTests.letters(text) == LineTimingTests.letters("wonderful weather here sunshine"))
    }
}
