import Foundation
import SongCore
import SongMIDI
import SongSynth
import SongTesting
import SongText
import Testing
import Transcription

/// `songbridge transcribe` against takes with known notes, made by real parts: tunes people typed (O'Neill's
/// 1850, from the corpus setup fetches), rendered by FluidSynth in a sung voice (General MIDI 54, Voice Oohs),
/// then transcribed through the CLI as a facilitator would, and compared bar by bar with the tune.
@Suite struct TranscribeCommandSlowTests {
    /// Plain tunes: played once through (no repeats or parts), no graces, chords, tuplets, decorations or ties, in a common meter, within a voice's
    /// reach; the first `count` of them.
    static func plainTunes(_ count: Int) throws -> [(name: String, text: String, tune: ABCTune)] {
        var found: [(String, String, ABCTune)] = []
        for tune in try ABCCorpus.tunes(ofCollection: ABCCorpus.oneills) where found.count < count {
            let body = tune.text.split(separator: "\n").filter { !$0.contains(":") || $0.hasPrefix("|") }.joined()
            guard !body.contains(where: { "{[(~.-!\"<>+&:".contains($0) }),
                  let parsed = try? ABCReader.read(tune.text).value.tunes.first,
                  [Meter(2, 4), Meter(3, 4), Meter(4, 4), Meter(6, 8)].contains(parsed.melody.meter),
                  parsed.melody.notes.count >= 16, parsed.melody.notes.count <= 60,
                  parsed.melody.performedNotes.count == parsed.melody.notes.count,      // played once through
                  parsed.melody.notes.allSatisfy({ $0.pitches.count == 1 && (40...84).contains($0.pitches[0].midiNumber) })
            else { continue }
            found.append(("\(tune.file) X:\(tune.reference)", tune.text, parsed))
        }
        return found
    }

    /// Each bar as its notes' pitches and lengths (ties and spelling aside).
    static func bars(_ melody: Melody) -> [String] {
        var bars: [[String]] = [[]]
        for element in melody.elements {
            switch element {
            case .note(let n): bars[bars.count - 1].append("\(n.pitches.map(\.midiNumber))/\(n.duration)")
            case .rest(let r): bars[bars.count - 1].append("z/\(r.duration)")
            case .bar: if !bars[bars.count - 1].isEmpty { bars.append([]) }
            default: break
            }
        }
        return bars.filter { !$0.isEmpty }.map { $0.joined(separator: " ") }
    }

    /// The beats before the tune's first bar line (what a facilitator knows of the song and tells the transcriber).
    static func upbeat(_ melody: Melody) -> Int {
        var first = NoteLength.zero
        for element in melody.elements {
            if case .bar = element { break }
            if case .note(let n) = element { first += n.duration }
            if case .rest(let r) = element { first += r.duration }
        }
        guard let bar = melody.meter.barLength, first < bar else { return 0 }
        return Int((first / melody.meter.pulse).doubleValue.rounded())
    }

