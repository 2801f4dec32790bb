import Foundation
import MusicXMLFiles
import SongCore
import SongTesting
import SongText
import Testing
import ZIPFoundation

/// MusicXML read back: our own exports round trip note for note and word for word; real compressed scores other
/// programs wrote (Bach chorales in music21's corpus, .mxl files from Finale, Sibelius and MuseScore) read as
/// music21 reads them; and hostile files are refused with one clear message before they can cost anything.
@Suite struct MusicXMLImportTests {
    /// A melody's notes as (MIDI pitches, length in quarters) and first-verse syllables, in order.
    static func notes(_ melody: Melody) -> [[Int]] {
        melody.notes.map { n in
            let quarters = NoteLength(4 * n.duration.numerator, n.duration.denominator)
            return n.pitches.map(\.midiNumber).sorted() + [quarters.numerator, quarters.denominator]
        }
    }

    /// Each verse's syllables, in order.
    static func words(_ melody: Melody) -> [[String]] {
        (0..<melody.verseCount).map { v in melody.notes.compactMap { $0.lyrics.count > v ? $0.lyrics[v].text : nil }.filter { !$0.isEmpty } }
    }

    static func read(_ xml: String, name: String = "score.musicxml") throws(ScoreImportError) -> ImportedScore {
        try MusicXMLReader.read(Data(xml.utf8), name: name)
    }

