import SongCore

/// A style read from a style file: plays each part's pattern bar by bar over the song's chords.
/// Chord tones land where the pattern puts them; `approach` (a passing tone into the next chord) is only played
/// on weak beats; every note is kept inside its part's range; drums go on channel 10.
public struct DataStyle: ArrangementStyle {
    /// The style's definition.
    public let definition: StyleDefinition

    /// A style from its definition.
    public init(_ definition: StyleDefinition) { self.definition = definition }

    public var name: String { definition.name }
    public var summary: String { definition.about }
    public var leadProgram: Int { definition.leadProgram }

    public func accompaniment(for chords: [ChordSpan]) -> [PerformanceTrack] {
        guard let first = chords.first, let last = chords.last else { return [] }
        var tracks = definition.parts.map { p in
            PerformanceTrack(name: p.name.capitalized, role: p.channel == 9 ? .drums : (p.name == "bass" ? .bass : (p.name == "pad" ? .pad : .chords)),
                             channel: p.channel, program: p.program, bank: p.channel == 9 ? 128 : 0, volume: p.volume, pan: p.pan, reverb: p.reverb)
        }
        let end = last.at + last.duration
        // One voicing per chord change, led smoothly from the one before (not one per pattern event).
        var voicings: [[Int]] = []
        var led: [Int] = []
        for span in chords {
            if let chord = span.symbol.chord { led = Voicing.next(chord, after: led) }
            voicings.append(led)
        }
        var previousBass: [Int: Int] = [:]
        var barStart = first.barStart
        var barIndex = 0
        var noteCounter = 0
        while barStart < end {
            let span = DataStyle.index(of: barStart, in: chords).map { chords[$0] } ?? first
            guard let bar = span.meter.barLength, !bar.isZero else { break }
            let isFill = definition.fillEvery > 0 && (barIndex + 1) % definition.fillEvery == 0
            for (p, part) in definition.parts.enumerated() {
                let events = isFill && !part.fill.isEmpty ? part.fill : part.events
                for (e, event) in events.enumerated() {
                    // The pattern is written for the style's meter; in another meter only what fits the bar plays.
                    guard event.at < bar else { continue }
                    var time = barStart + event.at
                    guard time < end, let spanIndex = DataStyle.index(of: time, in: chords), let chord = chords[spanIndex].symbol.chord else { continue }
                    let nextAt = e + 1 < events.count ? min(barStart + events[e + 1].at, barStart + bar) : barStart + bar
                    var length = event.length ?? (nextAt - time)
                    if time + length > end { length = end - time }
                    guard length > .zero else { continue }
                    // Swing: off-beat eighths fall late.
                    if definition.swing > 0, (event.at / NoteLength(1, 8)).denominator == 1, (event.at / NoteLength(1, 4)).denominator != 1 {
                        let delay = NoteLength(Int((definition.swing * 96).rounded()), 96 * 8)
                        time += delay
                        length = length > delay ? length - delay : length
                    }
                    noteCounter += 1
                    let velocity = humanised(event.velocity, noteCounter)
                    let keys: [Int]
                    if part.channel == 9 {
                        keys = [StyleParser.drumKeys[event.tone] ?? Int(event.tone) ?? 38]
                    } else if event.tone == "chord" || event.tone.hasPrefix("arp") {
                        let placed = DataStyle.into(voicings[spanIndex], low: part.low, high: part.high)
                        if event.tone == "chord" {
                            keys = placed
                        } else {
                            let i = (Int(event.tone.dropFirst(3)) ?? 1) - 1
                            keys = [placed[i % placed.count] + 12 * (i / placed.count)].map { DataStyle.clamp($0, part.low, part.high) }
                        }
                    } else {
                        let isWeak = (event.at / span.meter.pulse).denominator != 1
                        var pc: Int
                        switch event.tone {
                        case "third": pc = chord.notes.count > 1 ? tone(chord, steps: 2) : chord.root.pitchClass
                        case "fifth": pc = tone(chord, steps: 4)
                        case "seventh": pc = chord.seventh == nil ? chord.root.pitchClass : tone(chord, steps: 6)
                        case "approach" where isWeak:
                            // A semitone below the next chord's bass: a passing tone, only off the beat.
                            let next = spanIndex + 1 < chords.count ? (chords[spanIndex + 1].symbol.chord ?? chord) : chord
                            pc = (next.bassNote.pitchClass + 11) % 12
                        case "octave", "root", "approach":
                            pc = chord.bassNote.pitchClass
                        default:
                            pc = chord.bassNote.pitchClass
                        }
                        if event.tone == "root" { pc = chord.bassNote.pitchClass }
                        let near = previousBass[p] ?? (part.low + 7)
                        var k = DataStyle.nearest(pc, to: near, low: part.low, high: part.high)
                        if event.tone == "octave" { k = DataStyle.clamp(k + 12, part.low, part.high) }
                        previousBass[p] = k
                        keys = [k]
                    }
                    for k in keys { tracks[p].notes.append(PerformanceNote(onset: time, duration: length, key: k, velocity: velocity)) }
                }
            }
            barStart += bar
            barIndex += 1
        }
        return tracks
    }

