import SongCore

/// `basic`: the first band a draft gets. The melody on a flute, block chords on piano at each chord change
/// (struck again at each bar line), and the bass on the chord root or slash bass.
public struct BasicStyle: ArrangementStyle {
    public let name = "basic"
    public let summary = "Melody on flute, block piano chords at each change, bass on the roots."
    public let leadProgram = 73

    /// The basic style.
    public init() {}

    public func accompaniment(for chords: [ChordSpan]) -> [PerformanceTrack] {
        var piano = PerformanceTrack(name: "Piano", role: .chords, channel: 1, program: 0, volume: 80, pan: 54, reverb: 50)
        var bass = PerformanceTrack(name: "Bass", role: .bass, channel: 2, program: 32, volume: 95, pan: 70, reverb: 20)
        var voicing: [Int] = []
        for span in chords {
            guard let chord = span.symbol.chord else { continue }
            voicing = Voicing.next(chord, after: voicing)
            let bassKey = Voicing.bassKey(chord.bassNote)
            for (start, length) in Voicing.strikes(span) {
                for key in voicing { piano.notes.append(PerformanceNote(onset: start, duration: length, key: key, velocity: 62)) }
                bass.notes.append(PerformanceNote(onset: start, duration: length, key: bassKey, velocity: 84))
            }
        }
        return [piano, bass]
    }
}
