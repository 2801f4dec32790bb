import Foundation

/// Audio to notes, in Swift and in process: pitch candidates by probabilistic YIN, a Viterbi-smoothed pitch track
/// with an unvoiced state, one tuning offset for the take, then notes: a note changes when the pitch settles a
/// semitone or more away (so vibrato and glides do not split it), or when the voice re-attacks the same pitch
/// (a dip in loudness, or a burst of new sound across its spectrum), and short fragments are dropped.
public enum Transcriber {
    /// The shortest note kept, in seconds.
    public static let shortestNote = 0.06

    /// The take's notes.
    public static func transcribe(_ take: Take) -> Transcription { heard(take).transcription }

    /// The take as the transcriber hears it, in one pass: its frames, each frame's decoded pitch (nil where
    /// unvoiced), and the notes made from them (`transcribe`, and `trace` for studying a take).
    static func heard(_ take: Take) -> (frames: [PitchTracker.Frame], pitches: [Double?], transcription: Transcription) {
        let frames = PitchTracker.frames(take.concealingDropouts().resampled(to: PitchTracker.sampleRate))
        guard !frames.isEmpty else { return ([], [], Transcription(notes: [], tuningCents: 0, seconds: take.seconds)) }
        // Silence: quieter than 45 dB below the take's loudest frame, or than −70 dBFS.
        let peak = frames.map(\.rms).max() ?? 0
        let silence = max(peak * 0.0056, 0.0003)
        let pitches = bridgingGlitches(frames, PitchPath.decode(frames, silenceRMS: silence))
        var notes = mergingVibratoFragments(mergingOctaveSlips(mergingMixtures(segment(frames, pitches))))
        // The tuning from the notes' medians (a frame-by-frame mean is lost in vibrato and glides), then each note
        // named by the semitone nearest once it is allowed for.
        let tuning = tuningOffset(notes.map { ($0.cents, $0.offset - $0.onset) })
        for i in notes.indices {
            let position = (notes[i].cents - tuning) / 100
            let nearest = position.rounded()
            notes[i].midiNote = Int(nearest)
            notes[i].confidence *= 1 - abs(position - nearest)               // halfway between two notes is doubtful
        }
        return (frames, pitches, Transcription(notes: notes, tuningCents: tuning, seconds: take.seconds))
    }

    /// The take's offset from concert pitch: the circular mean, weighted by length, of each note's distance from its
    /// nearest semitone (circular, so −49 and +49 cents are near each other, not far apart).
    static func tuningOffset(_ notes: [(cents: Double, seconds: Double)]) -> Double {
        var s = 0.0, c = 0.0
        for (cents, seconds) in notes {
            let angle = 2 * Double.pi * cents / 100
            s += seconds * sin(angle)
            c += seconds * cos(angle)
        }
        guard s != 0 || c != 0 else { return 0 }
        return atan2(s, c) * 100 / (2 * .pi)
    }

