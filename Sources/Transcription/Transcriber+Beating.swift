/// Whether a take is layered voices beating. Layered voices (a choir, a room singing together) beat against each
/// other, so on a held note their loudness keeps sinking well below its swells: a quarter of their held frames are
/// under 0.43 to 0.51 of the loudest within 100 ms, where one voice stays above 0.56 to 0.71 (with vibrato, tremolo
/// high in a child's range, or noise at 10 dB) and a flute above 0.77. Measured on `make bench-capture`'s takes
/// (FluidSynth's Choir Aahs, Voice Oohs and flute) and on the made rooms of `BeatingTests`. On Choir Aahs the climbs
/// that mark a note struck again for one voice fired 461 times where nothing was sung again and 38 times where it
/// was: a swell says nothing there, and only a dip where the pitch blurs (a consonant, a breath) marks a note sung
/// again.
extension Transcriber {
    /// Whether a quarter of the take's held frames (the pitch within 60 cents for 100 ms either side) are quieter
    /// than `beatingDepth` of the loudest frame within 100 ms; false for a take that holds too few frames to tell.
    static func isBeating(_ frames: [PitchTracker.Frame], _ pitches: [Double?]) -> Bool {
        let span = 12
        guard frames.count > 2 * span else { return false }
        var depths: [Float] = []
        for t in span..<(frames.count - span) {
            guard let p = pitches[t] else { continue }
            var held = true
            for k in (t - span)...(t + span) {
                guard let q = pitches[k], abs(q - p) <= 60 else { held = false; break }
            }
            guard held else { continue }
            let loudest = frames[(t - span)...(t + span)].lazy.map(\.rms).max() ?? 0
            if loudest > 0 { depths.append(frames[t].rms / loudest) }
        }
        guard depths.count >= 100 else { return false }
        depths.sort()
        return depths[depths.count / 4] < beatingDepth
    }

    /// How far below its swells a quarter of a held note's frames sink when voices beat: between the 0.51 of the
    /// steadiest choir take measured and the 0.56 of the most tremulous single voice.
    static let beatingDepth: Float = 0.535
}
