import Foundation
import SongCore
import Testing
@testable import SongText

/// A song file or a pasted tune with a bell, a terminal's escape or a text-direction override in it still reads, but
/// those characters are left out, each with a warning at its line and column, so nothing printed or drawn from the
/// song carries them.
@Suite struct UnsafeCharacterTests {
    @Test func aBellAndAnEscapeInAChordProSheetAreLeftOutWithAWarningWhereTheyWere() throws {
        let text = "{title: Ring \u{7}the Bell}\n{start_of_verse}\n[C]Ring it \u{1B}c loud\n{end_of_verse}\n"
        let read = try SongFile.read(data: Data(text.utf8), name: "bell.cho", format: .chordPro)
        let song = try #require(read.songs.first)
        #expect(song.metadata.title == "Ring the Bell")
        let words = song.sections.flatMap(\.lines).compactMap(\.words).joined()
        #expect(words == "Ring it c loud")
        let notes = read.warnings.filter { $0.message.contains("control character") }
        #expect(notes.map(\.line) == [1, 3])
        #expect(notes.map(\.column) == [14, 12])
        #expect(notes.first?.message == "a control character (U+0007) was left out")
        // The report shows the line as kept: nothing in it acts on a terminal.
        for note in notes { #expect(!note.description.unicodeScalars.contains { OneLineText.isUnsafe($0) && $0 != "\n" }) }
    }

    @Test func aDirectionOverrideInATuneIsLeftOutAndNamedForWhatItDoes() throws {
        let text = "X:1\nT:Over\u{202E}ride\nM:4/4\nL:1/8\nK:G\nGABc dedB|\nw:one two three \u{2066}four five six sev-en\n"
        let read = try SongFile.read(data: Data(text.utf8), name: "rlo.abc", format: .abc)
        let song = try #require(read.songs.first)
        #expect(song.metadata.title == "Override")
        let notes = read.warnings.filter { $0.message.contains("text-direction control") }
        #expect(notes.count == 2)
        #expect(notes.first?.line == 2 && notes.first?.column == 7)
        #expect(notes.first?.message.contains("U+202E") == true)
        // The syllables are the words', with nothing stray among them.
        #expect(!read.warnings.contains { $0.message.contains("syllables") })
    }

    /// Text people type in these isles stays as it was: Welsh and Irish letters, curly quotes and dashes (whose
    /// UTF-8 starts as a direction control's does), a tab, and the left-to-right and right-to-left marks.
    @Test(arguments: ["Dŵr y Cwm, Siân’s “tune” – yes…", "Ní bheidh ár leithéidí", "a\tb", "x\u{200E}y\u{200F}z", "Öl ände"])
    func everydayTextIsKept(_ value: String) {
        let source = SourceText("T:\(value)\n", name: "t")
        #expect(source.lines.first.map(String.init) == "T:\(value)")
        #expect(source.removedCount == 0 && source.removed.isEmpty)
    }

    @Test func manyAreReportedUpToACapAndCountedBeyondIt() {
        let text = String(repeating: "a\u{7}", count: 500)
        let source = SourceText(text, name: "t")
        #expect(source.lines == [Substring(String(repeating: "a", count: 500))])
        #expect(source.removedCount == 500)
        #expect(source.removed.count == SourceText.removalsKept)
        #expect(source.removed.map(\.column) == Array(stride(from: 2, through: 2 * SourceText.removalsKept, by: 2)).map { $0 / 2 + 1 })
        let warnings = diagnostics("T:\(text)\n", .abc)
        #expect(warnings.contains { $0.message == "\(500 - SourceText.removalsKept) more such characters were left out" })
    }

    @Test func aNameOrAContributionSaysWhereTheUnsafeCharacterIs() {
        #expect(OneLineText.problem("Tomos \u{202E}Jones", what: "the name")?.contains("text-direction control (U+202E)") == true)
        #expect(OneLineText.problem("C\u{9B}31m", what: "the name")?.contains("control character (U+009B)") == true)
        #expect(OneLineText.problem("Siân Ní Bhriain", what: "the name") == nil)
        #expect(OneLineText.problem(lines: "one\r\ntwo \u{7}", what: "the words")
            == "a control character (U+0007) at line 2, column 5 of the words; send plain text")
        #expect(OneLineText.problem(lines: "one\n\ttwo, Dŵr’s “three”", what: "the words") == nil)
    }
}
