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
            let result = try CommandRunner.runBlocking(URL(fileURLWithPath: mma), [file.path, "-f", out.path], in: dir)
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
        let analysis = try CommandRunner.runBlocking(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, "--config", config.path], in: dir)
        print(analysis.stdout, terminator: "")
        if analysis.status != 0 { print(analysis.stderr) }

        // harmonise against the songwriters' own chords: each demo song's tunes with their chords taken away.
        print("harmonise: the demo songs' tunes without their chords, beside the songwriters' chords")
        var all = HarmonyComparison()
        for url in try FileManager.default.contentsOfDirectory(at: Fixtures.songs, includingPropertiesForKeys: nil).filter({ $0.pathExtension == "cho" }).sorted(by: { $0.path < $1.path }) {
            guard let song = try SongFile.read(path: url.path).songs.first else { continue }
            let result = Self.harmoniseComparison(song)
            all.add(result)
            print("  " + url.deletingPathExtension().lastPathComponent.padding(toLength: 26, withPad: " ", startingAt: 0)
                  + String(format: " bars agreeing %3d of %3d (%3.0f%%), downbeats only %3.0f%%   strong-beat notes in the chord %3.0f%%",
                           result.agreeingBars, result.bars, result.barAgreement * 100, result.downbeatAgreement * 100, result.strongNotesInChord * 100))
        }
        print("  " + "all".padding(toLength: 26, withPad: " ", startingAt: 0)
              + String(format: " bars agreeing %3d of %3d (%3.0f%%), downbeats only %3.0f%%   strong-beat notes in the chord %3.0f%%   (targets 75%% and 90%%)",
                       all.agreeingBars, all.bars, all.barAgreement * 100, all.downbeatAgreement * 100, all.strongNotesInChord * 100))

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

    /// Every tune of `song` that has chords, harmonised afresh without them and compared with them (each tune's
    /// chords printed beside the songwriters' with SONGBRIDGE_DEBUG_HARMONY set).
    static func harmoniseComparison(_ song: Song, model: HarmonyModel = .learned) -> HarmonyComparison {
        let debug = ProcessInfo.processInfo.environment["SONGBRIDGE_DEBUG_HARMONY"] != nil
        return HarmonyComparison.ofSong(song, model: model) { section, suggested in
            guard debug, let melody = section.melody else { return }
            func show(_ m: Melody) -> String { HarmonyComparison.timeline(m).map { "\($0.0):\(ChordSymbol.chord($0.1))" }.joined(separator: " ") }
            print("    \(section.label ?? "?") theirs: \(show(melody))\n    \(section.label ?? "?") ours:   \(show(suggested))")
        }
    }

    /// A 32-bar chart of chords (G C D7 Em Am7 D G G, four times) in `meter`, one chord a bar.
    static func chart(meter: Meter) throws -> Song {
        try unwrap(try ChordProReader.read(chartSheet(meter: meter, tempo: meter.isCompound ? 80 : 100)).value.first)
    }

    /// The chart's chords, one a bar.
    static let chartChords = ["G", "C", "D7", "Em", "Am7", "D", "G", "G"]

    /// The chart as a ChordPro chord grid: a cell for each beat of the meter's bottom unit (six in 6/8).
    static func chartSheet(meter: Meter, tempo: Int) -> String {
        var sheet = "{title: Chart}\n{key: G}\n{time: \(meter)}\n{tempo: \(tempo)}\n\n{start_of_grid: Chart}\n"
        for row in 0..<8 {
            sheet += (0..<4).map { "| \(chartChords[(row * 4 + $0) % 8])" + String(repeating: " .", count: max(0, meter.beats - 1)) }.joined(separator: " ") + " |\n"
        }
        return sheet + "{end_of_grid}\n"
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