    @Test func aSungTuneComesBackBarForBar() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("transcribe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let tunes = try Self.plainTunes(3)
        #expect(tunes.count == 3)
        var same = 0, total = 0
        var meters = (right: 0, total: 0)
        for (name, text, tune) in tunes {
            let abc = dir.appendingPathComponent("tune.abc"), take = dir.appendingPathComponent("take.wav")
            try text.write(to: abc, atomically: true, encoding: .utf8)
            let tempo = 100
            let render = try await CommandRunner.songbridge(["render", abc.path, "--style", "none", "--lead", "53", "--tempo", "\(tempo)", "--audio", take.path], in: dir)
            #expect(render.status == 0, "\(name): \(render.stderr)")
            // Rendered at 100 of the tune's own beat (its Q: beat, else the meter's); told in quarter notes a minute.
            let beat = tune.melody.tempo?.beat ?? tune.melody.meter.pulse
            let result = try await CommandRunner.songbridge(["transcribe", take.path, "--tempo", "\(Double(tempo) * beat.doubleValue * 4)",
                                                       "--meter", tune.melody.meter.description, "--key", tune.melody.key.description,
                                                       "--upbeat", "\(Self.upbeat(tune.melody))"], in: dir)
            #expect(result.status == 0, "\(name): \(result.stderr)")
            let heard = try #require(try ABCReader.read(result.stdout).value.tunes.first, "\(name)")
            // The tune's pitches, note for note, with a repeated pitch counted once: a synth voice started again on
            // the same pitch without a break is heard when its loudness dips and climbs again, not yet always.
            func contour(_ m: Melody) -> [Int] {
                m.notes.map { $0.pitches[0].midiNumber }.reduce(into: [Int]()) { out, p in if out.last != p { out.append(p) } }
            }
            #expect(contour(heard.melody) == contour(tune.melody), "\(name): heard \(contour(heard.melody)) for \(contour(tune.melody))")
            let truth = Self.bars(tune.melody), got = Self.bars(heard.melody)
            total += truth.count
            same += zip(truth, got).filter { $0 == $1 }.count
            #expect(got.count == truth.count, "\(name): \(got.count) bars for \(truth.count)\n\(result.stdout)")
            // Not told the meter, it hears three beats a bar, four or two dotted quarters as the tune has them (two
            // is written as four).
            let unmetered = try await CommandRunner.songbridge(["transcribe", take.path, "--tempo", "\(Double(tempo) * beat.doubleValue * 4)"], in: dir)
            let meter = try #require(try ABCReader.read(unmetered.stdout).value.tunes.first?.melody.meter, "\(name): \(unmetered.stderr)")
            if let simple = [Meter(3, 4): Meter(3, 4), Meter(4, 4): .fourFour, Meter(2, 4): .fourFour, Meter(6, 8): Meter(6, 8)][tune.melody.meter] {
                meters.total += 1
                if meter == simple { meters.right += 1 } else { print("transcribe: \(name) in \(tune.melody.meter) heard in \(meter)") }
            }
        }
        // The meter, from the rhythm alone: measured, and held where it stands (an air of even quarter notes, whose
        // bars only its pitches mark, is heard in 4/4).
        print("transcribe: meter heard right in \(meters.right) of \(meters.total)")
        #expect(meters.right >= meters.total - 1 && meters.total >= 2, "meter right in \(meters.right) of \(meters.total)")
        // Bars identical after quantisation: the issue asks 90%. 50 of 51 since a pitch struck again without a dip is
        // heard by its attack's spectrum (42–44 before: each repeated pitch merged into one note).
        print("transcribe: \(same) of \(total) bars identical")
        #expect(Double(same) >= 0.9 * Double(total), "\(same) of \(total) bars identical")
    }

