import Foundation
import SongCore
import SongTesting
import SongText
import Testing
@testable import Arrangement

/// The start time of each line of words, which the song page uses to light up the line being sung.
@Suite struct LineTimingTests {
    static func letters(_ text: String) -> String { String(text.lowercased().filter(\.isLetter)) }

    /// With the plain style, and with a style in the song's meter that adds an introduction (which moves every line later).
    @Test(arguments: Fixtures.songFiles.map(\.lastPathComponent), [false, true])
    func linesStartWhereTheirWordsAreSung(name: String, withIntroduction: Bool) throws {
        let song = try #require(try ChordProReader.read(Fixtures.text(Fixtures.songs.appendingPathComponent(name))).value.first)
        let meter = song.metadata.meter ?? .fourFour
        let style = !withIntroduction ? "basic" : meter == Meter(6, 8) ? "jig" : meter == Meter(3, 4) ? "waltz" : "folk"
        let performance = try Arranger.perform(song, options: ArrangementOptions(style: style))
        if withIntroduction { #expect(performance.lines.first.map { $0.at > .zero } == true) }
        let lines = performance.lines
        #expect(!lines.isEmpty)
        // In time order, and each names a real line of a real section.
        #expect(zip(lines, lines.dropFirst()).allSatisfy { $0.at < $1.at }, "\(lines)")
        for line in lines {
            let section = try #require(song.section(line.section), "\(line.section)")
            #expect(section.lyricLines.indices.contains(line.line), "\(line)")
        }
        // Every pass through a section with words times each of its lines, in order.
        let passes = song.form.flatMap { item in Array(repeating: item.section, count: item.times) }
        let expected = passes.flatMap { id -> [String] in
            let count = song.section(id)?.lyricLines.count ?? 0
            return (0..<count).map { "\(id)#\($0)" }
        }
        #expect(lines.map { "\($0.section)#\($0.line)" } == expected)
        // The syllables sung between one line's start and the next are that line's words.
        let syllables = try #require(performance.wordsTrack?.syllables)
        for (n, line) in lines.enumerated() {
            let end = n + 1 < lines.count ? lines[n + 1].at : performance.end
            let sung = syllables.filter { $0.at >= line.at && $0.at < end }.map(\.text).joined()
            let words = try #require(song.section(line.section)?.lyricLines[line.line])
            #expect(Self.letters(sung) == Self.letters(words), "\(name) \(line.section) line \(line.line)")
        }
    }

    @Test func chordsOverWordsGiveEachLineABarPerChordBefore() throws {
        let text = "{title: Bars}\n{time: 3/4}\n{start_of_verse: V}\n[G]One line [C]here\n[D]and an[G]other [D]one\n[C]last\n{end_of_verse}\n"
        let song = try #require(try ChordProReader.read(text).value.first)
        let performance = try Arranger.perform(song, options: ArrangementOptions(style: "basic"))
        let bar = NoteLength(3, 4)
        #expect(performance.lines.map(\.at) == [.zero, bar * 2, bar * 5])
        #expect(performance.lines.map(\.line) == [0, 1, 2])
    }

    @Test func aLineOfTheTuneWithNoWordsIsNotALineOfWords() throws {
        let text = """
            {title: Intro line}
            {time: 4/4}
            {start_of_verse: V}
            One two three four
            five six se-ven
            {end_of_verse}
            {start_of_abc: V}
            X:1
            M:4/4
            L:1/4
            K:C
            C D E F|
            w:* * * *
            G A B c|
            w:One two three four
            c B A G|
            w:five six se-ven
            {end_of_abc}
            """
        let song = try #require(try ChordProReader.read(text).value.first)
        let performance = try Arranger.perform(song, options: ArrangementOptions(style: "basic"))
        // The words start a bar in, on the tune's second line, and are the verse's first line of words.
        #expect(performance.lines.map(\.line) == [0, 1])
        #expect(performance.lines.map(\.at) == [NoteLength(1), NoteLength(2)])
    }
}