    @Test(arguments: Fixtures.songFiles.map(\.lastPathComponent))
    func everyDemoSongsTunesRoundTripNoteForNoteAndWordForWord(name: String) throws {
        let song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent(name).path).songs.first).publicProjection
        for section in song.sections where section.melody != nil {
            var one = song
            one.blocks = [.section(section)]
            let melody = section.melody!
            for (label, data) in [("musicxml", Data(MusicXMLWriter.write(one).utf8)), ("mxl", try MXLPackage.pack(MusicXMLWriter.write(one)))] {
                let back = try MusicXMLReader.read(data, name: "\(name).\(label)").melody
                #expect(Self.notes(back) == Self.notes(melody), "\(name) \(section.id) (\(label))")
                #expect(Self.words(back) == Self.words(melody), "\(name) \(section.id) (\(label))")
                #expect(back.chordSymbols.map(\.description) == melody.chordSymbols.map(\.description), "\(name) \(section.id)")
                #expect(back.key == melody.key && back.meter == melody.meter, "\(name) \(section.id)")
                // And it writes as ABC that reads back to the same notes: what a contribution stores.
                let abc = ABCWriter.write(ABCTune(reference: 1, melody: back))
                let again = try #require(try ABCReader.read(abc).value.tunes.first?.melody)
                #expect(Self.notes(again) == Self.notes(melody), "\(name) \(section.id) via ABC")
            }
        }
    }

    @Test func realTunesRoundTrip() throws {
        let collections = try ABCCorpus.collections(at: Fixtures.root.appendingPathComponent(".corpus"))
        #expect(collections.count >= 4, "run scripts/fetch-corpus.sh (make test does)")
        var checked = 0, same = 0
        for (name, tunes) in collections {
            let step = max(1, tunes.count / 25)
            for tune in stride(from: 0, to: tunes.count, by: step).prefix(25).map({ tunes[$0] }) {
                guard let read = try? ABCReader.read(SourceText(tune.text, name: "\(name)/\(tune.file)")).value.tunes.first, read.melody.voices.isEmpty else { continue }
                let back = try MusicXMLReader.read(Data(MusicXMLWriter.write(read.song).utf8), name: "\(name) X:\(tune.reference)").melody
                checked += 1
                if Self.notes(back) == Self.notes(read.melody) && Self.words(back) == Self.words(read.melody) { same += 1 } else {
                    Issue.record("\(name)/\(tune.file) X:\(tune.reference): the round trip changed the tune")
                }
            }
        }
        #expect(checked >= 80)
        #expect(same == checked)
    }

    /// Scores as MuseScore writes them (its own MusicXML 3.1: layout, credits, its instruments, `default-x`
    /// everywhere): each demo song's tunes and real tunes are exported, MuseScore (Debian's musescore3, headless)
    /// opens and saves each again, and what we read from its file is the tune we wrote: notes, lengths, every
    /// verse's words and the chords. A facilitator's musician brings melodies from MuseScore just so.
    @Test func scoresMuseScoreSavedReadAsTheTunesWeWrote() async throws {
        _ = try #require(CommandRunner.program("mscore3"), "MuseScore (musescore3) is missing: make test installs it")
        var melodies: [(String, Song, Melody)] = []
        for url in Fixtures.songFiles {
            let song = try #require(try SongFile.read(path: url.path).songs.first).publicProjection
            for section in song.sections where section.melody != nil {
                var one = song
                one.blocks = [.section(section)]
                melodies.append(("\(url.lastPathComponent)-\(section.id)", one, section.melody!))
            }
        }
        for (name, tunes) in try ABCCorpus.collections(at: Fixtures.root.appendingPathComponent(".corpus")) {
            let step = max(1, tunes.count / 8)
            for tune in stride(from: 0, to: tunes.count, by: step).prefix(8).map({ tunes[$0] }) {
                guard let read = try? ABCReader.read(SourceText(tune.text, name: tune.file)).value.tunes.first, read.melody.voices.isEmpty, read.melody.partOrder.isEmpty else { continue }
                melodies.append(("\(name)-\(tune.reference)", read.song, read.melody))
            }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("musescore-saved-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var job: [[String: String]] = []
        for (i, (_, song, _)) in melodies.enumerated() {
            let file = folder.appendingPathComponent("\(i).musicxml")
            try MusicXMLWriter.write(song).write(to: file, atomically: true, encoding: .utf8)
            job.append(["in": file.path, "out": folder.appendingPathComponent("\(i)-musescore.musicxml").path])
        }
        try JSONSerialization.data(withJSONObject: job).write(to: folder.appendingPathComponent("job.json"))
        let run = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["QT_QPA_PLATFORM=offscreen", "XDG_RUNTIME_DIR=\(folder.path)", "mscore3", "-j", folder.appendingPathComponent("job.json").path], in: folder)
        #expect(run.status == 0, "\(run.stderr.suffix(500))")
        for ((name, _, melody), entry) in Swift.zip(melodies, job) {
            let saved = try Data(contentsOf: URL(fileURLWithPath: entry["out"]!))
            #expect(String(decoding: saved, as: UTF8.self).contains("<software>MuseScore"), "\(name): not MuseScore's file")
            let back = try MusicXMLReader.read(saved, name: "\(name).musicxml").melody
            #expect(Self.notes(back) == Self.notes(melody), "\(name)")
            #expect(Self.words(back) == Self.words(melody), "\(name)")
            #expect(back.chordSymbols.map(\.description) == melody.chordSymbols.map(\.description), "\(name)")
        }
        #expect(melodies.count >= 40)
    }

    /// Compressed scores from elsewhere: the first 40 Bach chorales of music21's corpus (engraved in several
    /// programs), read by us and by music21 (scripts/musicxml-import-check.py): the soprano part's notes, lengths
    /// and words agree.
    @Test func realCompressedScoresReadAsMusic21ReadsThem() async throws {
        let gate = await RealTimeGate.shared.heavy()
        defer { gate.leave() }
        let python = URL(fileURLWithPath: "/usr/bin/env")
        let located = try await CommandRunner.run(python, ["python3", "-c", "import music21, os; print(os.path.dirname(music21.__file__))"], in: Fixtures.root)
        let corpus = URL(fileURLWithPath: located.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).appendingPathComponent("corpus/bach")
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".mxl") }.sorted().prefix(40).map { corpus.appendingPathComponent($0).path }
        #expect(files.count == 40, "music21's corpus is missing: make test installs music21")
        let result = try await CommandRunner.run(python, ["python3", Fixtures.root.appendingPathComponent("scripts/musicxml-import-check.py").path] + files, in: Fixtures.root)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr.suffix(500))")
        let theirs = try #require(report["files"] as? [String: [[Any]]])
        #expect(theirs.count >= 30, "music21 compared \(theirs.count) of 40: \(report["skipped"] ?? "")")
        for (path, notes) in theirs {
            let ours = try MusicXMLReader.read(try Data(contentsOf: URL(fileURLWithPath: path)), name: URL(fileURLWithPath: path).lastPathComponent).melody
            let expected = notes.map { n in ((n[0] as? [Int]) ?? []) + ((n[1] as? [Int]) ?? []) }
            #expect(Self.notes(ours) == expected, "\(URL(fileURLWithPath: path).lastPathComponent): \(Self.notes(ours).count) notes read, music21 read \(expected.count)")
            // Their syllables verse by verse, in the order of the verses' numbers.
            var verses: [Int: [String]] = [:]
            for note in notes { for pair in (note[2] as? [[Any]]) ?? [] { if let v = pair[0] as? Int, let text = pair[1] as? String { verses[v, default: []].append(text) } } }
            let theirWords = verses.keys.sorted().map { verses[$0]! }
            #expect(Self.words(ours) == theirWords, "\(URL(fileURLWithPath: path).lastPathComponent): words")
        }
    }

    // MARK: - Hostile and broken files

    static let head = #"<?xml version="1.0" encoding="UTF-8"?>"#
    static let body = #"<part-list><score-part id="P1"><part-name>V</part-name></score-part></part-list><part id="P1"><measure number="1"><attributes><divisions>1</divisions></attributes><note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration><lyric><text>&x;</text></lyric></note></measure></part>"#

    @Test func externalEntitiesAndEntityBombsAreRefusedWithoutBeingRead() {
        let xxe = Self.head + #"<!DOCTYPE score-partwise [<!ENTITY x SYSTEM "file:///etc/passwd">]><score-partwise version="4.0">"# + Self.body + "</score-partwise>"
        let laughs = Self.head + #"<!DOCTYPE score-partwise [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><score-partwise version="4.0">"# + Self.body + "</score-partwise>"
        let parameter = Self.head + #"<!DOCTYPE score-partwise [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]><score-partwise version="4.0">"# + Self.body.replacingOccurrences(of: "&x;", with: "la") + "</score-partwise>"
        for (label, xml) in [("xxe", xxe), ("billion laughs", laughs), ("parameter entity", parameter)] {
            do {
                let read = try Self.read(xml)
                Issue.record("\(label): read \(read.melody.notes.count) notes")
            } catch {
                #expect(error.description.contains("entities"), "\(label): \(error)")
                #expect(!error.description.contains("root:"), "\(label): the file's contents must not leak")
            }
        }
    }

    @Test func theStandardDoctypeIsNeverFetchedAndLinesStillCount() throws {
        // The DTD's address is left unread (no network here: fetching it would fail or hang); the rest reads.
        let xml = Self.head + "\n" + #"<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">"# + "\n"
            + #"<score-partwise version="4.0">"# + Self.body.replacingOccurrences(of: "&x;", with: "la") + "</score-partwise>"
        let read = try Self.read(xml)
        #expect(read.melody.notes.count == 1 && read.melody.notes[0].lyrics.first?.text == "la")
        // A broken document further down is still named by its own line.
        let broken = xml.replacingOccurrences(of: "</measure>", with: "</measur>")
        #expect { try Self.read(broken) } throws: { ($0 as? ScoreImportError)?.description.hasPrefix("score.musicxml:3:") == true }
    }

    @Test func timewiseFutureAndForeignDocumentsAreRefusedPlainly() {
        let cases: [(String, String)] = [
            (Self.head + #"<score-timewise version="4.0"><part-list/></score-timewise>"#, "timewise"),
            (Self.head + #"<score-partwise version="5.0">"# + Self.body.replacingOccurrences(of: "&x;", with: "a") + "</score-partwise>", "newer than Songbridge reads"),
            (Self.head + "<html><body>hello</body></html>", "not MusicXML"),
            ("not xml at all", "not well-formed XML"),
            (Self.head + #"<score-partwise version="4.0"><part id="P1"><measure><note><pitch><step>H</step><octave>4</octave></pitch><duration>1</duration></note></measure></part></score-partwise>"#, "<pitch>"),
        ]
        for (xml, expected) in cases {
            #expect { try Self.read(xml) } throws: { error in
                let text = (error as? ScoreImportError)?.description ?? ""
                return text.contains(expected) && text.split(separator: "\n").count == 1
            }
        }
    }

    /// A ZIP made here, entry by entry, with the sizes its headers claim.
    static func zip(_ entries: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    @Test func compressedScoresThatExplodeOrEscapeAreRefusedBeforeUnpacking() async throws {
        let score = Data((Self.head + #"<score-partwise version="4.0">"# + Self.body.replacingOccurrences(of: "&x;", with: "a") + "</score-partwise>").utf8)
        // 64 MB of zeros packs into well under a megabyte: a zip bomb by size and by ratio.
        let bomb = try Self.zip([("score.musicxml", Data(count: 64 << 20))])
        #expect(bomb.count < 1 << 20)
        let escaping = try Self.zip([("../../etc/cron.d/score.musicxml", score)])
        let absolute = try Self.zip([("/tmp/score.musicxml", score)])
        let many = try Self.zip((0..<300).map { ("f\($0).xml", Data("x".utf8)) })
        for (label, data, expected) in [("bomb", bomb, "zip bomb"), ("escaping", escaping, "leaves the archive"), ("absolute", absolute, "leaves the archive"),
                                        ("many", many, "more than"), ("corrupt", Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]), "does not open")] {
            #expect(throws: ScoreImportError.self, "\(label)") { try MusicXMLReader.read(data, name: "\(label).mxl") }
            do { _ = try MusicXMLReader.read(data, name: "\(label).mxl") } catch { #expect(error.description.contains(expected), "\(label): \(error)") }
        }
        // The well-made package reads.
        #expect(try MusicXMLReader.read(try MXLPackage.pack(String(decoding: score, as: UTF8.self)), name: "ok.mxl").melody.notes.count == 1)
        // And music21 (someone else's reader) opens our .mxl too.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID().uuidString).mxl")
        try MXLPackage.pack(String(decoding: score, as: UTF8.self)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let checked = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", Fixtures.root.appendingPathComponent("scripts/musicxml-import-check.py").path, file.path], in: Fixtures.root)
        #expect(checked.stdout.contains("[[60], [4, 1], [[1, \"a\"]]]"), "\(checked.stdout) \(checked.stderr.suffix(300))")
    }
}
