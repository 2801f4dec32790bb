import Arrangement
import Foundation
import SongCore
import SongTesting
@testable import SongText
import Testing

/// The arrangement as a score for the band (MusicXML with a part per pitched track), checked by others: xmllint
/// against the official 4.0 schema, and music21 reading back every part, its measures, its notes and the words.
@Suite struct ArrangementScoreTests {
    static let schema = Fixtures.root.appendingPathComponent("Tests/Fixtures/musicxml-4.0/musicxml.xsd")

    @Test(arguments: Fixtures.songFiles.map(\.lastPathComponent))
    func everyDemoSongsArrangementIsAValidScoreMusic21ReadsPartByPart(name: String) async throws {
        let gate = await RealTimeGate.shared.heavy()
        defer { gate.leave() }
        let song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent(name).path).songs.first).publicProjection
        let performance = try Arranger.perform(song, options: ArrangementOptions(style: StyleLibrary.styleName(asked: nil, for: song)))
        let xml = ArrangementScoreWriter.write(performance)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("score-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("band.musicxml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        let xmllint = try #require(CommandRunner.program("xmllint"), "xmllint (libxml2-utils) is missing: make test installs it")
        let valid = try await CommandRunner.run(URL(fileURLWithPath: xmllint), ["--nonet", "--noout", "--schema", Self.schema.path, file.path], in: folder)
        #expect(valid.status == 0, "\(name): \(valid.stderr.prefix(600))")

        // music21: one part per pitched track, named as the track; every part as long as the performance; the
        // tune's part sings the performance's syllables in order; each part sounds its track's pitches.
        let script = """
            import json, sys, music21
            s = music21.converter.parse(sys.argv[1])
            out = []
            for p in s.parts:
                notes = [n for n in p.flatten().notes]
                out.append({"name": p.partName, "measures": len(p.getElementsByClass("Measure")),
                            "pitches": sorted(set(x.midi for n in notes for x in n.pitches)),
                            "words": [n.lyrics[0].text for n in notes if n.lyrics],
                            "quarters": float(p.duration.quarterLength)})
            print(json.dumps(out))
            """
        let read = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, file.path], in: folder)
        let parts = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [[String: Any]], "\(read.stderr.suffix(600))")
        let tracks = performance.tracks.filter { $0.channel != 9 && !$0.notes.isEmpty }
        #expect(parts.count == tracks.count && parts.count >= 3, "\(name): \(parts.count) parts")
        let bars = ArrangementScoreWriter.bars(performance)
        for (part, track) in zip(parts, tracks) {
            #expect(part["name"] as? String == track.name)
            #expect(part["measures"] as? Int == bars.count, "\(name) \(track.name)")
            #expect(Set(part["pitches"] as? [Int] ?? []) == Set(track.notes.map(\.key)), "\(name) \(track.name): pitches")
        }
        let sung = performance.wordsTrack?.syllables.map(\.text).filter { !$0.isEmpty } ?? []
        #expect(!sung.isEmpty && parts[0]["words"] as? [String] == sung, "\(name): the tune's part sings the words in order")
        let quarters = Double(bars.reduce(0) { $0 + $1.length }) / 8
        #expect(parts.allSatisfy { abs(($0["quarters"] as? Double ?? 0) - quarters) < 0.01 }, "\(name): every part as long as the performance")
    }

    /// MuseScore (Debian's musescore3, headless) plays each demo song's band score, and its pitched parts sound the
    /// notes the arrangement plays, at the places the score writes them (each onset on the score's grid of
    /// thirty-second notes, as a swung or humanised onset is written straight).
    @Test func museScorePlaysTheBandScoresAsTheBandPlays() async throws {
        _ = try #require(CommandRunner.program("mscore3"), "MuseScore (musescore3) is missing: make test installs it")
        var scores: [(name: String, contents: String, expected: [String: Any])] = []
        for url in Fixtures.songFiles {
            let song = try #require(try SongFile.read(path: url.path).songs.first).publicProjection
            let performance = try Arranger.perform(song, options: ArrangementOptions(style: StyleLibrary.styleName(asked: nil, for: song)))
            let grid = ArrangementScoreWriter.grid
            let notes: [[Any]] = performance.tracks.filter { $0.channel != 9 }.flatMap { track in
                track.notes.map { note -> [Any] in
                    let units = ArrangementScoreWriter.units(note.onset)
                    let quarters = NoteLength(4 * units, grid)
                    return ["\(quarters.numerator)/\(quarters.denominator)", note.key]
                }
            }
            #expect(notes.count > 100, "\(url.lastPathComponent)")
            scores.append((url.deletingPathExtension().lastPathComponent + ".musicxml", ArrangementScoreWriter.write(performance), ["notes": notes]))
        }
        let result = try await ScriptCheck.run("scripts/musescore-playback.py", files: scores)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr.suffix(1500))")
        #expect(result.stdout.contains("MuseScore played \(scores.count) of \(scores.count) files as Songbridge plays them"), "\(result.stdout)")
    }
}
