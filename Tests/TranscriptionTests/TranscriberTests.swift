import Foundation
import SongCore
import SongTesting
import SongText
import Testing
@testable import Transcription

/// The transcriber against takes whose notes are known: clean, then with what singing in a room brings.
@Suite struct TranscriberTests {
    /// A tune across a wide range, from an older man's low voice to a child's high one.
    static let tune: [(midi: Int, seconds: Double)] = [
        (43, 0.5), (47, 0.5), (50, 0.5), (55, 0.5), (59, 0.25), (62, 0.25), (67, 0.5), (71, 0.5),
        (74, 0.5), (79, 0.5), (76, 0.25), (72, 0.25), (69, 0.5), (64, 0.5), (60, 0.75), (57, 0.5), (52, 0.5), (48, 1.0),
    ]

    func score(_ take: SungTake) -> (f: Double, found: [TranscribedNote]) {
        let found = Transcriber.transcribe(take.take).notes
        return (SungTake.fMeasure(truth: take.truth, found: found), found)
    }

    @Test func aCleanTakeIsHeardNoteForNote() {
        let (f, found) = score(SungTake(notes: Self.tune))
        #expect(f >= 0.95, "F \(f): \(found.map(\.midiNote))")
    }

    @Test func vibratoGlidesAndAFlatGroupKeepTheirNotes() {
        var take = SungTake(notes: Self.tune)
        take.vibratoCents = 50
        take.glideSeconds = 0.06
        take.gapSeconds = 0
        take.detuneCents = -30
        let (f, found) = score(take)
        #expect(f >= 0.9, "F \(f): \(found.map { "\($0.midiNote)@\(Int($0.onset * 1000))" }) truth \(take.truth.map { "\($0.midi)@\(Int($0.onset * 1000))" })")
        let tuning = Transcriber.transcribe(take.take).tuningCents
        #expect(abs(tuning + 30) < 10, "the take was sung 30 cents flat: \(tuning)")
    }

    @Test func noiseAtTwentyDecibelsIsIgnored() {
        var take = SungTake(notes: Self.tune)
        take.snr = 20
        take.vibratoCents = 30
        let (f, found) = score(take)
        #expect(f >= 0.85, "F \(f): \(found.map(\.midiNote))")
    }

