import Arrangement
import ArgumentParser
import Foundation
import SongCore
import SongMIDI
import SongTesting
import SongText

/// `songbridge-dev arrange`: the arrangements judged as a musician would, side by side with MMA on the same chords.
/// The five demo songs in their own styles, and a 32-bar chart in every style, are arranged; each arrangement's
/// chords (introduction and ending included) are written out for MMA in the groove nearest the style; and both
/// MIDI files are measured by `scripts/arrange-analysis.py` (mido), MMA's against the same song's tune. Then the
/// arrangement's own time in process for a 32-bar song.
struct ArrangeBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "arrange", abstract: "Arrangement quality beside MMA, and arranging speed.")

    /// MMA's standard-library groove nearest each style (MMA has no sea shanty or jig: its 6/8 march stands in).
    static let grooves = ["folk": "Folk", "ballad": "Ballad", "bossa": "BossaNova", "countrywaltz": "CountryWaltz", "hymn": "Hymn", "jig": "68March",
                          "lullaby": "Lullaby", "march": "March", "musichall": "SoftShoe", "pop": "PopBallad", "rocknroll": "50sRock", "shanty": "68March",
                          "swing": "Swing", "waltz": "Waltz"]

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-arrange-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let mma = CommandRunner.program("mma")
        var entries: [[String: Any]] = []

        func add(_ label: String, song: Song, style: String, quiet: Bool = false, withMMA: Bool = true) throws {
            let performance = try Arranger.perform(song, options: ArrangementOptions(style: style))
            let ours = dir.appendingPathComponent("\(label).mid")
            try Data(MIDIFile(performance: performance).data()).write(to: ours)
            let key = performance.keys.first?.value ?? .cMajor
            let home = key.tonic.description + (key.mode.isMinorLike ? "m" : "")
            let mmaLabel = "\(label) (MMA \(Self.grooves[style] ?? ""))"
            entries.append(["label": "\(label) (songbridge)", "file": ours.path, "key": home, "judged": true, "quiet": quiet, "peer": mmaLabel])
            guard withMMA, let mma, let groove = Self.grooves[style], let meter = performance.meters.first?.value else { return }
            let (text, beats) = Self.mmaChart(performance, groove: groove, meter: meter)
            let file = dir.appendingPathComponent("\(label).mma"), out = dir.appendingPathComponent("\(label)-mma.mid")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let result = try CommandRunner.run(URL(fileURLWithPath: mma), [file.path, "-f", out.path], in: dir)
            guard result.status == 0, FileManager.default.fileExists(atPath: out.path) else {
                print("  mma could not play \(label) in \(groove): \(result.stderr.split(separator: "\n").last ?? "")")
                return
            }
            // MMA writes 192 ticks a beat; ours a quarter at 480 (a dotted quarter at 720 in 6/8, where MMA's beat is one).
            let ourBeat = meter.isCompound ? 1.5 : 1.0
            entries.append(["label": mmaLabel, "file": out.path, "key": home, "barBeats": beats,
                            "melodyFrom": ours.path, "melodyScale": 192.0 / (480.0 * ourBeat)])
        }

        print("arrangements: the demo songs in their own styles, and a 32-bar chart in each style, beside MMA on the same chords")
        for url in try FileManager.default.contentsOfDirectory(at: Fixtures.songs, includingPropertiesForKeys: nil).filter({ $0.pathExtension == "cho" }).sorted(by: { $0.path < $1.path }) {
            guard let song = try SongFile.read(path: url.path).songs.first else { continue }
            try add(url.deletingPathExtension().lastPathComponent, song: song, style: StyleLibrary.styleName(asked: nil, for: song))
        }
        for style in StyleLibrary.shipped {
            guard let def = style.styleDefinition else { continue }
            try add("chart-\(def.name)", song: try Self.chart(meter: def.meter), style: def.name)
        }
        // Every style in every common meter (its own is above): judged, not shown.
        for style in StyleLibrary.shipped {
            guard let def = style.styleDefinition else { continue }
            for meter in StyleDefinition.commonMeters where !def.isOwn(meter) {
                try add("chart-\(def.name)-\(meter.beats)-\(meter.beatUnit)", song: try Self.chart(meter: meter), style: def.name, quiet: true, withMMA: false)
            }
        }
        let config = dir.appendingPathComponent("entries.json")
        try JSONSerialization.data(withJSONObject: entries, options: [.prettyPrinted]).write(to: config)
        let script = Fixtures.root.appendingPathComponent("scripts/arrange-analysis.py")
        let analysis = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, "--config", config.path], in: dir)
        print(analysis.stdout, terminator: "")
        if analysis.status != 0 { print(analysis.stderr) }

        // Speed: arranging a 32-bar song with its tune and words, in process.
        let tide = try unwrap(try SongFile.read(path: Fixtures.songs.appendingPathComponent("the-tide-comes-in.cho").path).songs.first)
        var fastest = Double.infinity
        for _ in 0..<20 {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<50 { _ = try Arranger.perform(tide, options: ArrangementOptions(style: "folk")) }
            fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 50 / 1e6)
        }
        print(String(format: "arranging:       %8.3f ms  The Tide Comes In (%d bars of tune, words and chords) in the folk style, in process", fastest, 32))
    }

    /// A 32-bar chart of chords (G C D7 Em Am7 D G G, four times) in `meter`, one chord a bar.
    static func chart(meter: Meter) throws -> Song {
        let chords = ["G", "C", "D7", "Em", "Am7", "D", "G", "G"]
        let beats = meter.isCompound ? meter.beats / 3 : meter.beats
        var sheet = "{title: Chart}\n{key: G}\n{time: \(meter)}\n{tempo: \(meter.isCompound ? 80 : 100)}\n\n{start_of_grid: Chart}\n"
        for row in 0..<8 {
            sheet += (0..<4).map { "| \(chords[(row * 4 + $0) % 8])" + String(repeating: " .", count: max(0, beats - 1)) }.joined(separator: " ") + " |\n"
        }
        sheet += "{end_of_grid}\n"
        return try unwrap(try ChordProReader.read(sheet).value.first)
    }

    /// The performance's chords as an MMA file in `groove`: one line a bar, a chord for each of MMA's beats (a
    /// dotted quarter in 6/8, where MMA counts two beats a bar), `z` where the band rests. Returns the text and
    /// MMA's beats a bar.
    static func mmaChart(_ performance: Performance, groove: String, meter: Meter) -> (String, Double) {
        let bar = meter.barLength ?? NoteLength(1)
        let beat = meter.isCompound ? meter.pulse : NoteLength(1, meter.beatUnit)
        let perBar = (bar / beat).numerator / max(1, (bar / beat).denominator)
        let tempo = performance.tempos.first?.value.beatsPerMinute ?? 100
        var text = "Tempo \(Int(tempo.rounded()))\nGroove \(groove)\n"
        var t = NoteLength.zero
        var n = 1
        while t < performance.end {
            var slots: [String] = []
            for s in 0..<perBar {
                let at = t + beat * s
                let symbol = performance.chords.last { $0.at <= at }?.value
                slots.append(symbol?.chord.map { mmaName($0) } ?? "z")
            }
            text += "\(n) " + slots.joined(separator: " ") + "\n"
            t += bar
            n += 1
        }
        return (text, Double(perBar))
    }

    /// A chord as MMA names it (root, quality, slash bass).
    static func mmaName(_ chord: Chord) -> String {
        ChordSymbol.chord(chord).description.replacingOccurrences(of: "♯", with: "#").replacingOccurrences(of: "♭", with: "b")
    }
}

/// `#require` for a dev tool: the value, or an error that says what was missing.
private func unwrap<T>(_ value: T?) throws -> T {
    guard let value else { throw ValidationError("a fixture is missing") }
    return value
}
