import Foundation
import SongCore
import SongTesting
import SongText
import Testing

/// MusicXML exports checked by someone else: xmllint against the official MusicXML 4.0 schema (vendored in
/// Tests/Fixtures/musicxml-4.0, imports pointed at local copies: no network), for every demo song and a sample of
/// real tunebooks' tunes; and what the score holds, counted against the song.
@Suite struct MusicXMLTests {
    static let schema = Fixtures.root.appendingPathComponent("Tests/Fixtures/musicxml-4.0/musicxml.xsd")

    /// xmllint's verdict on `xml`: nil when valid, else its first complaint.
    static func problem(_ xml: String) async throws -> String? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("score-\(UUID().uuidString).musicxml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let xmllint = try #require(CommandRunner.program("xmllint"), "xmllint (libxml2-utils) is missing: make test installs it")
        let result = try await CommandRunner.run(URL(fileURLWithPath: xmllint), ["--nonet", "--noout", "--schema", schema.path, file.path], in: Fixtures.root)
        return result.status == 0 ? nil : result.stderr.split(separator: "\n").first.map(String.init) ?? "status \(result.status)"
    }

    static func count(_ tag: String, in xml: String) -> Int { xml.components(separatedBy: "<\(tag)>").count - 1 + xml.components(separatedBy: "<\(tag) ").count - 1 }

