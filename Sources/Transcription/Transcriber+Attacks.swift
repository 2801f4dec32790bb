extension Transcriber {
    /// Where a change of note began, given `boundary`, the first frame whose pitch is more than 50 cents from the old
    /// note (`from`, as it ended): the earliest frame up to `glideFrames` before it from which the pitch slides from
    /// the old note towards the new one (`to`), each frame `glideLean` cents or more on its way, and which it left
    /// with a jump of 15 cents or more; never at `earliest` or before. Where a voice crossfades into its next note
    /// (FluidR3_GM's Voice Oohs), the old note's release and the new one's attack are heard as one pitch between the
    /// two that slides across for 50–80 ms: the new note began where the slide did, not where it passed 50 cents.
    /// The jump tells a slide from a voice's pitch sagging or settling through a note (TimGM6mb's voice drifts 40
    /// cents over 100 ms, 5–10 cents a frame).
    static func glideStart(_ pitches: [Double?], at boundary: Int, from: Double, to: Double, after earliest: Int) -> Int {
        let direction: Double = to > from ? 1 : -1
        var start = boundary, t = boundary - 1
        // Back over the slide: frames on their way to the new note (a wobble back of up to 25 cents allowed).
        while t > earliest, boundary - t <= glideFrames, let q = pitches[t], let later = pitches[t + 1],
              (q - from) * direction >= glideLean, (later - q) * direction >= -25 {
            start = t
            t -= 1
        }
        // Then forward to where it jumped off.
        while start < boundary {
            if start > 0, let q = pitches[start], let before = pitches[start - 1], (q - before) * direction >= 15 { break }
            start += 1
        }
        return start
    }

    /// Where a new note's attack began, given the frame it is first heard at by its pitch (`boundary`): the earliest
    /// frame up to 96 ms before it from which the low partials' phases stray (`SpectralFlux.phaseDeviation`) by
    /// `attackPhase` or more and by twice their median over the 200 ms before, one calmer frame allowed between;
    /// never at `earliest` or before, and only over frames at least half as loud as the note before (a crossfade, not
    /// a rest). A wave begun anew strays at once, while its pitch may not win the tracker until the old note's
    /// release has faded (Bello et al. 2005 on phase as an onset cue). In noise, where phases stray everywhere, the
    /// median and the loudness keep this from reaching back into a rest.
    static func attackStart(_ frames: [PitchTracker.Frame], before boundary: Int, after earliest: Int) -> Int {
        guard boundary > earliest + 1 else { return boundary }
        let before = frames[max(0, boundary - 37)...max(0, boundary - 13)]
        let reference = before.map(\.phaseDeviation).sorted(), levels = before.map(\.rms).sorted()
        let threshold = max(attackPhase, 2 * reference[reference.count / 2]), level = levels[levels.count / 2] / 2
        func straying(_ t: Int) -> Bool { frames[t].phaseDeviation >= threshold && frames[t].rms >= level }
        var start = boundary, t = boundary - 1
        while t > earliest, boundary - t <= 12 {
            if straying(t) { start = t } else if !(t - 1 > earliest && straying(t - 1)) { break }
            t -= 1
        }
        return start
    }

    /// How far a new attack's phases stray, at least (`attackStart`): a held voice strays 2–7, FluidR3_GM's Voice
    /// Oohs at a legato change of note 13–45.
    static let attackPhase: Float = 12

    /// How far towards the new note a frame's pitch has moved, at least, to be part of a slide (`glideStart`), and
    /// how far back the slide may reach (64 ms).
    static let glideLean = 20.0
    static let glideFrames = 8
}

extension Transcriber {
    /// Whether frame `t` is the trough of a break before the same note is sung or played again (a singer's consonant,
    /// a flautist's tongue): the note falls within 120 ms to `brokenTrough` of its loudness or lower, then climbs back
    /// to `brokenRecovery` of it within 80 ms, and it had not dipped like that before since it began (a swell
    /// may still have been rising). A tremolo's dips are as deep, but again and again; a breath is not followed by
    /// the same note so soon.
    static func isBrokenOff(_ frames: [PitchTracker.Frame], at t: Int, since start: Int) -> Bool {
        guard t - start >= 12, t + 10 < frames.count else { return false }
        let trough = frames[t].rms
        guard trough <= frames[t - 1].rms, frames[t + 1].rms > trough else { return false }
        // A rounded trough, where the old note's release meets the new one's attack; where layered voices beat, each
        // null is a sharp cusp (a high voice's falls and climbs by a third or more a frame either side).
        guard min(frames[t - 1].rms, frames[t + 1].rms) <= Self.roundedTrough * trough else { return false }
        let before = frames[max(start, t - 21)...(t - 4)].map(\.rms).max() ?? 0
        guard trough <= brokenTrough * before else { return false }
        // Where the fall begins (the last frame within 120 ms before the trough still at `brokenRecovery` of the
        // note) and where it has climbed back (the first within 80 ms after): both must be there.
        let held = { (k: Int) in frames[k].rms >= brokenRecovery * before }
        guard let fall = (max(start, t - 15)...(t - 1)).last(where: held), let back = ((t + 1)...(t + 10)).first(where: held) else { return false }
        // A release: the fall goes straight down (a voice's attack that overshoots and wobbles back does not).
        for k in fall..<t where frames[k + 1].rms > frames[k].rms * 1.05 { return false }
        // No dip as deep before the fall began, nor after it climbs back: a tremolo, or layered voices beating,
        // dips again within 130 ms.
        return neverSank(frames, max(start, t - 60)..<fall) && neverSank(frames, back..<min(frames.count, back + 17))
    }

    /// Whether, over `range`, the loudness never sank below `heldSteady` of its loudest so far (a swell may rise).
    static func neverSank(_ frames: [PitchTracker.Frame], _ range: Range<Int>) -> Bool {
        var loudest: Float = 0
        for k in range {
            loudest = max(loudest, frames[k].rms)
            if frames[k].rms < heldSteady * loudest { return false }
        }
        return true
    }

    /// How low a break before the same note takes the loudness, against the note before it (as `deepTrough`).
    static let brokenTrough: Float = 0.5
    /// And how far back it climbs, and how loud the note still was within 120 ms before the trough.
    static let brokenRecovery: Float = 0.8
    /// How near the trough one of its neighbours lies in a rounded trough. On `make bench-capture`, tried 1.12 (the
    /// flute 0.972 → 0.967, the high voice 0.904 → 0.905) and none (the high voice 0.898, the flute unchanged).
    static let roundedTrough: Float = 1.2
}
