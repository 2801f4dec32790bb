import ArgumentParser
import Foundation
import SongCore
import SongTesting
import SongText
import SongMIDI
import SongSynth
import Lyrics
import SongArchive
import Arrangement
import Transcription

/// `songbridge-dev bench`: reads a 1,000-tune ABC collection and reports tunes per second, beside abc2midi
/// reading the same collection in its check-only mode, plus ChordPro and writing figures.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print speed figures for the readers and writers.")

    @Option(help: "Tunes in the generated collection.")
    var tunes = 1_000

    @Option(help: "Timed repetitions; the best is reported.")
    var repetitions = 5

    @Flag(help: "Only time reading ABC (for profiling).")
    var abcOnly = false

    @Option(help: "Run one part only: check, transcribe, lyrics, archive, sync, style, render or longest (the longest render allowed, with its peak memory).")
    var only: String?

    func run() throws {
        switch only {
        case "lyrics": try lyricsBench(); return
        case "archive": try archiveBench(); return
        case "sync": try syncBench(); return
        case "style": try styleBench(); return
        case "render": try renderBench(); return
        case "longest": try longestRenderBench(); return
        case "check": try checkBench(); return
        case "transcribe": try transcribeBench(); return
        default: break
        }
        // The collection: the corpus tunes repeated with new X: numbers until there are `tunes` of them.
        let corpusTunes = try Fixtures.corpusFiles.flatMap { try ABCReader.read(SourceText(contentsOf: $0)).value.tunes }
        var book = ABCTuneBook()
        for i in 0..<tunes {
            var t = corpusTunes[i % corpusTunes.count]
            t.reference = i + 1
            book.tunes.append(t)
        }
        let text = ABCWriter.write(book)
        let bytes = text.utf8.count
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-bench-\(tunes).abc")
        try text.write(to: file, atomically: true, encoding: .utf8)
        print("collection: \(tunes) tunes, \(bytes / 1024) KiB, \(book.tunes.reduce(0) { $0 + $1.melody.notes.count }) notes")

        let read = best { _ = try? ABCReader.read(SourceText(text, name: "bench.abc")) }
        print(String(format: "ABC read:        %8.1f ms  %9.0f tunes/s  %6.1f MB/s", read * 1000, Double(tunes) / read, Double(bytes) / read / 1e6))
        if abcOnly { return }
        let write = best { _ = ABCWriter.write(book) }
        print(String(format: "ABC write:       %8.1f ms  %9.0f tunes/s", write * 1000, Double(tunes) / write))
        let performed = best { for t in book.tunes { _ = t.melody.performedNotes } }
        print(String(format: "play out:        %8.1f ms  %9.0f tunes/s (repeats, endings and parts expanded)", performed * 1000, Double(tunes) / performed))

        // The reference, side by side: abc2midi parsing the same file without writing MIDI (-c).
        if let abc2midi = CommandRunner.program("abc2midi") {
            let reference = best {
                spawnAndWait(abc2midi, [file.path, "-c", "-silent"])
            }
            // Its fixed cost (starting a process, reading a one-tune file), so the per-tune figure can be compared fairly.
            let one = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-bench-1.abc")
            try "X:1\nK:C\nC|\n".write(to: one, atomically: true, encoding: .utf8)
            let startup = best {
                spawnAndWait(abc2midi, [one.path, "-c", "-silent"])
            }
            try? FileManager.default.removeItem(at: one)
            print(String(format: "abc2midi -c:     %8.1f ms  %9.0f tunes/s (reference: abc2midi checking the same file, whole process)", reference * 1000, Double(tunes) / reference))
            print(String(format: "  less startup:  %8.1f ms  %9.0f tunes/s (its %.1f ms for a one-tune file taken off)", (reference - startup) * 1000, Double(tunes) / (reference - startup), startup * 1000))
        } else {
            print("abc2midi -c:     not installed (make bench installs abcmidi)")
        }

        try checkBench()
        try transcribeBench()

        let songs = Fixtures.songFiles.map { Fixtures.text($0) }
        let sheet = String(repeating: songs.joined(separator: "\n{new_song}\n") + "\n{new_song}\n", count: 200)
        let songCount = songs.count * 200
        let cho = best { _ = try? ChordProReader.read(sheet, name: "bench.cho") }
        print(String(format: "ChordPro read:   %8.1f ms  %9.0f songs/s (songs with ABC melodies and provenance)", cho * 1000, Double(songCount) / cho))
        try? FileManager.default.removeItem(at: file)
        try lyricsBench()
        try archiveBench()
        try syncBench()
        try styleBench()
        try renderBench()
    }

    /// `songbridge check` on 1,000 real tunes (the first of O'Neill's 1850, fetched by setup) beside `abc2midi FILE -c`,
    /// whole processes, best of `repetitions`: the CLI as installed (static) where `make bench` has built it.
    func checkBench() throws {
        guard let corpus = try? ABCCorpus.tunes(ofCollection: ABCCorpus.oneills), corpus.count >= 1_000 else {
            print("check:           the O'Neill's corpus is not fetched (make corpus fetches it)")
            return
        }
        let tunes = corpus.prefix(1_000).map(\.text)
        let book = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-check-bench.abc")
        try tunes.joined(separator: "\n\n").write(to: book, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: book) }
        guard let cli = Self.builtCLI else { return }
        guard let abc2midi = CommandRunner.program("abc2midi") else {
            let ours = best { spawnAndWait(cli, ["check", book.path]) }
            print(String(format: "check:           %8.1f ms  songbridge check, %d real tunes (abc2midi is not installed)", ours * 1000, tunes.count))
            return
        }
        let (ours, theirs) = bestTurnAbout({ spawnAndWait(cli, ["check", book.path]) }, { spawnAndWait(abc2midi, [book.path, "-c"]) })
        print(String(format: "check:           %8.1f ms  songbridge check (%@), %d real tunes   abc2midi -c %6.1f ms   songbridge/abc2midi %.2fx", ours * 1000, cli.contains("static") ? "static" as NSString : "dynamic" as NSString, tunes.count, theirs * 1000, ours / theirs))
    }

    /// `songbridge transcribe` on a 30-second take (a tune from O'Neill's sung by FluidSynth's Voice Oohs, twice
    /// over) beside `aubionotes` on the same file, whole processes, and the transcriber alone in process.
    func transcribeBench() throws {
        guard let cli = Self.builtCLI else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-transcribe-bench")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let abc = dir.appendingPathComponent("tune.abc"), take = dir.appendingPathComponent("take.wav")
        // Twice through a 16-bar 3/4 tune at 96 beats a minute: 30 seconds.
        let line = "G2 B2 d2 | e2 d2 B2 | c2 A2 F2 | G4 D2 | G2 B2 d2 | g2 f2 e2 | d2 B2 A2 | G6 |"
        try "X:1\nT:Bench\nM:3/4\nL:1/8\nQ:1/4=96\nK:G\n\(line)\n\(line)\n".write(to: abc, atomically: true, encoding: .utf8)
        spawnAndWait(cli, ["render", abc.path, "--style", "none", "--lead", "53", "--audio", take.path])
        guard let audio = try? Renderer.readAudio(take) else { print("transcribe:      the take could not be rendered"); return }
        let seconds = Double(audio.left.count) / audio.sampleRate
        let input = Take(left: audio.left, right: audio.right, sampleRate: audio.sampleRate)
        let inProcess = best { _ = Transcriber.transcribe(input) }
        let arguments = ["transcribe", take.path, "--tempo", "96", "--meter", "3/4", "--key", "G"]
        guard spawnMeasured(cli, arguments).0 == 0 else { print("transcribe:      \(cli) has no working transcribe command (make bench rebuilds it)"); return }
        let ours = best { spawnAndWait(cli, arguments) }
        var line2 = String(format: "transcribe:      %8.1f ms  a %.0f s take, whole process (%.0fx real time; in process %.1f ms, %.0fx)", ours * 1000, seconds, seconds / ours, inProcess * 1000, seconds / inProcess)
        if let aubio = CommandRunner.program("aubionotes") {
            let theirs = best { spawnAndWait(aubio, ["-i", take.path]) }
            line2 += String(format: "   aubionotes %6.1f ms", theirs * 1000)
        } else {
            line2 += "   (aubionotes is not installed: make bench installs aubio-tools)"
        }
        print(line2)
    }

    /// The CLI the whole-process figures are taken with: as installed (static, which make bench builds), else the
    /// release build.
    static var builtCLI: String? {
        [".build-static/release/songbridge", ".build/release/songbridge"].map { Fixtures.root.appendingPathComponent($0).path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A 32-bar chord chart in the folk style: `songbridge render --style folk --midi` beside `mma` writing its MIDI
    /// file (whole processes, best of `repetitions`), and arranging plus writing the MIDI in process.
    func styleBench() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-style-bench")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // The arrangement bench's chart, at 120 a minute, and the same chords a bar at a time for MMA.
        let sheet = ArrangeBench.chartSheet(meter: .fourFour, tempo: 120)
        let mma = "Tempo 120\nGroove Folk\n" + (0..<32).map { "\($0 + 1) \(ArrangeBench.chartChords[$0 % 8])\n" }.joined()
        let cho = dir.appendingPathComponent("chart.cho"), mmaFile = dir.appendingPathComponent("chart.mma")
        try sheet.write(to: cho, atomically: true, encoding: .utf8)
        try mma.write(to: mmaFile, atomically: true, encoding: .utf8)
        // In process: read, arrange, write the MIDI bytes.
        let song = try ChordProReader.read(sheet).value[0]
        let inProcess = best { for _ in 0..<100 { _ = try? MIDIFile(performance: Arranger.perform(song, options: ArrangementOptions(style: "folk"))).data() } } / 100
        print(String(format: "style (folk):    %8.3f ms  arranging a 32-bar chart and writing its MIDI, in process", inProcess * 1000))
        // Whole processes: the statically linked CLI (make bench builds it) against mma.
        guard let cli = Self.builtCLI else { return }
        let render = { spawnAndWait(cli, ["render", cho.path, "--style", "folk", "--midi", dir.appendingPathComponent("ours.mid").path]) }
        guard let mmaPath = CommandRunner.program("mma") else {
            print(String(format: "style (folk):    %8.1f ms  songbridge render --midi (mma is not installed: make bench installs it)", best(render) * 1000))
            return
        }
        let (ours, theirs) = bestTurnAbout(render, { spawnAndWait(mmaPath, [mmaFile.path, "-f", dir.appendingPathComponent("mma.mid").path]) })
        print(String(format: "style (folk):    %8.1f ms  songbridge render --midi (%@)   mma %6.1f ms   mma/songbridge %.1fx", ours * 1000, cli.contains("static") ? "static" as NSString : "dynamic" as NSString, theirs * 1000, theirs / ours))
    }

    @Option(name: .customLong("archive-songs"), help: "Songs imported in the archive benchmark.")
    var archiveSongs = 10_000

    /// Importing generated songs (one transaction each, as `songbridge import` does) and searching them, beside the
    /// sqlite3 shell running the same FTS5 query on the same file.
    func archiveBench() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-archive-bench")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bench.sqlite").path
        let archive = try TourArchive(path: path)
        let songs = (0..<archiveSongs).map(SongGenerator.song)
        let start = DispatchTime.now().uptimeNanoseconds
        for song in songs { try archive.importSong(song) }
        let importSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "archive import:  %8.1f s   %9.0f songs/s (%d songs, one transaction each, WAL)", importSeconds, Double(archiveSongs) / importSeconds, archiveSongs))
        let queries = (0..<300).map { i in [SongGeneratorWords.all[i % SongGeneratorWords.all.count], i % 3 == 0 ? SongGeneratorWords.all[(i * 7) % SongGeneratorWords.all.count] : nil].compactMap { $0 }.joined(separator: " ") }
        var ours: [Double] = []
        for q in queries {
            let t = DispatchTime.now().uptimeNanoseconds
            _ = try archive.search(q)
            ours.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
        }
        func percentile(_ xs: [Double], _ p: Double) -> Double { let s = xs.sorted(); return s[min(s.count - 1, Int(Double(s.count) * p))] }
        print(String(format: "archive search:  p50 %6.2f ms   p99 %6.2f ms   (%d queries through TourArchive.search)", percentile(ours, 0.5), percentile(ours, 0.99), queries.count))
        guard let sqlite3 = CommandRunner.program("sqlite3") else { return }
        var script = ".timer on\n.output /dev/null\n"
        for q in queries {
            let match = q.split(separator: " ").map { "\"\($0)\"" }.joined(separator: " ")
            script += """
                SELECT s.id, s.title, s.themes, st.place, st.nation, st.date, (SELECT MAX(number) FROM version v WHERE v.songId = s.id) AS latest \
                FROM songSearch f JOIN song s ON s.id = f.rowid LEFT JOIN stop st ON st.id = s.stopId \
                WHERE songSearch MATCH '\(match)' ORDER BY bm25(songSearch, 10.0, 1.0, 2.0, 2.0) LIMIT 50;\n
                """
        }
        let scriptURL = dir.appendingPathComponent("queries.sql")
        try script.replacingOccurrences(of: "\\\n", with: " ").write(to: scriptURL, atomically: true, encoding: .utf8)
        let result = try CommandRunner.runBlocking(URL(fileURLWithPath: sqlite3), [path, ".read \(scriptURL.path)"], in: dir)
        let times = (result.stdout + result.stderr).split(separator: "\n").compactMap { line -> Double? in
            guard line.hasPrefix("Run Time: real ") else { return nil }
            return Double(line.dropFirst("Run Time: real ".count).split(separator: " ").first ?? "").map { $0 * 1000 }
        }
        if times.count == queries.count {
            print(String(format: "sqlite3 shell:   p50 %6.2f ms   p99 %6.2f ms   (the same FTS5 query, .timer on, same file)", percentile(times, 0.5), percentile(times, 0.99)))
        } else {
            print("sqlite3 shell:   could not read its timings (\(times.count) of \(queries.count))")
        }
    }

    /// Loading the pronouncing dictionary, and 1,000 rhyme look-ups in process.
    func lyricsBench() throws {
        let load = best { _ = try? Lexicon.bundled() }
        let lexicon = try Lexicon.bundled()
        print(String(format: "lexicon load:    %8.1f ms  (%d pronunciations, memory-mapped)", load * 1000, lexicon.entryCount))
        let analyzer = LyricAnalyzer(lexicon: lexicon)
        // 1,000 different words in everyday use, spread through the alphabet.
        var words: [String] = []
        var i = 0
        while words.count < 1_000 && i < lexicon.entryCount {
            let w = lexicon.word(i)
            if lexicon.frequency(i) < 170, w.count > 2, w.allSatisfy(\.isLetter), words.last != w { words.append(w) }
            i += 7
        }
        var found = 0
        let rhymes = best {
            found = 0
            for w in words { found += analyzer.rhymes(for: w, limit: 20).count }
        }
        print(String(format: "rhymes:          %8.1f ms  for %d look-ups (perfect rhymes, common first; %d found)", rhymes * 1000, words.count, found))
        let near = best { for w in words.prefix(100) { _ = analyzer.rhymes(for: w, near: true, limit: 20) } }
        print(String(format: "near rhymes:     %8.1f ms  for 100 look-ups (after a one-off index of the vowels)", near * 1000))
        let text = String(repeating: "The tide comes in, the tide goes out, and all of Weymouth sings along. ", count: 2_000)
        let syllables = best { _ = analyzer.analyze(line: text) }
        print(String(format: "syllables:       %8.1f ms  for %d words", syllables * 1000, analyzer.words(in: text).count))
    }

    /// `songbridge render` of a three-minute song to WAV against `fluidsynth -ni -F out.wav FONT song.mid` on the
    /// same MIDI file: both whole processes, best of `repetitions`, with each SoundFont installed.
    func renderBench() throws {
        // The CLI as installed (statically linked, which make bench builds), else the release build.
        guard let songbridge = Self.builtCLI else {
            print("render:          build the release CLI first (make bench does: swift build -c release)")
            return
        }
        guard let fluidsynth = CommandRunner.program("fluidsynth") else {
            print("render:          fluidsynth is not installed (make bench installs it)")
            return
        }
        // The Tide Comes In sung through twice with a last chorus, at 96 bpm: 36 bars of 4/4 a go, about three minutes.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-render-bench")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let sheet = Fixtures.text(Fixtures.songs.appendingPathComponent("the-tide-comes-in.cho"))
            .replacingOccurrences(of: "{tempo: 100}", with: "{tempo: 96}\n{x_songbridge_form: Verse 1, Chorus, Verse 2, Chorus, Verse 1, Chorus, Verse 2, Chorus x2}")
        let song = dir.appendingPathComponent("three-minutes.cho")
        try sheet.write(to: song, atomically: true, encoding: .utf8)
        let midi = dir.appendingPathComponent("three-minutes.mid")
        spawnAndWait(songbridge, ["render", song.path, "--midi", midi.path])
        let seconds = (try? MIDIFile(bytes: [UInt8](Data(contentsOf: midi))).durationSeconds) ?? 0
        print(String(format: "render:          a %.0f s song to 44.1 kHz 16-bit WAV, whole processes (%@), best of %d, the default and fluidsynth turn about", seconds, songbridge.contains("static") ? "static" as NSString : "dynamic" as NSString, repetitions))
        for name in ["TimGM6mb", "FluidR3_GM"] {
            guard let font = try? SoundFontLibrary().choose(name), font.name == name else {
                print("  \(name): not installed")
                continue
            }
            let ours = best { spawnAndWait(songbridge, ["render", song.path, "--audio", dir.appendingPathComponent("ours.wav").path, "--soundfont", font.url.path, "--split", "channels"]) }
            let (split, theirs) = bestTurnAbout(
                { spawnAndWait(songbridge, ["render", song.path, "--audio", dir.appendingPathComponent("split.wav").path, "--soundfont", font.url.path]) },
                { spawnAndWait(fluidsynth, ["-ni", "-q", "-F", dir.appendingPathComponent("theirs.wav").path, font.url.path, midi.path]) },
                times: repetitions)
            let label = name.padding(toLength: 11, withPad: " ", startingAt: 0)
            print("  \(label)" + String(format: " --split channels %6.2f s   songbridge render (split in time, the default) %6.2f s   fluidsynth -ni -F %6.2f s   fluidsynth/songbridge %.2fx and %.2fx",
                                             ours, split, theirs, theirs / ours, theirs / split))
        }
    }

    /// The longest render the limits allow (`SongLimits.arrangedSeconds`): its time and the peak memory of the whole
    /// process, and how quickly one just over the limit is refused (before any audio buffer is made).
    func longestRenderBench() throws {
        let songbridge = Fixtures.root.appendingPathComponent(".build/release/songbridge").path
        guard FileManager.default.isExecutableFile(atPath: songbridge) else {
            print("longest:         build the release CLI first (make bench does: swift build -c release)")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-longest-bench")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // The Tide Comes In's four sections, each sung 16 times (the most a form allows): 512 bars of 4/4.
        let form = "{x_songbridge_form: Verse 1 x16, Chorus x16, Verse 2 x16, Chorus x16}"
        for (name, bpm) in [("within", 70.0), ("over", 66.0)] {
            let sheet = Fixtures.text(Fixtures.songs.appendingPathComponent("the-tide-comes-in.cho"))
                .replacingOccurrences(of: "{tempo: 100}", with: "{tempo: \(Int(bpm))}\n" + form)
                .replacingOccurrences(of: "Q:1/4=100", with: "Q:1/4=\(Int(bpm))")
            let song = dir.appendingPathComponent("\(name).cho")
            try sheet.write(to: song, atomically: true, encoding: .utf8)
            let minutes = 512 * 4 / bpm
            let start = Date()
            let (status, peakKB) = spawnMeasured(songbridge, ["render", song.path, "--style", "none", "--split", "time", "--audio", dir.appendingPathComponent("\(name).wav").path])
            let elapsed = Date().timeIntervalSince(start)
            print(String(format: "longest:         %-6@ %.1f min of music: exit %d in %6.2f s, peak memory %5.0f MB (whole process)",
                         name as NSString, minutes, status, elapsed, Double(peakKB) / 1024))
        }
    }

    /// Runs a program and waits, returning its exit status and its peak resident memory in KB (wait4's rusage).
    func spawnMeasured(_ path: String, _ arguments: [String]) -> (Int32, Int) {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return (-1, 0) }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        return ((status >> 8) & 0xff, usage.ru_maxrss)
    }

    /// The best of `repetitions` timings of `body`, in seconds.
    func best(_ body: () -> Void) -> Double {
        var bestTime = Double.infinity
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            bestTime = min(bestTime, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return bestTime
    }

    /// The best times of two whole processes of a few milliseconds, run turn about at least 30 times each after one
    /// run each to warm the page cache: what else the machine is doing then weighs on both alike, where two separate
    /// best-of-5 runs moved a ratio by 10% from one `make bench` to the next.
    func bestTurnAbout(_ a: () -> Void, _ b: () -> Void, times: Int? = nil) -> (Double, Double) {
        a(); b()
        var bestA = Double.infinity, bestB = Double.infinity
        for _ in 0..<(times ?? max(repetitions, 30)) {
            var start = DispatchTime.now().uptimeNanoseconds
            a()
            bestA = min(bestA, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            start = DispatchTime.now().uptimeNanoseconds
            b()
            bestB = min(bestB, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return (bestA, bestB)
    }

    /// Runs a program with posix_spawn and waits, output discarded: Foundation's Process adds tens of
    /// milliseconds of its own, which would swamp the reference's time.
    func spawnAndWait(_ path: String, _ arguments: [String]) {
        _ = spawnMeasured(path, arguments)
    }
}
