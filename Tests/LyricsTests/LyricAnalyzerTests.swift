import Foundation
import SongCore
import SongTesting
import SongText
import Testing
@testable import Lyrics

@Suite struct SyllableTests {
    let analyzer = LyricAnalyzer()

    @Test(arguments: [
        ("wonderful", "won-der-ful", "100"), ("across", "a-cross", "01"), ("sister", "sis-ter", "10"), ("table", "ta-ble", "10"),
        ("hundred", "hun-dred", "10"), ("seaside", "sea-side", "12"), ("together", "to-ge-ther", "010"), ("valley", "val-ley", "10"), ("summer", "sum-mer", "10"), ("Weymouth", "Wey-mouth", "10"),
    ])
    func wordsSplitIntoSingableSyllables(word: String, hyphenated: String, stress: String) {
        let a = analyzer.analyze(word: word)
        #expect(a.hyphenated == hyphenated)
        #expect(a.stressPattern == stress)
        #expect(a.syllables.joined() == word)
    }

    @Test func welshLinesUseWelshRulesAndPenultimateStress() {
        let line = analyzer.analyze(line: "Mae'r plant yn chwarae ar y bryn")
        #expect(line.language == .welsh)
        #expect(line.syllableCount == 8)
        let chwarae = line.words.first { $0.word == "chwarae" }!
        #expect(chwarae.hyphenated == "chwa-rae" && chwarae.stressPattern == "10")
        #expect(analyzer.analyze(line: "The sun comes up across the vale").language == .english)
    }

    @Test func functionWordsAreUnstressedAndContentWordsStressed() {
        let line = analyzer.analyze(line: "We walked the prom")
        #expect(line.stressPattern == "0 1 0 1")
    }

    @Test func typedLinesAreLaidOntoNotes() {
        #expect(analyzer.abcWords(for: "wonderful day", notes: 5) == "won-der-ful day _")
        #expect(analyzer.abcWords(for: "sing it in the valley", notes: 6) == "sing it in the val-ley")
    }

    @Test(arguments: ["", "   ", "🎵🎶", "!!! ???"])
    func emptyOrSymbolsOnlyGivesNoWords(text: String) {
        let line = analyzer.analyze(line: text)
        #expect(line.words.isEmpty && line.syllableCount == 0)
    }

    @Test func mixedScriptsAndEmojiGiveSensibleCounts() {
        let line = analyzer.analyze(line: "sing 🎵 歌を歌う Привет café naïve")
        #expect(line.words.map(\.word) == ["sing", "歌を歌う", "Привет", "café", "naïve"])
        #expect(line.words[1].syllableCount == 4 && line.words[1].source == .other)
        #expect(line.words[2].syllableCount == 1 && line.words[2].source == .other)
        #expect(line.words[3].syllableCount >= 1 && line.words[4].syllableCount >= 1)
        #expect(analyzer.analyze(word: "1953").syllableCount == 4)
    }

    @Test func aMegabyteOfTextIsAnswered() {
        let verse = "The tide comes in, the tide goes out, and all of Weymouth sings along, Mae'r haul yn codi dros y cwm. "
        let text = String(repeating: verse, count: 1_048_576 / verse.utf8.count + 1)
        let line = analyzer.analyze(line: text)
        #expect(line.words.count > 150_000)
        #expect(line.syllableCount > line.words.count)
    }
}

@Suite struct RhymeTests {
    let analyzer = LyricAnalyzer()

    @Test(arguments: [
        ("sea", "free", RhymeKind.perfect), ("day", "away", .perfect), ("leave", "believe", .identical), ("home", "home", .identical),
        ("home", "bone", .assonance), ("home", "come", .consonance), ("sea", "tide", .none), ("shoes", "news", .perfect),
    ])
    func howWordsRhyme(a: String, b: String, kind: RhymeKind) {
        #expect(analyzer.rhymeKind(a, b) == kind)
    }

    @Test func suggestionsArePerfectFirstCommonFirstAndFiltered() {
        let rhymes = analyzer.rhymes(for: "day", limit: 40)
        #expect(rhymes.allSatisfy { $0.kind == .perfect || $0.kind == .identical })
        #expect(Array(rhymes.prefix(15).map(\.word)).contains("way") && rhymes.prefix(15).map(\.word).contains("say"))
        #expect(zip(rhymes, rhymes.dropFirst()).allSatisfy { $0.0.kind != .perfect || $0.1.kind != .perfect || $0.0.frequency <= $0.1.frequency })
        let two = analyzer.rhymes(for: "day", syllables: 2, limit: 20)
        #expect(!two.isEmpty && two.allSatisfy { $0.syllables == 2 })
        #expect(two.map(\.word).contains("away"))
    }

