/// Glitches: a skip in the audio (a browser that drops a buffer, or hands one on twice) leaves a held note's
/// waveform broken mid-cycle. The pitch tracker finds no period in the frames across the break, so for up to
/// 30 ms the note goes unvoiced, though nothing was sung differently, and would be heard as two notes.
extension Transcriber {
    /// The longest unvoiced stretch bridged, in frames (32 ms).
    static let longestGlitch = 4

    /// The decoded pitches with each glitch bridged: an unvoiced stretch of at most `longestGlitch` frames between
    /// two voiced frames within 60 cents of each other, as loud throughout as 60% of the note before it, and not
    /// followed by a swell (`attackSwell`, so a note sung again softly after a short break stays two).
    static func bridgingGlitches(_ frames: [PitchTracker.Frame], _ pitches: [Double?]) -> [Double?] {
        var out = pitches
        var t = 1
        while t < pitches.count {
            guard pitches[t] == nil, let before = pitches[t - 1] else { t += 1; continue }
            var end = t
            while end < pitches.count, pitches[end] == nil { end += 1 }
            defer { t = end + 1 }
            guard end < pitches.count, end - t <= longestGlitch, let after = pitches[end], abs(after - before) <= 60, t >= 5 else { continue }
            let level = frames[(t - 5)..<t].map(\.rms).sorted()[2]
            let quietest = frames[t..<end].map(\.rms).min() ?? 0
            let swell = frames[end...min(frames.count - 1, end + 10)].map(\.rms).max() ?? 0
            guard quietest >= 0.6 * level, swell < attackSwell * min(quietest, level) else { continue }
            for k in t..<end { out[k] = (before + after) / 2 }
        }
        return out
    }
}