    @Test func silenceAndNoiseOnlyGiveNoNotes() {
        #expect(Transcriber.transcribe(Take(samples: [Float](repeating: 0, count: 44_100), sampleRate: 44_100)).notes.isEmpty)
        var state: UInt64 = 1
        let noise = (0..<44_100).map { _ -> Float in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state) >> 40) / Float(1 << 23) * 0.1
        }
        let found = Transcriber.transcribe(Take(samples: noise, sampleRate: 44_100)).notes
        #expect(found.count <= 1, "white noise: \(found.map(\.midiNote))")
    }

    @Test func aRepeatedNoteSungTwiceIsTwoNotes() {
        let take = SungTake(notes: [(60, 0.4), (60, 0.4), (62, 0.4), (62, 0.4)])
        let (f, found) = score(take)
        #expect(f >= 0.99, "F \(f): \(found.map { ($0.midiNote, $0.onset) })")
    }

    /// A waltz leans on every third beat, a march on every fourth: without a meter, each is written in its own.
    @Test func aTakeGivenNoMeterIsWrittenInTheOneItLeansOn() {
        func notes(_ tune: [(midi: Int, beats: Double)]) -> Transcription {
            var t = 0.5
            return Transcription(notes: tune.map { n in
                defer { t += n.beats * 0.6 }
                return TranscribedNote(onset: t, offset: t + n.beats * 0.6 - 0.05, midiNote: n.midi, cents: Double(n.midi) * 100, confidence: 1)
            }, tuningCents: 0, seconds: t)
        }
        // "Dacw 'nghariad"-like waltz phrases: a long note, then a short one, every bar of three.
        let waltz = notes([(67, 2), (69, 1), (71, 2), (72, 1), (74, 2), (72, 1), (71, 3), (69, 2), (67, 1), (69, 2), (71, 1), (72, 3), (67, 3)])
        let march = notes([(60, 1), (64, 1), (67, 2), (65, 1), (64, 1), (62, 2), (60, 1), (62, 1), (64, 1), (65, 1), (67, 4), (64, 2), (62, 2), (60, 4)])
        #expect(waltz.estimatedMeter(tempo: Tempo(100)) == Meter(3, 4))
        #expect(march.estimatedMeter(tempo: Tempo(100)) == .fourFour)
        #expect(TranscribedTake(waltz, time: TuneTime(tempo: Tempo(100)), title: "Waltz")?.meter == Meter(3, 4))
    }

    /// Real tunes in 6/8, 3/4 and 4/4 (the corpus fixtures: jigs, airs and reels people typed), sung with human
    /// timing and given no meter: jigs are heard in 6/8, which before was never heard (written as 3/4), and the
    /// waltzes stay in 3/4.
    @Test func jigsAreHeardInSixEightAndWaltzesAndReelsInTheirOwn() throws {
        var heard: [Meter: [Meter]] = [:]
        for file in ["jigs.abc", "airs.abc", "reels.abc"] {
            let text = try String(contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/corpus/\(file)"), encoding: .utf8)
            for (i, tune) in try ABCReader.read(text).value.tunes.enumerated() where [Meter(6, 8), Meter(3, 4), .fourFour].contains(tune.melody.meter) {
                let notes = tune.melody.sungTiming(beatSeconds: 0.6, seed: UInt64(i)).map {
                    TranscribedNote(onset: $0.onset, offset: $0.offset, midiNote: $0.midiNumber, cents: Double($0.midiNumber * 100), confidence: 1)
                }
                let transcription = Transcription(notes: notes, tuningCents: 0, seconds: notes.last?.offset ?? 0)
                heard[tune.melody.meter, default: []].append(transcription.estimatedMeter(tempo: transcription.estimatedTempo()))
            }
        }
        let jigs = heard[Meter(6, 8)] ?? [], waltzes = heard[Meter(3, 4)] ?? [], reels = heard[.fourFour] ?? []
        #expect(jigs.count == 5 && waltzes.count == 3 && reels.count >= 3, "\(heard)")
        #expect(jigs.filter { $0 == Meter(6, 8) }.count >= 4, "\(jigs)")
        #expect(waltzes.allSatisfy { $0 == Meter(3, 4) }, "\(waltzes)")
        // One reel of four is heard in three (as it was before 6/8 was heard: the first choice, six eighths a bar or
        // eight, is unchanged).
        #expect(reels.filter { $0 == .fourFour }.count >= reels.count - 1, "\(reels)")
    }

    /// A note struck again without a break (as a synth voice or a flute is): the loudness falls to 40% as the first
    /// fades and climbs back with the new attack, the pitch clear throughout. Two notes, where a tremolo of the same
    /// depth, swinging slowly, is one.
    @Test func aNoteStruckAgainWithoutABreakIsTwoNotes() {
        let rate = 16_000.0
        func tone(_ envelope: (Double) -> Double, seconds: Double) -> Take {
            Take(samples: (0..<Int(seconds * rate)).map { i in
                let t = Double(i) / rate
                var s = 0.0
                for k in 1...4 { s += sin(2 * .pi * 220 * Double(k) * t) / Double(k * k) }
                return Float(0.3 * envelope(t) * s)
            }, sampleRate: rate)
        }
        // Struck at 0.2 s and again at 0.8 s, each with an attack of 20 ms to a peak of 1.4 that settles to 1 over
        // 100 ms (a synth voice's envelope); the first note fades to 40% over its last 40 ms.
        func strike(_ t: Double, from start: Double, floor: Double) -> Double {
            let since = t - start
            return since < 0.02 ? floor + (1.4 - floor) * since / 0.02 : 1 + 0.4 * max(0, 1 - (since - 0.02) / 0.1)
        }
        let struck = tone({ t in
            if t < 0.2 || t > 1.4 { return 0 }
            if t < 0.76 { return strike(t, from: 0.2, floor: 0) }
            if t < 0.8 { return 1 - 0.6 * (t - 0.76) / 0.04 }
            return strike(t, from: 0.8, floor: 0.4) * (t > 1.38 ? (1.4 - t) / 0.02 : 1)
        }, seconds: 1.6)
        let notes = Transcriber.transcribe(struck).notes
        #expect(notes.map(\.midiNote) == [57, 57], "\(notes.map { ($0.midiNote, $0.onset) })")
        #expect(abs((notes.last?.onset ?? 0) - 0.8) < 0.05)
        // The same depth as a slow tremolo (2 Hz): one note.
        let tremolo = tone({ t in t < 0.2 || t > 1.4 ? 0 : min(1, (t - 0.2) / 0.02, (1.4 - t) / 0.02) * (0.7 + 0.3 * cos(2 * .pi * 2 * (t - 0.2))) }, seconds: 1.6)
        #expect(Transcriber.transcribe(tremolo).notes.map(\.midiNote) == [57])
    }

    /// A flute or whistle tongued again on its note: the held note dips to 40% and the new attack takes 60 ms to
    /// swell past it (a voice's takes 20). Two notes; a tremolo as deep at 6 Hz, dipping again and again, is one.
    @Test func aFluteTonguedAgainOnItsNoteIsTwoNotes() {
        let rate = 16_000.0
        func tone(_ envelope: (Double) -> Double) -> Take {
            Take(samples: (0..<Int(1.6 * rate)).map { i in
                let t = Double(i) / rate
                return Float(0.3 * envelope(t) * (sin(2 * .pi * 587.3 * t) + 0.2 * sin(2 * .pi * 1174.7 * t)))
            }, sampleRate: rate)
        }
        let tongued = tone { t in
            switch t {
            case ..<0.2, 1.4...: return 0
            case ..<0.22: return (t - 0.2) / 0.02
            case ..<0.76: return 1
            case ..<0.8: return 1 - 0.6 * (t - 0.76) / 0.04
            case ..<0.86: return 0.4 + 0.9 * (t - 0.8) / 0.06
            case ..<1.0: return 1.3 - 0.3 * (t - 0.86) / 0.14
            default: return min(1, (1.4 - t) / 0.02)
            }
        }
        let notes = Transcriber.transcribe(tongued).notes
        #expect(notes.map(\.midiNote) == [74, 74], "\(notes.map { ($0.midiNote, $0.onset) })")
        #expect(abs((notes.last?.onset ?? 0) - 0.8) < 0.05)
        // A high voice's tremolo, uneven as a voice's is: every other swing higher (6 Hz and 3 Hz together).
        let tremolo = tone { t in
            t < 0.2 || t > 1.4 ? 0 : min(1, (t - 0.2) / 0.02, (1.4 - t) / 0.02) * (0.6 + 0.4 * cos(2 * .pi * 6 * (t - 0.2)) + 0.25 * cos(2 * .pi * 3 * (t - 0.2)))
        }
        #expect(Transcriber.transcribe(tremolo).notes.map(\.midiNote) == [74])
    }

    /// A flute tongued again whose loudness dips only to 65% and climbs slowly is two notes where its wave begins
    /// anew at the dip (the phase jumps), and one where the same dip comes with the wave running on (a swell).
    @Test func aShallowDipIsANewNoteOnlyWhereTheWaveBeginsAnew() {
        let rate = 16_000.0
        func take(restarted: Bool) -> Take {
            Take(samples: (0..<Int(1.6 * rate)).map { i in
                let t = Double(i) / rate
                let envelope: Double
                switch t {
                case ..<0.2, 1.4...: envelope = 0
                case ..<0.22: envelope = (t - 0.2) / 0.02
                case ..<0.76: envelope = 1
                case ..<0.8: envelope = 1 - 0.35 * (t - 0.76) / 0.04
                case ..<0.86: envelope = 0.65 + 0.65 * (t - 0.8) / 0.06
                case ..<1.0: envelope = 1.3 - 0.3 * (t - 0.86) / 0.14
                default: envelope = min(1, (1.4 - t) / 0.02)
                }
                // The new wave starts from nothing at 0.8 s, where the old one was a third of a turn on.
                let phase = restarted && t >= 0.8 ? 2 * .pi * 587.3 * (t - 0.8) : 2 * .pi * 587.3 * t
                return Float(0.3 * envelope * (sin(phase) + 0.2 * sin(2 * phase)))
            }, sampleRate: rate)
        }
        let tongued = Transcriber.transcribe(take(restarted: true)).notes
        #expect(tongued.map(\.midiNote) == [74, 74], "\(tongued.map { ($0.midiNote, $0.onset) })")
        #expect(abs((tongued.last?.onset ?? 0) - 0.8) < 0.05)
        let swelled = Transcriber.transcribe(take(restarted: false)).notes
        #expect(swelled.map(\.midiNote) == [74], "\(swelled.map { ($0.midiNote, $0.onset) })")
    }

    /// The slow attack's rule on its own, frame by frame (8 ms apart): a dip to 40% whose climb passes the note's
    /// loudness only after 64 ms is a note struck again where the note held steady before it, and not where it
    /// dipped as deep 200 ms before (a tremolo, dipping again and again).
    @Test func aSlowAttackCountsOnlyAfterASteadyNote() {
        func frames(_ loudness: [Float]) -> [PitchTracker.Frame] {
            loudness.enumerated().map { PitchTracker.Frame(time: Double($0.offset) * 0.008, candidates: [(7_400, 1)], rms: $0.element) }
        }
        let dip: [Float] = [0.8, 0.6, 0.45, 0.4, 0.5, 0.65, 0.8, 0.95, 1.05, 1.15, 1.25, 1.3, 1.2, 1.1, 1.0, 1.0, 1.0]
        let steady = [Float](repeating: 1, count: 40) + dip
        let trough = 40 + 3
        #expect(Transcriber.isStruckAgain(frames(steady), at: trough, since: 0))
        var wavering = steady
        for k in 14..<20 { wavering[k] = 0.5 }
        #expect(!Transcriber.isStruckAgain(frames(wavering), at: trough, since: 0))
        // A climb that stays under the note's loudness is no attack, however steady the note was.
        #expect(!Transcriber.isStruckAgain(frames(steady.map { min($0, 1) }), at: trough, since: 0))
    }

    /// A note that starts on the top of its vibrato's first swing, 130 cents sharp for 100 ms, then settles: one
    /// note from the start of the swing, not a short sharp note before it.
    @Test func aNotesFirstVibratoSwingIsItsStartNotANote() {
        let rate = 16_000.0
        var phase = 0.0
        let samples = (0..<Int(1.4 * rate)).map { i -> Float in
            let t = Double(i) / rate
            guard t >= 0.2, t < 1.3 else { return 0 }
            let midi = t < 0.7 ? 57.0 : t < 0.8 ? 60.3 : 59.0
            phase += 2 * .pi * 440 * pow(2, (midi - 69) / 12) / rate
            var s = 0.0
            for k in 1...4 { s += sin(Double(k) * phase) / Double(k * k) }
            return Float(0.3 * min(1, (t - 0.2) / 0.02, (1.3 - t) / 0.02) * s)
        }
        let notes = Transcriber.transcribe(Take(samples: samples, sampleRate: rate)).notes
        #expect(notes.map(\.midiNote) == [57, 59], "\(notes.map { ($0.midiNote, $0.onset, $0.offset, $0.cents) })")
        #expect(abs((notes.last?.onset ?? 0) - 0.7) < 0.05)
    }
}

/// What `songbridge-dev pitch-trace` prints: the frames as the transcriber hears them, and the notes of the same pass.
@Suite struct TranscriberTraceTests {
    @Test func theTraceHearsTheSungPitchesAndGivesTheSameNotes() {
        let sung = SungTake(notes: [(60, 0.5), (67, 0.5), (64, 0.5), (72, 0.5)])
        let (frames, transcription) = Transcriber.trace(sung.take)
        #expect(transcription.notes == Transcriber.transcribe(sung.take).notes)
        #expect(transcription.notes.map(\.midiNote) == [60, 67, 64, 72])
        // In the middle of each sung note, the decoded pitch is that note's.
        for note in sung.truth {
            let middle = (note.onset + note.offset) / 2
            let frame = frames.min { abs($0.time - middle) < abs($1.time - middle) }
            let pitch = frame?.pitch ?? 0                                    // none, or unvoiced: fails below
            #expect(abs(pitch - Double(note.midi) * 100) <= 50, "\(note.midi) at \(middle): \(pitch)")
        }
    }
}