    /// The span sounding at `time` (spans are in time order), by binary search.
    static func index(of time: NoteLength, in spans: [ChordSpan]) -> Int? {
        var lo = 0, hi = spans.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if spans[mid].at <= time { lo = mid + 1 } else { hi = mid }
        }
        let i = lo - 1
        guard i >= 0, time < spans[i].at + spans[i].duration else { return nil }
        return i
    }

    /// Chords with more tones than a pattern voices (extensions and added notes beyond four) fall back to a plain
    /// voicing of root, third, fifth and seventh.
    public func warnings(for chords: [ChordSpan]) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for span in chords {
            guard let c = span.symbol.chord, c.intervals.filter({ $0.semitones < 12 }).count > 4 || c.extensionDegree != nil || !c.added.isEmpty else { continue }
            let name = c.symbol
            if seen.insert(name).inserted { out.append("the \(definition.name) style voices \(name) plainly (root, third, fifth and seventh)") }
        }
        return out
    }

    /// The pitch class of the chord tone `steps` letters above the root (2 the third, 4 the fifth, 6 the seventh).
    func tone(_ chord: Chord, steps: Int) -> Int {
        let interval = chord.intervals.first { ($0.steps % 7) == steps } ?? (steps == 4 ? .perfectFifth : .unison)
        return (chord.root.pitchClass + interval.semitones) % 12
    }

    /// A velocity varied by ± humanise, the same every time for the same note.
    func humanised(_ v: Int, _ n: Int) -> Int {
        guard definition.humanise > 0 else { return v }
        var x = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        let jitter = Int(x % UInt64(2 * definition.humanise + 1)) - definition.humanise
        return max(1, min(127, v + jitter))
    }

    /// The key of pitch class `pc` nearest `near` inside low…high.
    static func nearest(_ pc: Int, to near: Int, low: Int, high: Int) -> Int {
        var best = low + ((pc - low) % 12 + 12) % 12
        var k = best
        while k <= high {
            if abs(k - near) < abs(best - near) { best = k }
            k += 12
        }
        return clamp(best, low, high)
    }

    static func clamp(_ k: Int, _ low: Int, _ high: Int) -> Int {
        var k = k
        while k < low { k += 12 }
        while k > high { k -= 12 }
        return k
    }

    /// A voicing moved by octaves so that it sits inside low…high (notes that still stick out are folded in).
    static func into(_ voicing: [Int], low: Int, high: Int) -> [Int] {
        guard let lo = voicing.min(), let hi = voicing.max() else { return voicing }
        var shift = 0
        while lo + shift < low { shift += 12 }
        while hi + shift > high && lo + shift - 12 >= low { shift -= 12 }
        return voicing.map { clamp($0 + shift, low, high) }.sorted()
    }
}