    @Test func nearRhymesComeAfterPerfectOnes() {
        let rhymes = analyzer.rhymes(for: "home", near: true, limit: 400)
        let firstNear = rhymes.firstIndex { $0.kind.isNear }!
        #expect(rhymes[..<firstNear].allSatisfy { !$0.kind.isNear })
        #expect(rhymes.contains { $0.word == "bone" && $0.kind == .assonance })
        #expect(rhymes.contains { $0.kind == .consonance })
    }

    @Test func wordsTheDictionaryLacksRhymeByTheirEnding() {
        #expect(analyzer.rhymePronunciation("Stonehaven") != nil)
        #expect(analyzer.rhymeKind("Stonehaven", "haven") == .perfect || analyzer.rhymeKind("Stonehaven", "haven") == .identical)
        #expect(analyzer.rhymes(for: "zzzq").isEmpty)
    }

    @Test func rhymeSchemes() {
        #expect(analyzer.rhymeScheme(["The tide comes in, the tide goes out,", "and all of Weymouth sings along,", "from eighty years to eight years old,", "we all sing out the seaside song."]) == "ABCB")
        #expect(analyzer.rhymeScheme(["I saw the sea", "it called to me", "the waves were high", "beneath the sky"]) == "AABB")
        #expect(analyzer.rhymeScheme(["", "hello"]) == "-A")
    }
}

@Suite struct FitTests {
    let analyzer = LyricAnalyzer()

    func melodyLine(_ abc: String) throws -> (notes: [(note: Note, position: NoteLength, strength: Int)], meter: Meter) {
        let tune = try #require(try ABCReader.read("X:1\nM:4/4\nL:1/4\nK:C\n\(abc)\n").value.tunes.first)
        return (try #require(analyzer.melodyLines(tune.melody).first), tune.melody.meter)
    }

    @Test func syllablesAgainstNotes() throws {
        let (notes, meter) = try melodyLine("C D E F | G2 G2 |")
        #expect(analyzer.fit("we walked the prom, sea wind", to: notes, meter: meter).warnings.map(\.kind) == [])
        #expect(analyzer.fit("we walked the prom and the", to: notes, meter: meter).warnings.map(\.kind) == [.longNoteOnWeakSyllable, .longNoteOnWeakSyllable])
        #expect(analyzer.fit("the tide comes in, the tide goes out", to: notes, meter: meter).warnings.first?.kind == .tooManySyllables)
        #expect(analyzer.fit("the tide comes in", to: notes, meter: meter).warnings.first?.kind == .tooFewSyllables)
    }

    @Test func aStressedSyllableOffTheBeatIsReported() throws {
        // "be-SIDE" sung BE-side: "be" on the downbeat, "side" on the off-beat eighth.
        let tune = try #require(try ABCReader.read("X:1\nM:4/4\nL:1/8\nK:C\nC3 D E2 G2 |\n").value.tunes.first)
        let notes = try #require(analyzer.melodyLines(tune.melody).first)
        let fit = analyzer.fit("beside the sea", to: notes, meter: tune.melody.meter)
        #expect(fit.warnings.contains { $0.kind == .stressOnWeakBeat })
        let good = analyzer.fit("the beside sea", to: notes, meter: tune.melody.meter)
        #expect(!good.warnings.contains { $0.kind == .stressOnWeakBeat })
    }

    @Test func everySongLineFitsItsTune() throws {
        for url in Fixtures.songFiles {
            let song = try #require(try SongFile.read(path: url.path).songs.first)
            for section in song.sections {
                guard let melody = section.melody else { continue }
                let lines = analyzer.melodyLines(melody)
                for (i, text) in section.lyricLines.enumerated() where i < lines.count {
                    let fit = analyzer.fit(text, to: lines[i], meter: melody.meter)
                    #expect(fit.line.syllableCount == fit.notes, "\(url.lastPathComponent) \(section.id) line \(i + 1): \(text) \(fit.line.words.map(\.hyphenated))")
                }
            }
        }
    }
}
