import Foundation
import SongCore
import SongTesting
import SongText
import Testing

@Suite struct CheckCommandTests {
    @Test func everySongChecksClean() async throws {
        let paths = Fixtures.songFiles.map { "Songs/" + $0.lastPathComponent }
        let result = try await CommandRunner.songbridge(["check"] + paths)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        for url in Fixtures.songFiles {
            let title = try #require(try SongFile.read(path: url.path).songs.first?.metadata.title)
            #expect(result.stdout.contains(title))
        }
    }

    /// A file's name from a memory stick is untrusted text: a message naming it shows its escape and bell as
    /// `\u{1B}` and `\u{7}`, on standard error and standard output, and never sends them to the terminal.
    @Test func aFileNameWithATerminalEscapeIsShownNotObeyed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = "bad\u{1B}[31mred\u{7}.cho", good = "good\u{1B}]0;title\u{7}.cho"
        try "{title: Bad\n[H]x\n".write(to: folder.appendingPathComponent(bad), atomically: true, encoding: .utf8)
        try "{title: Good}\n[C]words\n".write(to: folder.appendingPathComponent(good), atomically: true, encoding: .utf8)
        let refused = try await CommandRunner.songbridge(["check", bad], in: folder)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("bad\\u{1B}[31mred\\u{7}.cho:1:1: error:"), "\(refused.stderr)")
        let read = try await CommandRunner.songbridge(["check", good], in: folder)
        #expect(read.status == 0)
        #expect(read.stdout.contains("good\\u{1B}]0;title\\u{7}.cho: Good"), "\(read.stdout)")
        for text in [refused.stderr, refused.stdout, read.stderr, read.stdout] {
            #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" })
        }
    }

    @Test func invalidInputExits65WithTheDiagnostic() async throws {
        let result = try await CommandRunner.songbridge(["check", "Tests/Fixtures/bad/not-a-chord.cho"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("Tests/Fixtures/bad/not-a-chord.cho:3:19: error:"))
        #expect(result.stdout.isEmpty)
    }

    @Test func aFileThatCannotBeOpenedExits66WithOneLine() async throws {
        for path in ["Songs/no-such-song.cho", "README.md", "Songs"] {
            let result = try await CommandRunner.songbridge(["check", path])
            #expect(result.status == 66, "\(path)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("songbridge: \(path): cannot open"))
        }
        // A missing file among good ones still reports the good ones, then exits 66.
        let mixed = try await CommandRunner.songbridge(["check", "Songs/can-y-cwm.cho", "nothing.abc"])
        #expect(mixed.status == 66)
        #expect(mixed.stdout.contains("Cân y Cwm"))
    }

    /// One tune that cannot be read does not stop the others in its tunebook: they are summed up, the bad one gets
    /// its error with file:line:column, and the exit status says something was wrong.
    @Test func aTuneThatDoesNotReadDoesNotStopTheOthers() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tunes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let book = "X:1\nT:First\nK:G\nGABc|\n\nX:2\nT:Broken\nK:Q\nCDE|\n\nX:3\nT:Third\nK:D\nDEF|\n"
        try Data(book.utf8).write(to: dir.appendingPathComponent("book.abc"))
        let result = try await CommandRunner.songbridge(["check", "book.abc"], in: dir)
        #expect(result.status == 65)
        #expect(result.stdout.contains("First") && result.stdout.contains("Third") && !result.stdout.contains("Broken"), "\(result.stdout)")
        #expect(result.stderr.contains("book.abc:8:3: error: 'Q' is not a key"), "\(result.stderr)")
    }

    @Test func jsonIsTheParsedSongWithStableKeys() async throws {
        let result = try await CommandRunner.songbridge(["check", "--json", "Songs/can-y-cwm.cho", "Songs/the-pavilion-waltz.cho"])
        #expect(result.status == 0)
        let songs = try JSONDecoder().decode([Song].self, from: Data(result.stdout.utf8))
        let expected = try SongFile.read(path: Fixtures.songs.appendingPathComponent("can-y-cwm.cho").path).songs
            + SongFile.read(path: Fixtures.songs.appendingPathComponent("the-pavilion-waltz.cho").path).songs
        #expect(songs == expected)
        // Stable: the same output twice, keys sorted.
        let again = try await CommandRunner.songbridge(["check", "--json", "Songs/can-y-cwm.cho", "Songs/the-pavilion-waltz.cho"])
        #expect(again.stdout == result.stdout)
        #expect(result.stdout.contains("\"blocks\" : ["))
        #expect(result.stdout.range(of: "\"blocks\"")!.lowerBound < result.stdout.range(of: "\"metadata\"")!.lowerBound)
    }

    @Test func tuneSelectsOneTuneOfAnABCFile() async throws {
        let one = try await CommandRunner.songbridge(["check", "Tests/Fixtures/corpus/airs.abc", "--tune", "22"])
        #expect(one.status == 0)
        #expect(one.stdout.contains("Greensleeves") && !one.stdout.contains("Loch Lomond"))
        let missing = try await CommandRunner.songbridge(["check", "Tests/Fixtures/corpus/airs.abc", "--tune", "99"])
        #expect(missing.status == 65)
        #expect(missing.stderr == "songbridge: Tests/Fixtures/corpus/airs.abc: no tune with X:99\n")
        let notABC = try await CommandRunner.songbridge(["check", "Songs/can-y-cwm.cho", "--tune", "1"])
        #expect(notABC.status == 64)
    }

    @Test func helpReadsWell() async throws {
        let root = try await CommandRunner.songbridge(["--help"])
        #expect(root.status == 0)
        #expect(root.stdout.contains("check") && root.stdout.contains("transpose"))
        let check = try await CommandRunner.songbridge(["help", "check"])
        #expect(check.stdout.contains("Exit status: 0 all valid, 65 invalid input, 66 a file that cannot be opened."))
        #expect(check.stdout.contains("--json"))
    }
}