    /// Notes from the pitch track. Each voiced frame's pitch is first smoothed by the median over about 180 ms (one
    /// vibrato cycle at 5.5 Hz) within its voiced run, so vibrato averages out. The run is then cut into cores where
    /// the smoothed pitch holds within 60 cents for at least 50 ms; what lies between two cores (a glide, a scoop)
    /// belongs to the later note from where the sung pitch first leaves the earlier one. A dip in loudness on a held
    /// pitch starts a new note of the same pitch.
    static func segment(_ frames: [PitchTracker.Frame], _ pitches: [Double?]) -> [TranscribedNote] {
        let hop = Double(PitchTracker.hop) / PitchTracker.sampleRate
        let settle = max(3, Int((0.05 / hop).rounded()))               // frames a pitch must hold (50 ms)
        let half = Int((0.09 / hop).rounded())
        // A voice struck again after a break may scoop up to its note: its first 32 ms are not asked to hold the pitch
        // (a low voice's repeated notes after a break, `make bench-capture` transpose −12: 0.971 → 1.000).
        let scoop = 4
        var notes: [TranscribedNote] = []
        // Layered voices beat: their swells are not notes sung again, nor are their dips unless the pitch blurs.
        let beating = isBeating(frames, pitches)

        func note(_ range: ClosedRange<Int>, pitchFrom: Int) {
            let sung = (max(range.lowerBound, min(pitchFrom, range.upperBound))...range.upperBound).compactMap { pitches[$0] }.sorted()
            guard !sung.isEmpty else { return }
            let onset = frames[range.lowerBound].time - hop / 2, offset = frames[range.upperBound].time + hop / 2
            guard offset - onset >= shortestNote else { return }
            let median = sung[sung.count / 2]
            let voiced = range.reduce(0.0) { $0 + frames[$1].voicedProbability } / Double(range.count)
            notes.append(TranscribedNote(onset: onset, offset: offset, midiNote: Int((median / 100).rounded()), cents: median,
                                         confidence: max(0, min(1, voiced))))
        }

        /// Where a note at `cents` found to start at `frame` was first heard: the earliest frame, going back up to
        /// 300 ms and never to `earliest` or before, whose candidates hold that pitch (within 60 cents, with a
        /// probability of 2% or more), or an undertone of it (a half, third... sixth of its frequency) that is not
        /// the note before (`previous`): a note's attack sounding with the last note's release repeats at the two's
        /// common period (F2 for F4 then A4), and a flute's attack an octave below. One frame with neither may lie
        /// between.
        func firstHeard(_ cents: Double, from frame: Int, after earliest: Int, previous: Double?) -> Int {
            func holds(_ t: Int) -> Bool {
                frames[t].holds(cents) || frames[t].candidates.contains { c in
                    c.probability >= 0.02 && isUndertone(c.cents, of: cents) && (previous.map { abs(c.cents - $0) > 60 } ?? true)
                }
            }
            var heard = frame, t = frame - 1
            while t > earliest, frame - t < 38 {
                if holds(t) { heard = t } else if !(t - 1 > earliest && holds(t - 1)) { break }
                t -= 1
            }
            return heard
        }

        var runStart = 0, lastEnd = -1
        while runStart < pitches.count {
            guard pitches[runStart] != nil else { runStart += 1; continue }
            var runEnd = runStart
            while runEnd + 1 < pitches.count, pitches[runEnd + 1] != nil { runEnd += 1 }
            let smooth = (runStart...runEnd).map { t -> Double in
                let window = pitches[max(runStart, t - half)...min(runEnd, t + half)].compactMap { $0 }.sorted()
                return window[window.count / 2]
            }
            // Cores: stretches where the smoothed pitch holds, split again where the voice re-attacks.
            var cores: [(range: ClosedRange<Int>, cents: Double, reattacked: Bool)] = []
            var coreStart = runStart
            var reattack = false
            while coreStart <= runEnd {
                let reference = smooth[coreStart - runStart]
                var t = coreStart
                var values: [Double] = []
                var endedByReattack = false
                // The pitch the core holds: the median of its last 400 ms (bounded, so a long drone stays cheap).
                func held() -> Double {
                    let recent = values.suffix(50).sorted()
                    return recent.isEmpty ? reference : recent[recent.count / 2]
                }
                while t <= runEnd, abs(smooth[t - runStart] - held()) <= 60 {
                    // A re-attack only if the same pitch goes on from 32 to 100 ms after it (the next note's attack, heard
                    // before its pitch is, is not one), and not within the note's own first 96 ms: no one sings a
                    // note again so soon, and a voice whose attack swells, dips and swells again (FluidR3_GM's Voice
                    // Oohs) would be heard as two notes (its COnP on `make bench-capture` 0.881 → 0.903).
                    if t - coreStart >= 2 * settle, isReattack(frames, at: t, since: coreStart, beating: beating)
                        || !beating && (isStruckAgain(frames, at: t, since: coreStart) || isBrokenOff(frames, at: t, since: coreStart))
                        || isFreshAttack(frames, at: t, since: coreStart) {
                        let held = held()
                        if t + 2 * settle <= runEnd,
                           ((t + scoop)...(t + 2 * settle)).compactMap({ pitches[$0] }).allSatisfy({ abs($0 - held) <= 60 }) {
                            endedByReattack = true; break
                        }
                    }
                    values.append(smooth[t - runStart])
                    t += 1
                }
                if t - coreStart >= settle { cores.append((coreStart...(t - 1), values.sorted()[values.count / 2], reattack)) }
                reattack = endedByReattack
                coreStart = max(t, coreStart + 1)
            }
            guard !cores.isEmpty else { runStart = runEnd + 1; continue }
            // Notes: each core with the frames before it back to where the pitch left the core before.
            // The run's first note, too, from where its pitch was first among the candidates (a slow attack, or the
            // last note's release, leaves the frames before it unvoiced), back to the last note's end at most.
            let last = lastEnd >= 0 ? notes.last?.cents : nil
            var start = firstHeard(cores[0].cents, from: runStart, after: lastEnd, previous: runStart - lastEnd < 40 ? last : nil)
            if let last {
                // A slow attack under the last note's release: the new note from where the last one's pitch has gone
                // from the candidates (in noise, a held note may go on unvoiced while its pitch is still there). Where
                // voices beat, the last pitch flickers back in the new note's swell: it has gone at its first absence.
                var end = lastEnd
                for t in (lastEnd + 1)..<max(lastEnd + 1, start) {
                    if frames[t].holds(last, probability: 0.3) { end = t } else if beating { break }
                }
                if isLegatoGap(frames, from: end, to: start) { start = end + 1 }
                // A note that follows closely (within 250 ms) from where its attack began, the last note's end at most.
                if start - lastEnd <= 32 { start = min(start, attackStart(frames, before: start, after: lastEnd)) }
            }
            // Where each note's pitch is read from: its slide in from the note before (`glideStart`) left out.
            var pitchStart = start
            for (k, core) in cores.enumerated() {
                if k > 0 {
                    let previous = cores[k - 1]
                    var boundary = previous.range.upperBound + 1
                    // Where the pitch crossed 50 cents, when the note is dated back to the start of its slide.
                    var slideEnd: Int?
                    if abs(core.cents - previous.cents) > 60 {
                        while boundary < core.range.lowerBound, let q = pitches[boundary], abs(q - previous.cents) <= 50 { boundary += 1 }
                        // An instrument's or a choir's new note is heard before it wins the tracker: among the frames'
                        // candidates, as the old note fades.
                        let crossed = boundary
                        boundary = firstHeard(core.cents, from: boundary, after: previous.range.lowerBound + settle, previous: previous.cents)
                        // Else a slide between the two, the old note's release sounding with the new one's attack.
                        if boundary == crossed {
                            // The old note as it ended, 50–100 ms before its pitch left (a voice's pitch may settle or sag
                            // through a note, and the slide itself is not the old note).
                            let ending = (max(previous.range.lowerBound, crossed - 2 * settle)...max(previous.range.lowerBound, crossed - settle))
                                .compactMap { pitches[$0] }.sorted()
                            boundary = glideStart(pitches, at: boundary, from: ending.isEmpty ? previous.cents : ending[ending.count / 2], to: core.cents,
                                                  after: previous.range.lowerBound + settle)
                            slideEnd = crossed
                        }
                        // And the attack itself may be heard before any pitch is.
                        boundary = min(boundary, attackStart(frames, before: boundary, after: previous.range.lowerBound + settle))
                        if beating { boundary = releaseStart(frames, before: boundary, after: previous.range.lowerBound + settle) }
                    } else if core.reattacked {
                        boundary = core.range.lowerBound             // the same pitch sung again
                    } else {
                        continue                                     // the same note, after a wobble
                    }
                    note(start...(boundary - 1), pitchFrom: pitchStart)
                    start = boundary
                    pitchStart = max(boundary, slideEnd ?? boundary)
                }
            }
            note(start...runEnd, pitchFrom: pitchStart)
            lastEnd = runEnd
            runStart = runEnd + 1
        }
        return notes
    }

