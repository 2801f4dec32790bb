import SongCore

extension Arranger {
    /// How long the tune breaks before it sounds the same note again, in seconds: what a singer's consonant or a
    /// flautist's tongue takes (a stop consonant silences the voice for roughly 50–100 ms). Without it a voice
    /// struck again on its own key runs on unbroken in FluidSynth: a pad (Choir Aahs) or a flute barely dips, so
    /// two syllables sung on one pitch are heard as one long note, both by the people singing along and by the
    /// transcriber.
    static let repeatBreak = 0.06

    /// The tune as a musician plays it: each note that runs straight into the same key ends `repeatBreak` early
    /// (a quarter of its length at most, rounded to a 32nd of it), so the next one is heard as struck again. Tied
    /// notes were joined before this and are left whole; notes that move to another key are left legato.
    /// `seconds` gives the time, from the performance's start, of a point in the score.
    static func articulated(_ notes: [PerformanceNote], seconds: (NoteLength) -> Double) -> [PerformanceNote] {
        var out = notes
        // The next note on each key: notes sorted by onset, so the first later one on the same key is the next.
        let order = notes.indices.sorted { notes[$0].onset < notes[$1].onset }
        var nextOnKey: [Int: NoteLength] = [:]
        for i in order.reversed() {
            let n = notes[i]
            let end = n.onset + n.duration
            if let next = nextOnKey[n.key], next == end {
                let length = seconds(end) - seconds(n.onset)
                if length > 0 {
                    let share = min(0.25, repeatBreak / length)
                    let cut = Int((share * 32).rounded(.up))
                    out[i].duration = n.duration * NoteLength(32 - min(8, cut), 32)
                }
            }
            nextOnKey[n.key] = n.onset
        }
        return out
    }
}
