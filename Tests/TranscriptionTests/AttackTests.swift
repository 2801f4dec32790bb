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

    /// A sung-like wave at `phase`: four partials, each the square of its number softer.
    static func partials(_ phase: Double) -> Double {
        (1...4).reduce(0) { $0 + sin(Double($1) * phase) / Double($1 * $1) }
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
                let s = Self.partials(phase)
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

    /// Loudness frames of a note held at 0.26, let go (falling by an eighth a frame, as a release does) and struck
    /// again on the same pitch at `trough`, climbing back to its level within 64 ms and held.
    static func broken(trough: Int = 40) -> [Float] {
        var rms = [Float](repeating: 0.26, count: trough - 7)
        for k in 1...8 { rms.append(0.26 * pow(0.88, Float(k))) }                  // 0.093 at the trough
        rms += [0.096, 0.13, 0.17, 0.21, 0.24, 0.26] + [Float](repeating: 0.26, count: 30)
        return rms
    }

    static func loudness(_ rms: [Float]) -> [PitchTracker.Frame] {
        frames(cents: [Double](repeating: 6900, count: rms.count), rms: rms, phase: [Float](repeating: 3, count: rms.count))
    }

    /// A break before the same note (a flautist's tongue, a singer's consonant): the note held steady, fell to a
    /// third as a release does, and climbed back. Not where the note dipped as deep before (a tremolo), nor where
    /// it dips again soon after (layered voices beating), nor at a sharp cusp, nor where the fall wobbles.
    @Test func aBreakBeforeTheSameNoteIsHeardButATremoloIsNot() {
        func heard(_ rms: [Float], at t: Int = 40) -> Bool { Transcriber.isBrokenOff(Self.loudness(rms), at: t, since: 0) }
        #expect(heard(Self.broken()))
        #expect(!heard(Self.broken(), at: 38))                                      // on its way down
        var tremolo = Self.broken()
        for k in 20...23 { tremolo[k] = 0.12 }
        #expect(!heard(tremolo))
        var again = Self.broken()
        for k in 52...54 { again[k] = 0.12 }
        #expect(!heard(again))
        var cusp = Self.broken()
        cusp[39] = 0.14; cusp[41] = 0.14
        #expect(!heard(cusp))
        var wobble = Self.broken()
        wobble[36] = 0.2
        #expect(!heard(wobble))
    }

    /// A take of one pitch (G4, four partials) sounded twice: the first note let go at 0.64 s (its release falling
    /// to a third over 60 ms) and the second begun at 0.7 s on a new wave, swelling over 50 ms to `level` times the
    /// first, its first `scoop` seconds sliding up from two semitones below. Its notes.
    static func sungTwice(level: Double, scoop: Double = 0) -> [TranscribedNote] {
        let rate = 16_000.0
        var first = 0.0, second = 1.3
        let samples = (0..<Int(1.4 * rate)).map { i -> Float in
            let t = Double(i) / rate
            var s = 0.0
            if t >= 0.2 {
                first += 2 * .pi * 392 / rate
                let envelope = min(1, (t - 0.2) / 0.02) * (t < 0.64 ? 1 : exp(-(t - 0.64) / 0.055))
                s += envelope * Self.partials(first)
            }
            if t >= 0.7, t < 1.3 {
                let d = t - 0.7
                second += 2 * .pi * 392 * pow(2, d < scoop ? -2 * (1 - d / scoop) / 12 : 0) / rate
                let envelope = level * min(1, d / 0.05) * min(1, (1.3 - t) / 0.02)
                s += envelope * Self.partials(second)
            }
            return Float(0.3 * s)
        }
        return Transcriber.transcribe(Take(samples: samples, sampleRate: rate)).notes
    }

    /// Let go and struck again at the same loudness: two notes, the second from where it was struck.
    @Test func aNoteLetGoAndStruckAgainIsTwoNotes() throws {
        let notes = Self.sungTwice(level: 1)
        #expect(notes.map(\.midiNote) == [67, 67], "\(notes.map { ($0.midiNote, $0.onset) })")
        let again = try #require(notes.last)
        #expect(abs(again.onset - 0.7) <= 0.05, "\(again.onset)")
    }

    /// Struck again louder, with a scoop up to the note over its first 40 ms (a low voice after a break): the scoop
    /// does not keep it from being the same note struck again (with no frames left out for it, this is one note).
    @Test func aNoteStruckAgainWithAScoopIsTwoNotes() throws {
        let notes = Self.sungTwice(level: 1.6, scoop: 0.04)
        #expect(notes.map(\.midiNote) == [67, 67], "\(notes.map { ($0.midiNote, $0.onset) })")
        let again = try #require(notes.last)
        #expect(abs(again.onset - 0.7) <= 0.05, "\(again.onset)")
    }

    /// A burst of new sound across the spectrum on a held pitch is a fresh attack where the note swells after it;
    /// where the note is let go there and only falls after it (a release's first frame), it is not.
    @Test func aNoteLetGoIsNotAFreshAttack() {
        func frames(after: (Int) -> Float) -> [PitchTracker.Frame] {
            (0..<60).map { k in
                PitchTracker.Frame(time: Double(k) * 0.008, candidates: [(6900, 1)], rms: k <= 30 ? 0.2 : after(k - 30),
                                   flux: k == 30 ? 60 : 9, phaseDeviation: 3)
            }
        }
        let struck = frames { k in min(0.3, 0.12 + 0.03 * Float(k)) }
        #expect(Transcriber.isFreshAttack(struck, at: 30, since: 0))
        let letGo = frames { k in 0.2 * pow(0.9, Float(k)) + (k > 8 ? 0.03 : 0) }
        #expect(!Transcriber.isFreshAttack(letGo, at: 30, since: 0))
    }
}