    /// Where voices beat, a legato change of note is heard late: the old note's release holds the pitch tracker
    /// while the new note swells under it. The change is where the old note let go: the frame after the last swell
    /// within 120 ms before `boundary` whose loudness falls to `releaseFall` of it or lower before `boundary`, never
    /// at `earliest` or before; `boundary` itself where there is none. On `make bench-capture`: Choir Aahs COnP
    /// 0.720 → 0.754 (falls to 60% gave 0.717, 75% 0.745, 90% 0.750; 80 ms back 0.746, 160 ms 0.749). Only takes
    /// heard as beating change.
    static func releaseStart(_ frames: [PitchTracker.Frame], before boundary: Int, after earliest: Int) -> Int {
        guard boundary < frames.count else { return boundary }
        var quietest = Float.infinity
        var p = boundary - 1
        while p > earliest, boundary - p <= 15 {
            if p + 1 < boundary { quietest = min(quietest, frames[p + 1].rms) }
            if frames[p].rms >= frames[p - 1].rms, frames[p].rms >= frames[p + 1].rms, quietest <= Self.releaseFall * frames[p].rms { return p + 1 }
            p -= 1
        }
        return boundary
    }

    /// How far a note's release falls below its last swell, at least (`releaseStart`): to 85% of it.
    static let releaseFall: Float = 0.85