@Suite struct TransposeCommandTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func toAKeyWritesTheSameFormat() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("tide-in-A.cho")
        let result = try await CommandRunner.songbridge(["transpose", "Songs/the-tide-comes-in.cho", "--to", "A", "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let moved = try #require(try SongFile.read(path: out.path).songs.first)
        #expect(moved.metadata.key == Key("A")!)
        #expect(moved.sections[0].chords.map(\.description).prefix(3) == ["A", "D", "A"])
        let original = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent("the-tide-comes-in.cho").path).songs.first)
        #expect(moved.sections[0].melody!.performedNotes.map(\.pitch.midiNumber) == original.sections[0].melody!.performedNotes.map { $0.pitch.midiNumber + 2 })
        #expect(moved.provenance == original.provenance)
    }

    @Test func bySemitonesOnAnABCFileToStandardOutput() async throws {
        let result = try await CommandRunner.songbridge(["transpose", "Tests/Fixtures/corpus/jigs.abc", "--by", "-2"])
        #expect(result.status == 0, "\(result.stderr)")
        let book = try ABCReader.read(result.stdout).value
        #expect(book.tunes.count == 4)
        #expect(book.tunes[0].melody.key == Key("F")!)
        #expect(book.tunes[1].melody.key == Key("Ddor")!)
    }

    @Test func badArgumentsGetOneLineAndExit64() async throws {
        for args in [["Songs/the-tide-comes-in.cho"], ["Songs/the-tide-comes-in.cho", "--to", "H"], ["Songs/the-tide-comes-in.cho", "--to", "A", "--by", "2"]] {
            let result = try await CommandRunner.songbridge(["transpose"] + args)
            #expect(result.status == 64, "\(args)")
            #expect(result.stderr.hasPrefix("Error: "), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "the usage is for --help: \(result.stderr)")
        }
    }

    @Test func aFailedWriteLeavesNoFile() async throws {
        let result = try await CommandRunner.songbridge(["transpose", "Songs/the-tide-comes-in.cho", "--by", "1", "-o", "/nonexistent-folder/out.cho"])
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-folder/out.cho"))
    }
}