    /// The same pitch sung again and again without a break (FluidSynth's Voice Oohs, whose loudness hardly dips
    /// between two notes of one pitch, under a tremolo that swings it more): each note heard, by the burst of new
    /// sound across the spectrum its attack brings. Before that was listened for, 8 of its 12 notes were heard.
    @Test func aPitchSungAgainWithoutABreakIsHeardAgain() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("restrike-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let abc = dir.appendingPathComponent("again.abc"), take = dir.appendingPathComponent("again.wav")
        try "X:1\nT:Again\nM:3/4\nL:1/4\nQ:1/4=100\nK:C\nc c d | e e c | c2 c | d d d | c3 |]\n".write(to: abc, atomically: true, encoding: .utf8)
        let render = try await CommandRunner.songbridge(["render", abc.path, "--style", "none", "--lead", "53", "--audio", take.path], in: dir)
        #expect(render.status == 0, "\(render.stderr)")
        let result = try await CommandRunner.songbridge(["transcribe", take.path, "--json"], in: dir)
        let notes = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])["notes"] as? [[String: Any]]
        let found = (notes ?? []).compactMap { n in (n["onset"] as? Double).flatMap { onset in (n["midiNote"] as? Int).map { (onset, $0) } } }
        // The notes sung, each at its beat (a quarter note is 0.6 s): heard means the right pitch within 50 ms.
        let sung = zip([0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12], [72, 72, 74, 76, 76, 72, 72, 72, 74, 74, 74, 72]).map { (Double($0) * 0.6, $1) }
        let heard = sung.filter { s in found.contains { abs($0.0 - s.0) <= 0.05 && $0.1 == s.1 } }
        let extra = found.filter { f in !sung.contains { abs($0.0 - f.0) <= 0.05 && $0.1 == f.1 } }
        // All but two of twelve (before: eight), and nothing heard that was not sung.
        #expect(heard.count >= 10, "\(found)")
        #expect(extra.isEmpty, "\(extra)")
    }

    /// A whole demo song sung by FluidSynth's Voice Oohs, heard note for note as mir_eval scores it (onsets within
    /// 50 ms, pitch exact) against the MIDI file rendered with it. "Hush, the Harbour Sleeps" is a slow lullaby whose
    /// notes swell in late and repeat: it scored 0.913 before a note was dated from where its pitch was first heard,
    /// 0.943 before a pitch struck again was heard by its attack's spectrum, and 1.000 since.
    @Test func aSungSongIsHeardNoteForNote() async throws {
        let (score, found, played) = try await Self.heard(Fixtures.root.appendingPathComponent("Songs/hush-the-harbour-sleeps.cho").path, as: ["--lead", "53"])
        print("transcribe: Hush, the Harbour Sleeps COnP \(String(format: "%.3f", score)) (\(found) notes for \(played))")
        #expect(score >= 0.97, "COnP \(score)")
    }

    /// The first reel of the corpus fixtures (up to A5, leaping a fifth and a sixth at a time) in the other voices
    /// the accuracy set uses, each note judged as mir_eval does. Before a new note's attack was heard through the last
    /// note's release (their mixture repeats at a common undertone, E4 under E5 then B5, and wins the pitch tracker
    /// for up to 150 ms) and before the range reached 2,100 Hz: a child's high voice 0.611, where it is now 0.983;
    /// the flute 0.991 and Choir Aahs, whose attack swells in over 200 ms, 0.738; the choir 0.939 since its beating
    /// is heard as such and a frame as loud as its notes is taken to be sounding.
    @Test(arguments: [(["--lead", "53", "--transpose", "12"], 0.95), (["--lead", "73"], 0.95), (["--lead", "52"], 0.9)])
    func aReelIsHeardInEveryVoice(voice: [String], least: Double) async throws {
        let (score, found, played) = try await Self.heard(Fixtures.root.appendingPathComponent("Tests/Fixtures/corpus/reels.abc").path, as: voice)
        print("transcribe: a reel \(voice.joined(separator: " ")) COnP \(String(format: "%.3f", score)) (\(found) notes for \(played))")
        #expect(score >= least, "\(voice): COnP \(score)")
    }

    /// Demo songs sung in another SoundFont's voice (FluidR3_GM's Voice Oohs), which the transcriber's rules were not
    /// first made on: its attack swells, dips and swells again, and it crossfades into each next note, so the two
    /// are heard as one pitch sliding between them for 50–80 ms. Before a note could not be struck again in its first
    /// 96 ms, and before a change of note was dated from its slide and its attack's phases, The Pavilion Waltz scored
    /// 0.803 and Cân y Cwm 0.772 (extra notes at the swells, onsets 50–80 ms late); now 0.973 and 0.885.
    @Test(arguments: [("the-pavilion-waltz.cho", 0.93), ("can-y-cwm.cho", 0.85)])
    func aSongSungInAnotherFontsVoiceIsHeard(song: String, least: Double) async throws {
        let (score, found, played) = try await Self.heard(Fixtures.songs.appendingPathComponent(song).path, as: ["--lead", "53", "--soundfont", "FluidR3_GM"])
        print("transcribe: \(song) in FluidR3_GM's Voice Oohs COnP \(String(format: "%.3f", score)) (\(found) notes for \(played))")
        #expect(score >= least, "\(song): COnP \(score)")
    }

    /// A flute (the styles' usual lead) playing a song with many notes sung twice on one pitch: each is tongued
    /// again, as the renderer now breaks before it, and heard again where the flute's loudness falls and climbs back.
    /// Played legato and heard without that rule, Haul Away for Stonehaven scored 0.877 (15 of its 84 notes merged
    /// with the one before); now 0.964.
    @Test func aFlutesRepeatedNotesAreEachHeard() async throws {
        let song = "haul-away-for-stonehaven.cho"
        let (score, found, played) = try await Self.heard(Fixtures.songs.appendingPathComponent(song).path, as: ["--lead", "73"])
        print("transcribe: \(song) on the flute COnP \(String(format: "%.3f", score)) (\(found) notes for \(played))")
        #expect(score >= 0.94, "\(song): COnP \(score)")
    }

    /// `tune` rendered by `songbridge render --style none` with `voice` and transcribed by `songbridge transcribe`:
    /// COnP against the MIDI file rendered with it, and how many notes were found and played.
    static func heard(_ tune: String, as voice: [String]) async throws -> (score: Double, found: Int, played: Int) {
        try await rendered(tune, as: voice) { take, truthFile in
            let played = try Self.played(truthFile)
            let json = try await CommandRunner.songbridge(["transcribe", take.path, "--json"], in: take.deletingLastPathComponent())
            let found = ((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["notes"] as? [[String: Any]] ?? [])
                .compactMap { n -> (onset: Double, midi: Int)? in
                    guard let onset = n["onset"] as? Double, let note = n["midiNote"] as? Int else { return nil }
                    return (onset, note)
                }
            return (SungTake.fMeasure(truth: played, found: found), found.count, played.count)
        }
    }

    /// `body` given `tune` rendered by `songbridge render --style none` with `voice`: the take (WAV) and the MIDI
    /// file rendered with it, in a folder removed afterwards. A heavy test: a browser test listening to a fake
    /// microphone waits for it, and it for the browser.
    static func rendered<T>(_ tune: String, as voice: [String], _ body: (URL, URL) async throws -> T) async throws -> T {
        let gate = await RealTimeGate.shared.heavy()
        defer { gate.leave() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("transcribe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let take = dir.appendingPathComponent("take.wav"), truthFile = dir.appendingPathComponent("truth.mid")
        let render = try await CommandRunner.songbridge(["render", tune, "--style", "none"] + voice + ["--audio", take.path, "--midi", truthFile.path], in: dir)
        #expect(render.status == 0, "\(render.stderr)")
        return try await body(take, truthFile)
    }

    /// The notes of a rendered MIDI file, as (onset, offset, MIDI note), the offset left at the onset (COnP does
    /// not judge offsets); drums left out.
    static func played(_ file: URL) throws -> [(onset: Double, offset: Double, midi: Int)] {
        let midi = try MIDIFile(bytes: [UInt8](Data(contentsOf: file)))
        return midi.tracks.flatMap { $0 }.filter { $0.isNoteOn && $0.channel != 9 }.map { event -> (onset: Double, offset: Double, midi: Int) in
            guard case .channel(_, let key, _) = event.kind else { return (0, 0, -1) }
            let at = midi.seconds(atTick: event.tick)
            return (at, at, Int(key))
        }.sorted { $0.onset < $1.onset }
    }

    /// A demo song sung by FluidSynth's Voice Oohs in a noisy room: white noise 10 dB below the voice. Where noise
    /// blurs the pitch of a note that is plainly sounding, the note goes on. Before a frame as loud as the take's
    /// notes was weighed as sounding, its first 40 s scored 0.810, where they score 0.927 now (`make
    /// bench-capture`'s 10 dB condition: 0.849 then, 0.927 now).
    @Test func aSongSungInLoudNoiseIsStillHeard() async throws {
        let song = Fixtures.root.appendingPathComponent("Songs/hush-the-harbour-sleeps.cho").path
        let (score, found) = try await Self.rendered(song, as: ["--lead", "53"]) { take, truthFile in
            let audio = try Renderer.readAudio(take)
            // Its first two verses and chorus (40 s): the transcriber runs unoptimised in the test build.
            let voice = zip(audio.left, audio.right).prefix(Int(40 * audio.sampleRate)).map { ($0 + $1) / 2 }
            let noisy = WhiteNoise.adding(to: voice, snr: 10, seed: 7)
            let found = Transcriber.transcribe(Take(samples: noisy, sampleRate: audio.sampleRate)).notes
            let truth = try Self.played(truthFile).filter { $0.onset < 39.5 }
            return (SungTake.fMeasure(truth: truth, found: found.map { (onset: $0.onset, midi: $0.midiNote) }), found.count)
        }
        print("transcribe: Hush, the Harbour Sleeps in noise at 10 dB COnP \(String(format: "%.3f", score)) (\(found) notes)")
        #expect(score >= 0.9, "COnP \(score)")
    }

    /// The README's `songbridge-dev pitch-trace take.wav --from 1 --to 2`: a frame line for every 8 ms in the span,
    /// each with the pitch heard, and the notes of the same pass that lie in it.
    @Test func thePitchTraceTheReadmeShowsPrintsFramesAndNotes() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pitch-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // G4 from 0.2 s to 1.15 s, then C5 from 1.2 s to 2.15 s.
        try SungTake(notes: [(67, 1), (72, 1)]).wav().write(to: dir.appendingPathComponent("take.wav"))
        let trace = try await CommandRunner.run(CommandRunner.productsFolder.appendingPathComponent("songbridge-dev"),
                                                ["pitch-trace", "take.wav", "--from", "1", "--to", "2"], in: dir)
        #expect(trace.status == 0, "\(trace.stderr)")
        let lines = trace.stdout.split(separator: "\n")
        let frames = lines.filter { !$0.hasPrefix("note") }, notes = lines.filter { $0.hasPrefix("note") }
        #expect((120...130).contains(frames.count), "\(frames.count) frames")
        #expect(frames.contains { $0.contains("pitch    67.0") } && frames.contains { $0.contains("pitch    72.0") }, "\(frames.prefix(3))")
        #expect(notes.count == 2 && notes[0].contains("midi 67") && notes[1].contains("midi 72"), "\(notes)")
    }

    @Test func whatIsNotATakeIsOneLineAndExit65() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("transcribe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("notes.wav"), empty = dir.appendingPathComponent("empty.wav"), quiet = dir.appendingPathComponent("quiet.wav")
        try "not audio".write(to: text, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data())
        // A second of silence, as a WAV file.
        var wav = Data("RIFF".utf8) + le(UInt32(36 + 88_200)) + Data("WAVEfmt ".utf8) + le(UInt32(16)) + le(UInt16(1)) + le(UInt16(1))
        wav += le(UInt32(44_100)) + le(UInt32(88_200)) + le(UInt16(2)) + le(UInt16(16)) + Data("data".utf8) + le(UInt32(88_200)) + Data(count: 88_200)
        try wav.write(to: quiet)
        for (file, message) in [(text, "not an audio file"), (empty, "not an audio file"), (quiet, "no sung notes found")] {
            let r = try await CommandRunner.songbridge(["transcribe", file.path], in: dir)
            #expect(r.status == 65 && r.stderr.contains(message) && r.stderr.split(separator: "\n").count == 1, "\(file.lastPathComponent): \(r.status) \(r.stderr)")
        }
        let missing = try await CommandRunner.songbridge(["transcribe", dir.appendingPathComponent("none.wav").path], in: dir)
        #expect(missing.status == 66)
    }

    func le<T: FixedWidthInteger>(_ v: T) -> Data { withUnsafeBytes(of: v.littleEndian) { Data($0) } }
}