    /// Whether the unvoiced frames after `end` and before `start` (where the last note's pitch left the candidates,
    /// and where the next note's pitch is first heard) are that note's slow attack rather than a break: at most
    /// 250 ms, never quieter than `legatoLevel` of the last note's level over its last 200 ms, and with some pitch in
    /// them (a mean voiced probability of 2% or more; pYIN gives noise 1% at most). A choir's swelling attack,
    /// sounding with the last note's release, has no clear pitch for up to 200 ms; a breath or a rest falls far
    /// quieter. On the accuracy set: Choir Aahs COnP 0.25 -> 0.54 (0.48 with a floor of 5%), flute 0.88 -> 0.92,
    /// others unchanged but 10 dB SNR (0.86 -> 0.85). A floor of 2% was first taken back when the browser test
    /// heard 11 notes for 10 under load; the cause was a starved browser's dropouts (`Take+Dropouts.swift`,
    /// `Transcriber+Glitches.swift`), not this floor. A held note that noise leaves unvoiced stays its own for as
    /// long as its pitch keeps a probability of 0.3 among a frame's candidates, and only what follows can be the next
    /// note's attack.
    static func isLegatoGap(_ frames: [PitchTracker.Frame], from end: Int, to start: Int) -> Bool {
        guard end >= 2, start - end > 1, start - end <= 32 else { return false }
        let held = frames[max(0, end - 25)...end].map(\.rms).sorted()
        let level = held[held.count / 2]
        let gap = frames[(end + 1)..<start]
        let quietest = gap.map(\.rms).min() ?? 0
        let pitched = gap.reduce(0.0) { $0 + $1.voicedProbability } / Double(gap.count)
        return quietest >= legatoLevel * level && pitched >= 0.02
    }

    /// How loud a legato gap stays, at least, against the note before it (`isLegatoGap`): 0.4 and 0.6 found fewer
    /// of a choir's attacks (0.53 and 0.41 where 0.3 gives 0.57, before the last note's pitch was allowed for).
    static let legatoLevel: Float = 0.3

    /// Whether `low` (cents) is an undertone of `high`: `high`'s frequency a whole multiple (2 to 6) of it, within 40 cents.
    static func isUndertone(_ low: Double, of high: Double) -> Bool {
        let ratio = pow(2, (high - low) / 1200)
        let whole = ratio.rounded()
        return whole >= 2 && whole <= 6 && abs(1200 * log2(ratio / whole)) <= 40
    }