    @Test(arguments: Fixtures.songFiles.map(\.lastPathComponent))
    func everyDemoSongIsValidMusicXMLHoldingItsNotesWordsAndChords(name: String) async throws {
        let song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent(name).path).songs.first)
        let xml = MusicXMLWriter.write(song.publicProjection)
        let problem = try await Self.problem(xml)
        #expect(problem == nil, "\(name): \(problem ?? "")")
        let melodies = song.sections.compactMap(\.melody)
        // Every note (a chord's notes each), every sung syllable of every verse, every chord symbol.
        let notes = melodies.reduce(0) { $0 + $1.notes.reduce(0) { $0 + $1.pitches.count } }
        #expect(Self.count("pitch", in: xml) == notes)
        let syllables = melodies.reduce(0) { total, m in total + m.figures.syllablesPerVerse.reduce(0, +) }
        #expect(Self.count("lyric", in: xml) == syllables, "\(name)")
        #expect(Self.count("harmony", in: xml) == melodies.reduce(0) { $0 + $1.figures.chordSymbols })
        #expect(xml.contains("<work-title>\(song.metadata.title ?? "")</work-title>"))
    }

    @Test func wordsSplitOverNotesAreMarkedBeginMiddleAndEnd() async throws {
        let book = try ABCReader.read("X:1\nT:Syllables\nM:4/4\nL:1/4\nK:G\nG A B c | d4 |]\nw:Sun-day sing-ing-ly |\n").value
        let xml = MusicXMLWriter.write(book.tunes[0].song)
        #expect(try await Self.problem(xml) == nil)
        let syllabic = xml.components(separatedBy: "<syllabic>").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(syllabic == ["begin", "end", "begin", "middle", "end"], "\(syllabic)")
    }

    @Test func aTitleAndNamesWithMarkupStayText() async throws {
        var song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent("the-tide-comes-in.cho").path).songs.first)
        song.metadata.title = "Fish & <Chips> \"by\" the 'sea'\u{1}"
        let xml = MusicXMLWriter.write(song)
        #expect(try await Self.problem(xml) == nil)
        #expect(xml.contains("<work-title>Fish &amp; &lt;Chips&gt; &quot;by&quot; the &apos;sea&apos;</work-title>"))
    }

    @Test func realTunebooksTunesAreValidMusicXML() async throws {
        // Twelve tunes from each of the four collections, spread through them: repeats, endings, tuplets,
        // ties, key and meter changes as people typed them.
        let collections = try ABCCorpus.collections(at: Fixtures.root.appendingPathComponent(".corpus"))
        #expect(collections.count >= 4, "run scripts/fetch-corpus.sh (make test does)")
        var checked = 0
        for (name, tunes) in collections {
            let step = max(1, tunes.count / 12)
            for tune in stride(from: 0, to: tunes.count, by: step).prefix(12).map({ tunes[$0] }) {
                guard let read = try? ABCReader.read(SourceText(tune.text, name: "\(name)/\(tune.file)")).value.tunes.first else { continue }
                let xml = MusicXMLWriter.write(read.song)
                let problem = try await Self.problem(xml)
                #expect(problem == nil, "\(name)/\(tune.file) X:\(tune.reference): \(problem ?? "")")
                #expect(Self.count("pitch", in: xml) == read.melody.notes.reduce(0) { $0 + $1.pitches.count })
                checked += 1
            }
        }
        #expect(checked >= 40)
    }

    static func events(_ song: Song) -> [[Any]] { MusicXMLEvents.events(song) }

    @Test func music21ReadsTheDemoSongsAndRealTunesBackAsWritten() async throws {
        // Every demo song and twelve tunes from each real collection: music21 (PyPI) reads each export, and its
        // notes, rests, lengths and words must be ours, note for note.
        var songs = try Fixtures.songFiles.map { url in (url.lastPathComponent, try #require(try SongFile.read(path: url.path).songs.first).publicProjection) }
        for (name, tunes) in try ABCCorpus.collections(at: Fixtures.root.appendingPathComponent(".corpus")) {
            let step = max(1, tunes.count / 12)
            for tune in stride(from: 0, to: tunes.count, by: step).prefix(12).map({ tunes[$0] }) {
                if let read = try? ABCReader.read(SourceText(tune.text, name: tune.file)).value.tunes.first { songs.append(("\(name)-\(tune.reference)", read.song)) }
            }
        }
        let result = try await ScriptCheck.run("scripts/musicxml-readback.py",
                                               files: songs.map { name, song in (name + ".musicxml", MusicXMLWriter.write(song), ["events": Self.events(song)]) })
        #expect(result.status == 0, "\(result.stdout)\(result.stderr.suffix(1500))")
        #expect(result.stdout.contains("music21 read \(songs.count) of \(songs.count) files as written"), "\(result.stdout)")
        #expect(songs.count >= 50)
    }

    @Test func aRepeatWithoutItsStartGoesBackWhereABCSendsIt() async throws {
        // ABC's `:|` with no `|:` goes back to the last `:|` (here: the B part, not the tune's start), and a header's
        // P: plays the parts in its order. MusicXML knows neither: a reader goes back to the start of the score and
        // plays the parts as written. So the B part opens with a forward repeat, and the parts are written ABA.
        let tune = "X:1\nT:Parts\nM:4/4\nL:1/4\nP:ABA\nK:G\nP:A\nG A B c :| d e f g :|\nP:B\nB B B B | A4 |]\n"
        let song = try ABCReader.read(tune).value.tunes[0].song
        let xml = MusicXMLWriter.write(song)
        #expect(try await Self.problem(xml) == nil)
        let measures = xml.components(separatedBy: "<measure ").dropFirst()
        let forward = measures.enumerated().filter { $0.element.contains("<repeat direction=\"forward\"/>") }.map(\.offset)
        // The first measure (where the first :| goes back to), the second (after it), and the second A's two.
        #expect(forward == [0, 1, 4, 5], "\(forward)")
        let marks = xml.components(separatedBy: "<rehearsal>").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(marks == ["A", "B", "A"], "\(marks)")
        #expect(Self.count("pitch", in: xml) == 8 + 5 + 8)
    }

    @Test func aPlayOrderIsWrittenOutOnlyWithinTheArrangedMusicLimit() throws {
        // A long part played 256 times (the most a P: field gives) would write millions of notes: it is written
        // once, as typed, so a hostile tune cannot make a score without bound.
        let part = String(repeating: "CDEF GABc | ", count: 120)
        let tune = "X:1\nT:Long\nM:4/4\nL:1/8\nP:(A16)16\nK:C\nP:A\n\(part)|]\n"
        let melody = try #require(try ABCReader.read(tune).value.tunes.first?.melody)
        #expect(melody.partOrder.count == 256)
        let written = melody.writtenInPlayOrder.elements.filter { if case .note = $0 { true } else { false } }.count
        #expect(written == 960, "\(written) notes written")
        let small = try #require(try ABCReader.read("X:1\nT:Short\nM:4/4\nL:1/8\nP:AAB\nK:C\nP:A\nCDEF GABc|]\nP:B\ncBAG FEDC|]\n").value.tunes.first?.melody)
        #expect(small.writtenInPlayOrder.elements.filter { if case .note = $0 { true } else { false } }.count == 24)
    }

    @Test func museScorePlaysOurScoresAsWePlayThem() async throws {
        // Someone else's player: MuseScore (Debian's musescore3, headless) plays each export, repeats, endings and
        // all, and must play the notes we play, at the same places. Every demo song, tunes with repeats from each
        // real collection (a `:|` without its `|:` among them), and a tune in ABC's play order.
        _ = try #require(CommandRunner.program("mscore3"), "MuseScore (musescore3) is missing: make test installs it")
        var songs = try Fixtures.songFiles.map { url in (url.lastPathComponent, try #require(try SongFile.read(path: url.path).songs.first).publicProjection) }
        songs.append(("play-order", try ABCReader.read("X:1\nT:Parts\nM:6/8\nL:1/8\nP:AAB\nK:D\nP:A\nd2e fed | (3efg a3 |1 d6 :|2 A6 ||\nP:B\nA3 B3 :| c6 | d6 :|\n").value.tunes[0].song))
        var unopened = 0
        for (name, tunes) in try ABCCorpus.collections(at: Fixtures.root.appendingPathComponent(".corpus")) {
            // Ten with repeats where the collection has them (Essen's have none).
            let repeated = tunes.contains { $0.text.contains(":|") } ? tunes.filter { $0.text.contains(":|") } : tunes
            let step = max(1, repeated.count / 10)
            for tune in stride(from: 0, to: repeated.count, by: step).prefix(10).map({ repeated[$0] }) {
                if let read = try? ABCReader.read(SourceText(tune.text, name: tune.file)).value.tunes.first { songs.append(("\(name)-\(tune.reference)", read.song)) }
            }
            // A tune whose second part repeats with no `|:` of its own.
            if let tune = tunes.first(where: { $0.text.components(separatedBy: ":|").count > 2 && !$0.text.contains("|:") && !$0.text.contains("::") }),
               let read = try? ABCReader.read(SourceText(tune.text, name: tune.file)).value.tunes.first {
                songs.append(("\(name)-\(tune.reference)-unopened", read.song))
                unopened += 1
            }
        }
        #expect(unopened >= 3)
        let result = try await ScriptCheck.run("scripts/musescore-playback.py",
                                               files: songs.map { name, song in (name + ".musicxml", MusicXMLWriter.write(song), ["notes": MusicXMLEvents.played(song)]) })
        #expect(result.status == 0, "\(result.stdout)\(result.stderr.suffix(1500))")
        #expect(result.stdout.contains("MuseScore played \(songs.count) of \(songs.count) files as Songbridge plays them"), "\(result.stdout)")
        #expect(songs.count >= 49)
    }
}
