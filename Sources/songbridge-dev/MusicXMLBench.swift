import ArgumentParser
import Foundation
import SongCore
import SongTesting
import SongText

/// MusicXML export judged as issue 17 asks: 1,000 real tunes written (timed), and 500 of them checked by xmllint
/// against the official 4.0 schema in one run of it, read back by music21 and played by MuseScore.
struct MusicXMLBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "musicxml", abstract: "MusicXML export speed, and 500 real tunes checked by xmllint, music21 and MuseScore.")
    @Option(help: "How many tunes to export.") var tunes = 1_000
    @Option(help: "How many of them to check with xmllint.") var validate = 500

    func run() throws {
        let collections = try ABCCorpus.collections(at: Fixtures.root.appendingPathComponent(".corpus"))
        let all = collections.flatMap { c in c.tunes.map { (c.name, $0) } }
        let step = max(1, all.count / tunes)
        var songs: [(String, Song)] = []
        for (name, tune) in stride(from: 0, to: all.count, by: step).prefix(tunes).map({ all[$0] }) {
            if let read = try? ABCReader.read(SourceText(tune.text, name: "\(name)/\(tune.file)")).value.tunes.first {
                songs.append(("\(name)-\(tune.file)-\(tune.reference)", read.song))
            }
        }
        let started = Date()
        var written: [(String, String)] = []
        for (name, song) in songs { written.append((name, MusicXMLWriter.write(song))) }
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "MusicXML: %d tunes written in %.2f s (%.2f ms each)", written.count, seconds, 1000 * seconds / Double(max(1, written.count))))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("musicxml-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for (i, (name, xml)) in written.prefix(validate).enumerated() {
            let file = folder.appendingPathComponent(String(format: "%04d-", i) + name.replacingOccurrences(of: "/", with: "_") + ".musicxml")
            try xml.write(to: file, atomically: true, encoding: .utf8)
            files.append(file.path)
        }
        guard let xmllint = CommandRunner.program("xmllint") else { throw ValidationError("xmllint is missing (apt-get install libxml2-utils)") }
        let schema = Fixtures.root.appendingPathComponent("Tests/Fixtures/musicxml-4.0/musicxml.xsd").path
        let result = try CommandRunner.runBlocking(URL(fileURLWithPath: xmllint), ["--nonet", "--noout", "--schema", schema] + files, in: folder)
        let failed = result.stderr.split(separator: "\n").filter { $0.hasSuffix("fails to validate") }
        print("xmllint against the MusicXML 4.0 schema: \(files.count - failed.count) of \(files.count) valid")
        for line in result.stderr.split(separator: "\n").prefix(10) where !line.hasSuffix("validates") { print("  \(line)") }
        // What someone else's script finds in the same files, against what it should find (`key` in each file's
        // entry): its summary line and its first complaints.
        func report(_ label: String, script: String, key: String, _ expect: (Song) -> [[Any]]) throws {
            let expected = zip(files, songs.prefix(validate)).map { file, named in ["file": file, key: expect(named.1)] as [String: Any] }
            let json = folder.appendingPathComponent("\(key).json")
            try JSONSerialization.data(withJSONObject: expected).write(to: json)
            let result = try CommandRunner.runBlocking(URL(fileURLWithPath: "/usr/bin/env"), ["python3", Fixtures.root.appendingPathComponent(script).path, json.path], in: folder)
            print("\(label): " + (result.stdout.split(separator: "\n").last.map(String.init) ?? result.stderr.suffix(300).description))
            for line in result.stdout.split(separator: "\n").dropLast().prefix(10) { print("  \(line)") }
        }
        // music21 (someone else's reader) reads them back: notes, rests, lengths and words as written.
        try report("music21 readback", script: "scripts/musicxml-readback.py", key: "events", MusicXMLEvents.events)
        // MuseScore (someone else's player) plays them: the notes it plays, repeats and endings played out, against
        // the notes we play.
        try report("MuseScore playback", script: "scripts/musescore-playback.py", key: "notes", MusicXMLEvents.played)
    }
}