    /// A short note at a common undertone of the notes either side of it (each an octave or more above it, at a whole
    /// multiple of its frequency: E4 between E5 and B5, whose 659 and 988 Hz repeat together every 3.03 ms) is the
    /// old note's release sounding with the new note's attack, whose mixture repeats at that common period and
    /// wins the pitch tracker for up to 150 ms, not a note: it is the next note's start. A room's echo or a
    /// synthesised voice's release makes these at leaps of a fourth, fifth, sixth or octave; a singer's note that
    /// falls an octave and more below both its neighbours for so short a time is rare.
    static func mergingMixtures(_ notes: [TranscribedNote]) -> [TranscribedNote] {
        guard notes.count >= 3 else { return notes }
        var out: [TranscribedNote] = [notes[0]]
        var i = 1
        while i < notes.count {
            let n = notes[i]
            if i + 1 < notes.count, n.offset - n.onset <= 0.15, n.onset - notes[i - 1].offset < 0.02, notes[i + 1].onset - n.offset < 0.02,
               isUndertone(n.cents, of: notes[i - 1].cents), isUndertone(n.cents, of: notes[i + 1].cents),
               abs(notes[i + 1].cents - notes[i - 1].cents) > 60 {
                var next = notes[i + 1]
                next.onset = n.onset
                out.append(next)
                i += 2
                continue
            }
            out.append(n)
            i += 1
        }
        return out
    }

    /// A short note an octave from the note it runs into (or out of) is the pitch tracker slipping an octave at an
    /// attack or a release, not a note: it is given to that neighbour.
    static func mergingOctaveSlips(_ notes: [TranscribedNote]) -> [TranscribedNote] {
        var out: [TranscribedNote] = []
        var i = 0
        while i < notes.count {
            let n = notes[i]
            let isOctaveFrom: (TranscribedNote) -> Bool = { abs(abs($0.cents - n.cents) - 1200) <= 60 }
            if n.offset - n.onset < 0.2, i + 1 < notes.count, notes[i + 1].onset - n.offset < 0.02, isOctaveFrom(notes[i + 1]) {
                var next = notes[i + 1]
                next.onset = n.onset
                out.append(next)
                i += 2
                continue
            }
            if n.offset - n.onset < 0.2, let last = out.last, n.onset - last.offset < 0.02, isOctaveFrom(last) {
                out[out.count - 1].offset = n.offset
                i += 1
                continue
            }
            out.append(n)
            i += 1
        }
        return out
    }

