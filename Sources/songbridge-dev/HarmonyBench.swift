import Arrangement
import ArgumentParser
import Foundation
import SongCore
import SongTesting
import SongText

/// `songbridge-dev harmony TUNEBOOK...`: the harmoniser's model learnt from tunebooks that give chords, judged two
/// ways: on tunes it did not learn from (k-fold cross-validation over the tunebooks' tunes), and on the demo songs'
/// tunes against the songwriters' own chords (never learnt from). With `--write`, the model learnt from every tune
/// is written as Swift source (`Sources/Arrangement/HarmonyModel+Learned.swift`).
///
/// The tunebooks used for the shipped model are the Nottingham Music Database's (about 1,000 English and Scottish
/// dance tunes with chords, in the cleaned ABC of github.com/jukedeck/nottingham-dataset, `ABC_cleaned/*.abc`).
struct HarmonyBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "harmony", abstract: "Learn the harmoniser's model from chorded tunebooks and judge it.")
    @Argument(help: "ABC tunebooks whose tunes give chords.") var files: [String] = []
    @Option(help: "Folds of the cross-validation (0: none).") var folds = 5
    @Option(help: "Sung notes' weight against the progressions (several: each is tried).") var heardScale: [Double] = [1]
    @Option(help: "Cadences' weight (several: each is tried).") var placeScale: [Double] = [1]
    @Option(help: "Smoothing, in slots' worth (several: each is tried).") var smoothing: [Double] = [3]
    @Option(help: "Smoothing of each chord's notes towards its triad's, in beats' worth (several: each is tried).") var heardSmoothing: [Double] = [80]
    @Option(help: "Write the model learnt from every tune, with the best settings tried, to this Swift file.") var write: String?
    @Flag(help: "Judge the demo songs harmonised with `--half-bars`.") var halfBars = false
    @Flag(help: "Show each demo song's bars: the songwriters' chords beside the suggested ones.") var show = false

    func run() throws {
        let tunes = try Self.chordedTunes(files)
        let demo = try FileManager.default.contentsOfDirectory(at: Fixtures.songs, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "cho" }.sorted { $0.path < $1.path }
            .compactMap { try SongFile.read(path: $0.path).songs.first }
        print("harmony: \(tunes.count) tunes with chords from \(files.count) tunebooks; \(demo.count) demo songs (never learnt from)")

        var best: (score: Double, heard: Double, place: Double, smoothing: Double, heardSmoothing: Double)?
        for h in heardScale {
            for p in placeScale {
                for s in smoothing { for hs in heardSmoothing {
                    let held = folds > 1 ? crossValidate(tunes, heard: h, place: p, smoothing: s, heardSmoothing: hs) : HarmonyComparison()
                    var all = HarmonyModel.Counts()
                    for t in tunes { all.add(t) }
                    let model = all.model(smoothing: s, heardSmoothing: hs, heardScale: h, placeScale: p)
                    var songs = HarmonyComparison()
                    for song in demo {
                        songs.add(HarmonyComparison.ofSong(song, model: model, halfBars: halfBars) { section, suggested in
                            guard show, let original = section.melody else { return }
                            print("\(song.metadata.title ?? "") · \(section.label ?? "")")
                            for line in Self.barByBar(original: original, suggested: suggested) { print("    " + line) }
                        })
                    }
                    print(String(format: "  heard %.2f  place %.2f  smoothing %.1f/%.0f   tunes left out: bars %5.1f%%  downbeats %5.1f%%  strong notes in chord %5.1f%%   demo songs: bars %3d of %3d (%5.1f%%)  downbeats %5.1f%%  strong notes %5.1f%%",
                                 h, p, s, hs, held.barAgreement * 100, held.downbeatAgreement * 100, held.strongNotesInChord * 100,
                                 songs.agreeingBars, songs.bars, songs.barAgreement * 100, songs.downbeatAgreement * 100, songs.strongNotesInChord * 100))
                    // Settings are chosen on the tunes left out, never on the demo songs.
                    let score = folds > 1 ? held.barAgreement : 0
                    if best == nil || score > best!.score { best = (score, h, p, s, hs) }
                } }
            }
        }
        guard let write, let best else { return }
        var all = HarmonyModel.Counts()
        for t in tunes { all.add(t) }
        let model = all.model(smoothing: best.smoothing, heardSmoothing: best.heardSmoothing, heardScale: best.heard, placeScale: best.place)
        let header = """
            The model `Harmoniser` uses: learnt by `songbridge-dev harmony` from the chords of \(all.tunes) tunes of the
            Nottingham Music Database (English and Scottish dance tunes, as cleaned at
            github.com/jukedeck/nottingham-dataset, ABC_cleaned), with sung notes weighted \(best.heard), cadences
            \(best.place) and smoothing \(best.smoothing) and \(best.heardSmoothing) (the settings best on tunes left out of the learning).
            The tables are counts' logarithms, facts about how those tunes are harmonised; no tune is copied here.
            """
        try model.swiftSource(header: header).write(toFile: write, atomically: true, encoding: .utf8)
        print("wrote \(write)")
    }

    /// The tunes of `files` that have chords and a meter, their chords read as the Nottingham files spell them. A
    /// tune with an error is left out (one Nottingham tune has an unclosed chord); warnings are not shown.
    static func chordedTunes(_ files: [String]) throws -> [Melody] {
        var tunes: [Melody] = []
        for file in files {
            let text = plainChords(try String(contentsOfFile: file, encoding: .utf8))
            let (melodies, _) = ABCReader.mapEachTune(SourceText(text, name: file)) { $0.melody }
            tunes += melodies.filter { !$0.chordSymbols.isEmpty && $0.meter.barLength != nil }
        }
        return tunes
    }

    /// Each tune harmonised by a model learnt from the other folds' tunes.
    func crossValidate(_ tunes: [Melody], heard: Double, place: Double, smoothing: Double, heardSmoothing: Double) -> HarmonyComparison {
        var total = HarmonyComparison()
        for fold in 0..<folds {
            var counts = HarmonyModel.Counts()
            for (i, t) in tunes.enumerated() where i % folds != fold { counts.add(t) }
            let model = counts.model(smoothing: smoothing, heardSmoothing: heardSmoothing, heardScale: heard, placeScale: place)
            for (i, t) in tunes.enumerated() where i % folds == fold {
                total.add(HarmonyComparison(original: t, suggested: Harmoniser.harmonise(t.withoutChords, model: model)))
            }
        }
        return total
    }

    /// One line a written bar: its sung notes, then the songwriters' chords and the suggested ones at its downbeat
    /// and half bar, marked `*` where they differ (as triads, as `HarmonyComparison` compares them).
    static func barByBar(original: Melody, suggested: Melody) -> [String] {
        guard let bars = WrittenBar.bars(of: original), let length = original.meter.barLength else { return [] }
        let theirs = HarmonyComparison.timeline(original), ours = HarmonyComparison.timeline(suggested)
        func at(_ t: NoteLength, _ line: [(NoteLength, Chord)]) -> String {
            line.last { $0.0 <= t }.map { Harmoniser.triad(.chord($0.1)).description } ?? "-"
        }
        var notes: [(NoteLength, String)] = []
        var time = NoteLength.zero
        for element in original.elements {
            switch element {
            case .note(let n): notes.append((time, n.pitches.first.map { "\($0.name)" } ?? "?")); time += n.duration
            case .rest(let r): time += r.duration
            default: break
            }
        }
        return bars.map { bar in
            let sung = notes.filter { $0.0 >= bar.start && $0.0 < bar.end }.map(\.1).joined(separator: " ")
            let points = (original.meter.hasHalfBar ? [NoteLength.zero, length * NoteLength(1, 2)] : [.zero]).compactMap { bar.time(at: $0) }
            let a = points.map { at($0, theirs) }, b = points.map { at($0, ours) }
            return (sung.padding(toLength: 34, withPad: " ", startingAt: 0)) + a.joined(separator: " ").padding(toLength: 12, withPad: " ", startingAt: 0)
                + b.joined(separator: " ").padding(toLength: 12, withPad: " ", startingAt: 0) + (a == b ? "" : "*")
        }
    }

    /// The Nottingham files' chord spellings in the form chord symbols are read in: `Cd` is C diminished, `Ca` C
    /// augmented, and a bass note is written in lower case with `+` or `-` for sharp or flat (`D/f+` is D over F♯).
    static func plainChords(_ text: String) -> String {
        var out = ""
        var inQuote = false
        var symbol = ""
        for c in text {
            if c == "\"" {
                if inQuote { out += plain(symbol) }
                symbol = ""
                inQuote.toggle()
                out.append(c)
            } else if inQuote {
                symbol.append(c)
            } else {
                out.append(c)
            }
        }
        return out + symbol
    }

    static func plain(_ symbol: String) -> String {
        guard let first = symbol.first, "ABCDEFG".contains(first) else { return symbol }
        var parts = symbol.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if parts[0].hasSuffix("d") { parts[0] = String(parts[0].dropLast()) + "dim" }
        else if parts[0].hasSuffix("a") { parts[0] = String(parts[0].dropLast()) + "aug" }
        if parts.count == 2 {
            var bass = parts[1].uppercased()
            if bass.hasSuffix("+") { bass = String(bass.dropLast()) + "#" }
            if bass.hasSuffix("-") { bass = String(bass.dropLast()) + "b" }
            parts[1] = bass
        }
        return parts.joined(separator: "/")
    }
}
