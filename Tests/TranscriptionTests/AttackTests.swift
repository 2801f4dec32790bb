import Foundation
import SongTesting
import Testing
@testable import Transcription

/// The rules that date a note from its attack (`Transcriber+Attacks.swift`), each on frames made to show it, as a
/// second SoundFont's voice (FluidR3_GM's Voice Oohs) sounds: a crossfade into the next note, heard as one pitch
/// sliding between the two, and an attack whose phases stray before its pitch is found.
@Suite struct AttackTests {
    /// Frames 8 ms apart, one candidate each at `cents`, with loudness `rms` and phase deviation `phase`.
    static func frames(cents: [Double], rms: [Float], phase: [Float]) -> [PitchTracker.Frame] {
        cents.indices.map { PitchTracker.Frame(time: Double($0) * 0.008, candidates: [(cents[$0], 1)], rms: rms[$0], phaseDeviation: phase[$0]) }
    }

    /// G4 sliding down to F4 under a crossfade (the pitches FluidR3_GM's voice gave at 3.27 s of Cân y Cwm): the new
    /// note began where the pitch jumped off G4, six frames before it passed 50 cents. A voice sagging through a note,
    /// 5–10 cents a frame, has no jump: the change stays where the pitch passed 50 cents.
    @Test func aChangeOfNoteIsDatedFromWhereItsSlideJumpedOff() {
        let slide: [Double?] = [6703, 6702, 6704, 6674, 6665, 6652, 6640, 6645, 6657, 6581, 6520, 6500]
        let crossed = 9
        #expect(Transcriber.glideStart(slide, at: crossed, from: 6702, to: 6500, after: 0) == 3)
        let sag: [Double?] = [7950, 7960, 7950, 7940, 7930, 7920, 7920, 7910, 7910, 7880, 7820, 7800]
        #expect(Transcriber.glideStart(sag, at: crossed, from: 7950, to: 7800, after: 0) == crossed)
        // Never at or before where the old note may end.
        #expect(Transcriber.glideStart(slide, at: crossed, from: 6702, to: 6500, after: 5) == crossed)
    }

    /// A held note (phases straying 3–6), then the next note's attack straying 15–45 for six frames before its
    /// pitch is found at frame 50: the note began at frame 44. In a rest the phases stray as much, but the frames are
    /// quiet: no attack is heard there. Where the held note's own phases stray as much (noise), nothing moves.
    @Test func anAttackIsHeardByItsPhasesBeforeItsPitch() {
        let held = [Float](repeating: 4, count: 44), loud = [Float](repeating: 0.3, count: 56)
        let phase = held + [15, 30, 20, 10, 45, 25] + [Float](repeating: 5, count: 6)
        let cents = [Double](repeating: 6700, count: 56)
        #expect(Transcriber.attackStart(Self.frames(cents: cents, rms: loud, phase: phase), before: 50, after: 20) == 44)
        var rest = loud
        for k in 44..<50 { rest[k] = 0.02 }
        #expect(Transcriber.attackStart(Self.frames(cents: cents, rms: rest, phase: phase), before: 50, after: 20) == 50)
        let noisy = [Float](repeating: 30, count: 44) + Array(phase[44...])
        #expect(Transcriber.attackStart(Self.frames(cents: cents, rms: loud, phase: noisy), before: 50, after: 20) == 50)
    }

    /// A note whose attack swells, dips by half 60 ms in and swells again (as FluidR3_GM's Voice Oohs does), sung
    /// once: one note, not two. The same dip 300 ms into the note is a note struck again.
    @Test func aNoteIsNotStruckAgainInItsOwnAttack() {
        let rate = 16_000.0
        func take(dipAt dip: Double) -> [TranscribedNote] {
            var phase = 0.0
            let samples = (0..<Int(1.2 * rate)).map { i -> Float in
                let t = Double(i) / rate
                guard t >= 0.2, t < 1.0 else { return 0 }
                phase += 2 * .pi * 392 / rate
                var s = 0.0
                for k in 1...4 { s += sin(Double(k) * phase) / Double(k * k) }
                // The dip: down to half over 24 ms, then up to twice the level before it over 40 ms.
                let d = t - 0.2 - dip
                let swell = d < 0 ? 0.5 : d < 0.024 ? 0.5 - 0.25 * d / 0.024 : d < 0.064 ? 0.25 + 0.75 * (d - 0.024) / 0.04 : 1
                return Float(0.3 * swell * min(1, (t - 0.2) / 0.01, (1.0 - t) / 0.02) * s)
            }
            return Transcriber.transcribe(Take(samples: samples, sampleRate: rate)).notes
        }
        let early = take(dipAt: 0.06)
        #expect(early.count == 1, "\(early.map { ($0.midiNote, $0.onset) })")
        let late = take(dipAt: 0.3)
        #expect(late.count == 2, "\(late.map { ($0.midiNote, $0.onset) })")
    }
}