    /// Whether frame `t` is a new attack on a held pitch without a gap (a synth voice or an instrument started again
    /// on the same note): at a trough in loudness, it climbs within 40 ms to 1.6 times the trough and above the
    /// loudest the note was over the 170 ms before (a fresh attack; a tremolo's swing or a swell stays below).
    /// A deep trough (half the note's loudness or less) in a note that held steady before it may take 64 ms to climb:
    /// a flute or whistle tongued again on its note swells slower than a voice (flute COnP 0.919 → 0.929 on
    /// `make bench-capture`; a high voice's tremolo dips as deep, but again and again, so it never held steady).
    /// A shallower trough (three quarters or less) in a steady note counts where the note's phase strays as a wave
    /// begun anew does (`phaseStray`): a flute tongued again whose loudness dips to only 60–70% (COnP 0.929 → 0.940).
    static func isStruckAgain(_ frames: [PitchTracker.Frame], at t: Int, since start: Int) -> Bool {
        guard t - start >= 8, t + 5 < frames.count else { return false }
        let before = frames[max(start, t - 21)...(t - 4)].map(\.rms).max() ?? 0
        // From a trough, climbing within 40 ms; or, with no trough (the old note still sounding), climbing steeply:
        // by 45% within 24 ms, from where the climb begins.
        if frames[t].rms <= frames[t - 1].rms, frames[t + 1].rms > frames[t].rms {
            let trough = frames[(t - 3)...t].map(\.rms).min() ?? 0
            let after = frames[(t + 1)...(t + 5)].map(\.rms).max() ?? 0
            if after >= 1.6 * trough && after >= 1.15 * before { return true }
            // In a note that held steady, a slower climb past the note within 64 ms: from a deep trough, or from a
            // shallower one where the wave begins anew.
            if t - start >= 14, trough <= Self.shallowTrough * before,
               (frames[max(start + 6, t - 40)...(t - 6)].map(\.rms).min() ?? 0) >= Self.heldSteady * before {
                let climb = frames[(t + 1)...min(frames.count - 1, t + 8)].map(\.rms).max() ?? 0
                if trough <= Self.deepTrough * before, climb >= 1.15 * before { return true }
                if climb >= 1.1 * before {
                    let stray = frames[(t - 2)...(t + 4)].map(\.phaseDeviation).max() ?? 0
                    let around = frames[max(0, t - 25)...min(frames.count - 1, t + 25)].map(\.phaseDeviation).sorted()
                    if stray >= Self.phaseStray, stray >= Self.phaseStrayRatio * around[around.count / 2] { return true }
                }
            }
        }
        let steep = frames[t + 3].rms
        return frames[t - 1].rms * 1.05 >= frames[t].rms && frames[t + 1].rms > frames[t].rms * 1.05
            && steep >= 1.45 * frames[t].rms && steep >= 1.15 * before
    }

    /// A trough this deep against the note's loudness before it may be a slow attack (a flute's); tried 0.35–0.55:
    /// 0.55 split a high voice's held notes, below 0.45 found fewer of the flute's.
    static let deepTrough: Float = 0.5
    /// A shallower trough than `deepTrough` is an attack when the wave begins anew there (`phaseStray`). Tried:
    /// 0.75 (flute COnP 0.940), 0.85 (0.940), 0.9 with any climb (0.931, and the child's range 0.919 → 0.913).
    static let shallowTrough: Float = 0.75
    /// How far a note's phase strays at an instrument's new attack: at least this much (per cent of a half turn,
    /// weighted by magnitude; a held flute strays 2–4, a flute tongued again 7–12) and `phaseStrayRatio` times
    /// the median of the 400 ms around it. 5 or 6 with a ratio of 2.5 found a few more of the flute's and split a
    /// high voice's held notes (the child's range 0.919 → 0.917); a ratio of 3 splits none.
    static let phaseStray: Float = 6
    static let phaseStrayRatio: Float = 3
    /// A note held steady never sank below this share of its loudness over the 300 ms before a dip (a tremolo does).
    static let heldSteady: Float = 0.6

    /// How far above the flux around it a fresh attack's flux stands. On the accuracy set (`make bench-capture`):
    /// 2.5 split a held C5 into six; 3 to 4 gained most on clean voices but split high voices under their tremolo;
    /// 4.5 gains on every condition it changes (clean 0.956 → 0.983, vibrato, reverb, high and low voices) and
    /// costs none.
    static let fluxRatio: Float = 4.5
    /// And above this much flux in itself (on the take brought to a peak of 1): an attack of FluidSynth's Voice Oohs
    /// struck again brings 70–90, the held voice about 9 (15 at most); a steady tone with a tremolo barely 6, where
    /// a ratio of its median alone would find attacks in nothing.
    static let fluxFloor: Float = 40

