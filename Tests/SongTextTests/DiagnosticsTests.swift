import Foundation
import SongCore
import Testing
@testable import SongText

/// The diagnostics reading `text` as `format` gives, errors and warnings.
func diagnostics(_ text: String, _ format: SongFile.Format, name: String = "bad") -> [Diagnostic] {
    do {
        let contents = try SongFile.read(data: Data(text.utf8), name: name, format: format)
        return contents.warnings
    } catch {
        return error.diagnostics
    }
}

@Suite struct DiagnosticsTests {
    @Test func errorsNameTheFileLineAndColumnWithACaret() throws {
        let d = diagnostics("{title: T}\n[G]Hello [Hm7]there\n", .chordPro, name: "song.cho")
        let error = try #require(d.first { $0.isError })
        #expect(error.line == 2 && error.column == 11)
        #expect(error.description == """
            song.cho:2:11: error: 'Hm7' is not a chord; expected a root note A–G (e.g. Am, G7, F#m7b5) or N.C.
                [G]Hello [Hm7]there
                          ^
            """)
    }

    /// Lines split on \n, \r\n or a lone \r (old Mac files), a byte-order mark dropped, empty lines and a missing
    /// final newline kept as they are, and multi-byte characters never cut: compared with splitting by Character.
    @Test(arguments: [
        "X:1\nT:A\n\nK:G\nGABc|\n", "X:1\r\nT:A\r\n\r\nK:G\r\nGABc|", "X:1\rT:A\r\rK:G\rGABc|\r",
        "\u{FEFF}T:Ŵyn\nK:D\n", "", "\n", "one line", "a\r\n\r\nb\r", "T:Ein Lied für\nK:C\nc\u{301}de",
    ])
    func linesSplitAsText(_ text: String) {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        let separator: Character = body.contains("\n") || body.contains("\r\n") ? "\n" : "\r"
        let expected = body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: separator, omittingEmptySubsequences: false)
            .map { separator == "\n" && $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        #expect(SourceText(text, name: "t").lines.map(String.init) == expected)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        // (A stray ŵ in the music is now a warning that is skipped; it points at the same column.)
        let d = diagnostics("X:1\nK:C\n\"Cân\"C ŵ|\n", .abc)
        let found = try #require(d.first { $0.message.contains("ŵ") })
        #expect(found.line == 3 && found.column == 8)
    }

    @Test func abcBlockErrorsPointIntoTheChordProFile() throws {
        let d = diagnostics("{title: T}\n{start_of_abc: V}\nX:1\nK:C\nC D [E F|\n{end_of_abc}\n", .chordPro, name: "s.cho")
        let error = try #require(d.first { $0.isError })
        #expect(error.file == "s.cho" && error.line == 5 && error.column == 5)
        #expect(error.message == "chord is not closed")
    }

    @Test(arguments: [
        // Truncated files.
        ("X:1\nT:Half a tune\nM:6/8\n", SongFile.Format.abc, "tune header has no K: line"),
        ("{title: T}\n{start_of_verse}\nLa la\n", .chordPro, "verse is not closed"),
        ("{title: T}\n{start_of_abc}\nX:1\nK:C\nCDE|\n", .chordPro, "ABC block is not closed"),
        ("{title: T", .chordPro, "directive is not closed"),
        // Unbalanced brackets.
        ("X:1\nK:C\n[CEG C|\n", .abc, "chord is not closed"),
        ("X:1\nK:C\n{gA B|\n", .abc, "grace notes are not closed"),
        ("X:1\nK:C\n\"Am C|\n", .abc, "chord symbol is not closed"),
        ("[G]Hello [C there\n", .chordPro, "chord is not closed"),
        ("{end_of_chorus}\n", .chordPro, "{end_of_chorus} without a matching start"),
        // Chords that are not chords.
        ("[G]Hello [Gmaj8]there\n", .chordPro, "'Gmaj8' is not a chord"),
        ("{start_of_grid}\n| C . Q7 . |\n{end_of_grid}\n", .chordPro, "'Q7' is not a chord"),
        // Values that are not what a directive takes.
        ("{key: H}\n", .chordPro, "'H' is not a key"),
        ("{time: 3/5}\n", .chordPro, "'3/5' is not a time signature"),
        ("{x_songbridge_contributor: id=c1; generation=toddler}\n", .chordPro, "'toddler' is not a generation"),
        ("{x_songbridge_contributor: id=c1; consent=maybe}\n", .chordPro, "'maybe' is not a consent level"),
        // Found by the fuzzer: a stray '=' made a field read as a contributor id.
        ("{x_songbridge_credit: c1; part=lines;= lines=1-2}\n", .chordPro, "'lines=1-2' is not a contributor id"),
        ("{x_songbridge_contributor: id=Margaret Hughes}\n", .chordPro, "'Margaret Hughes' is not a contributor id"),
        ("X:1\nK:Q\nC|\n", .abc, "'Q' is not a key"),
        ("X:1\nM:7/9\nK:C\nC|\n", .abc, "'7/9' is not a meter"),
        // A tune from a tablet must never read the laptop's files.
        ("X:1\nK:C\n%%abc-include /etc/passwd\nC|\n", .abc, "including another file is refused"),
        ("%%abc-include header.abh\nX:1\nK:C\nC|\n", .abc, "including another file is refused"),
        ("X:1\nI:abc-include /home/sam/tunes.abc\nK:C\nC|\n", .abc, "including another file is refused"),
        ("{title: T}\n{start_of_abc: V}\nX:1\nI:abc-include x.abc\nK:C\nC|\n{end_of_abc}\n", .chordPro, "including another file is refused"),
    ])
    func badInputGetsAClearError(text: String, format: SongFile.Format, message: String) {
        let d = diagnostics(text, format)
        let errors = d.filter(\.isError)
        #expect(!errors.isEmpty)
        #expect(errors.contains { $0.message.contains(message) }, "got: \(errors.map(\.message))")
        #expect(errors.allSatisfy { $0.line >= 1 && $0.column >= 1 && $0.description.contains("^") })
    }

    /// What people leave in tunebooks they type (a stray accidental, an e-mail's `=20`, an ABC 1.6 `!` line break,
    /// a bowing mark in grace notes): abc2midi warns and goes on, and so do we, keeping the rest of the tune.
    @Test(arguments: [
        ("X:1\nK:C\n!trill C D E|\n", "decoration is not closed", 3),
        ("X:1\nK:C\nC D ? E|\n", "unexpected '?' in the music", 3),
        ("X:1\nK:C\nC D = E|\n", "accidental without a note", 3),
        ("X:1\nK:C\nC D E =\n", "accidental without a note", 3),
        ("X:1\nK:C\nC D =20 E|\n", "unexpected '2' in the music", 3),
        ("X:1\nK:C\nC : D E|\n", "unexpected ':'", 3),
        ("X:1\nK:C\n{vEF}G A B|\n", nil, 3),
        ("X:1\nK:C\n{[EA]}G A B|\n", nil, 3),
        ("X:1\n%%Bfly 0 300 \\\n 0 0 3 2\nK:C\nC D E|\n", nil, 3),
        ("X:1\nK:Es\nC D E|\n", "'s' is not a mode; read as E major", 3),
        ("X:1\nM:FREI4/4\nK:C\nC D E|\n", "is not a meter as written; read as 4/4", 3),
        ("X:1\nM:2/2]\nK:C\nC D E|\n", "read as 2/2", 3),
        ("X:1\nT:t\n1/4=120\nK:C\nC D E|\n", "not a header field; skipped", 3),
        ("X:1\nK:C\nC D z2- | E|\n", "tie '-' has no note before it", 3),
        ("X:1\nK:C\nC D \\ E|\n", "unexpected '\\'", 3),
        ("X:1\nP:Modern Version.\nK:C\nC D E|\n", "is not a play order", 3),
        ("X:1\nK:C\nC D [E2z2]|\n", nil, 3),
        ("X:1\nK:C\nC D || [\"Coda\" E|]\n", nil, 3),
    ] as [(String, String?, Int)])
    func transcriptionDebrisIsAWarningAndTheRestOfTheTuneIsKept(text: String, message: String?, notes: Int) throws {
        let read = try ABCReader.read(text, name: "typed.abc")
        let tune = try #require(read.value.tunes.first)
        #expect(tune.melody.notes.count == notes)
        if let message {
            #expect(read.warnings.contains { $0.message.contains(message) && $0.line >= 1 && $0.column >= 1 && $0.description.contains("^") },
                    "got: \(read.warnings.map(\.message))")
        }
    }

    @Test func barsOfTheWrongLengthAreWarnings() throws {
        let d = diagnostics("X:1\nM:4/4\nL:1/4\nK:C\nC D E F | G A B | c d e f g | C4 |]\n", .abc)
        #expect(d.allSatisfy { !$0.isError })
        let bars = d.filter { $0.message.contains("M:4/4 asks for 1") }
        #expect(bars.count == 2)
        #expect(bars.map(\.column) == [11, 19])
    }

    @Test func anAnacrusisIsNotAShortBar() {
        let d = diagnostics("X:1\nM:3/4\nL:1/4\nK:C\nG | c2 c | B2 B | A3 |]\n", .abc)
        #expect(d.isEmpty)
    }

    @Test func bytesThatAreNotUTF8() throws {
        var bytes = Array("{title: Caf".utf8)
        bytes.append(0xE9)  // é in Latin-1
        bytes += Array("}\n".utf8)
        do {
            _ = try SongFile.read(data: Data(bytes), name: "latin1.cho", format: .chordPro)
            Issue.record("expected an error")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.line == 1 && d.column == 12)
            #expect(d.message == "byte 0xE9 is not valid UTF-8")
            #expect(d.expected?.contains("UTF-8") == true)
        }
    }

    @Test func aFiftyMegabyteFileIsRefusedQuickly() throws {
        let big = Data(repeating: UInt8(ascii: "A"), count: 50 * 1024 * 1024)
        do {
            _ = try SongFile.read(data: big, name: "big.abc", format: .abc)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.message.contains("too large") == true)
        }
    }

    @Test func aLargeValidCollectionUnderTheLimitReads() throws {
        // Two megabytes of tunes: no quadratic behaviour, no hang (the benchmark measures speed).
        let tuneText = "X:1\nT:Big\nM:4/4\nL:1/8\nK:D\n" + String(repeating: "|:\"D\"DFAd \"G\"BGBd|\"A\"ceAc \"D\"d2d2:|\n", count: 40) + "\n"
        var text = ""
        while text.utf8.count < 2 * 1024 * 1024 { text += tuneText }
        let contents = try SongFile.read(data: Data(text.utf8), name: "big.abc", format: .abc)
        #expect(contents.songs.count == text.utf8.count / tuneText.utf8.count)
    }

    @Test func garbageGivesBoundedDiagnostics() {
        let garbage = String(repeating: "X:1\nK:C\n?%?#@\u{1}[[[{{{\"\n", count: 10_000)
        let d = diagnostics(garbage, .abc)
        #expect(d.filter(\.isError).count <= DiagnosticLog.maximumErrors + 1)
    }

    /// Keys as tunebooks write them: accidentals straight after the mode, several run together.
    @Test func keyAccidentalsAttachedToTheModeAreRead() throws {
        for key in ["Dm^c", "Dm ^c", "D exp _b ^c", "Dm^c^g"] {
            let tune = try #require(try ABCReader.read("X:1\nK:\(key)\nc|\n", name: "k.abc").value.tunes.first)
            #expect(tune.melody.notes.first?.pitches.first?.midiNumber == 73, "K:\(key)")
        }
        let both = try #require(try ABCReader.read("X:1\nK:Dm^c^g\ng|\n", name: "k.abc").value.tunes.first)
        #expect(both.melody.notes.first?.pitches.first?.midiNumber == 80)
    }
}