    /// Whether frame `t` is a fresh attack by its spectrum, on a held pitch (a voice, flute or synth struck again
    /// without a break, whose loudness hardly dips): its spectral flux is the largest within 24 ms either side and
    /// at least `fluxRatio` times the median of the 400 ms around it, and at least `fluxFloor`.
    static func isFreshAttack(_ frames: [PitchTracker.Frame], at t: Int, since start: Int) -> Bool {
        guard t - start >= 8, t + 3 < frames.count, t >= 3 else { return false }
        let f = frames[t].flux
        guard f >= fluxFloor else { return false }                      // most frames: no sorting
        for k in (t - 3)...(t + 3) where k != t && frames[k].flux >= f { return false }
        let last = frames.count - 1
        // A click (a dropped buffer, a knock on the table) lights up the spectrum as much as an attack, but breaks
        // the wave's period for a frame or two only, where an attack blurs it for longer or not at all.
        if t + 2 <= last, frames[t - 2].voicedProbability >= 0.95, frames[t + 2].voicedProbability >= 0.95,
           frames[(t - 1)...(t + 1)].contains(where: { $0.voicedProbability < 0.9 }) { return false }
        // And a new attack swells (often after the old note is cut off under it), where after a click the note goes
        // on as loud as before.
        let trough = frames[(t - 3)...min(last, t + 4)].map(\.rms).min() ?? 0
        let swell = frames[(t + 1)...min(last, t + 10)].map(\.rms).max() ?? 0
        guard swell >= attackSwell * trough else { return false }
        // Nor where the note is let go: a release's first frame may light up the spectrum too, but nothing after it
        // is louder than it (a high voice's note let go before it is sung again was taken to start there, 90 ms
        // early; `make bench-capture` transpose +12: 0.904 → 0.908).
        guard swell > frames[t].rms else { return false }
        let around = frames[max(0, t - 25)...min(frames.count - 1, t + 25)].map(\.flux).sorted()
        return f >= fluxRatio * around[around.count / 2]
    }

    /// How much louder a fresh attack's next 80 ms become at their loudest than the quietest frame from 24 ms before
    /// it to 32 ms after. FluidSynth's voices struck again swell by 1.2 to 3 (the old voice cut off, the new one
    /// rising); a dropped buffer or a skip in a held note by 1.0 to 1.09.
    static let attackSwell: Float = 1.15

    /// A fragment under 120 ms that runs straight into the next note, within a semitone and a half of it, is the
    /// first swing of that note's vibrato (or its scoop) heard before the note settles, not a note: it is the next
    /// note's start.
    static func mergingVibratoFragments(_ notes: [TranscribedNote]) -> [TranscribedNote] {
        var out: [TranscribedNote] = []
        var carried: Double?
        for (i, n) in notes.enumerated() {
            if i + 1 < notes.count, n.offset - n.onset < 0.12, notes[i + 1].onset - n.offset < 0.02,
               abs(notes[i + 1].cents - n.cents) <= 150, notes[i + 1].midiNote != n.midiNote {
                carried = carried ?? n.onset
                continue
            }
            var kept = n
            if let start = carried { kept.onset = start }
            carried = nil
            out.append(kept)
        }
        return out
    }

    /// Whether frame `t` starts a new attack on a held pitch: over the last 40 ms the loudness fell below a quarter of
    /// its peak since the note began (within the last 2 s) and the pitch blurred, and from here it climbs back to at
    /// least 60% of that peak (a release tail, or a voice's tremolo, does not climb back).
    static func isReattack(_ frames: [PitchTracker.Frame], at t: Int, since start: Int, beating: Bool) -> Bool {
        guard t >= 2, t + 2 < frames.count else { return false }
        let before = frames[max(start, t - 250)..<t].map(\.rms).max() ?? 0          // the peak over the last 2 s at most
        let dip = frames[max(start, t - 5)..<t].map(\.rms).min() ?? 0
        let after = frames[t...min(frames.count - 1, t + 6)].map(\.rms).max() ?? 0
        // And the pitch blurs in the dip (a consonant, a breath). Where layered voices beat, each null of the beating
        // blurs it for a frame, so there it must blur for two.
        let blurred = frames[max(start, t - 5)..<t].filter { $0.voicedProbability < 0.6 }.count
        return dip < 0.25 * before && after >= 0.6 * before && frames[t].rms > frames[t - 1].rms && frames[t - 1].rms <= dip * 1.2
            && blurred >= (beating ? 2 : 1)
    }
}
