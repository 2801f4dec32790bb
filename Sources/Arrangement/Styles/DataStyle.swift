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
        accompaniment(for: chords, context: AccompanimentContext(songStart: chords.first?.barStart ?? .zero))
    }

    /// The parts over `chords`, against the tune in `context`: chords and arpeggios keep under the sung note and
    /// off a semitone from it; held chords change with the harmony; the bass keeps out of parallel fifths and
    /// octaves with the tune on strong beats; fills fall at the ends of the song's phrases (counted from its first
    /// bar, never in the introduction or ending); and the last bar is the home chord on its downbeat, held (or
    /// struck short for a button ending), the root in the bass.
    public func accompaniment(for chords: [ChordSpan], context: AccompanimentContext) -> [PerformanceTrack] {
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
        var band = Band(style: self, tune: context.tune, chords: chords, voicings: voicings, key: context.key)
        let variations = definition.parts.map { $0.variation(bar: definition.meter.barLength ?? .whole) }
        var barStart = first.barStart
        while barStart < end {
            let span = DataStyle.index(of: barStart, in: chords).map { chords[$0] } ?? first
            guard let bar = span.meter.barLength, !bar.isZero else { break }
            let inEnding = context.endingStart.map { barStart >= $0 } ?? false
            if inEnding, barStart + bar >= end {
                band.finish(at: barStart, end: end, ending: context.ending, into: &tracks)
                break
            }
            // Bars are counted from the song's first; a fill ends a phrase of `fillEvery` bars.
            let fromSong = barStart >= context.songStart ? (barStart - context.songStart) / bar : NoteLength(-1)
            let barNumber = fromSong.numerator / max(1, fromSong.denominator)
            let isFill = definition.fillEvery > 0 && !inEnding && fromSong >= .zero && (barNumber + 1) % definition.fillEvery == 0
            // Phrases of four bars: every other one plays each part's second pattern, and each ends with a turnaround
            // (where the drums are not filling). Choruses are played harder, the last hardest.
            let phrase = max(0, barNumber) / 4, phraseEnd = fromSong >= .zero && barNumber % 4 == 3
            band.lift = Self.lift(at: barStart, sections: context.sections)
            band.looseTime = !inEnding
            for (p, part) in definition.parts.enumerated() {
                var events = phrase % 2 == 1 ? variations[p] : part.events
                if isFill && !part.fill.isEmpty {
                    events = part.fill
                } else if phraseEnd && !inEnding {
                    events = part.turnaround(events, bar: bar, pulse: span.meter.pulse)
                }
                for (e, event) in events.enumerated() {
                    // The pattern is written for the style's meter; in another meter only what fits the bar plays.
                    guard event.at < bar else { continue }
                    let time = barStart + event.at
                    guard time < end else { continue }
                    let nextAt = e + 1 < events.count ? min(barStart + events[e + 1].at, barStart + bar) : barStart + bar
                    band.play(event, part: p, at: time, meter: span.meter, until: nextAt, end: end, into: &tracks)
                }
            }
            barStart += bar
        }
        return tracks
    }

    /// How much harder the band plays at `time`: in a chorus 6 more velocity, in the last chorus 10.
    static func lift(at time: NoteLength, sections: [TimedText]) -> Int {
        guard let current = sections.last(where: { $0.at <= time }), current.text.lowercased().hasPrefix("chorus") else { return 0 }
        let last = sections.last { $0.text.lowercased().hasPrefix("chorus") }
        return last?.at == current.at ? 10 : 6
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

    /// How late a note is played, by up to half of humanise in 2,048ths of a whole note (about a MIDI tick of 480 a
    /// crotchet: for humanise 6, up to 3, about 3.5 ms at 100 crotchets a minute), the same every time for the same
    /// note, and unrelated to its velocity's variation. Only later: a note played early could sound against the sung
    /// note before it, which the band's choices keep clear of. (A power of two: lengths over 1,920 made every sum
    /// after them take the slow way, and arranging twice as long.)
    func nudge(_ n: Int) -> NoteLength {
        let most = definition.humanise / 2
        guard most > 0 else { return .zero }
        var x = UInt64(truncatingIfNeeded: n) &* 0xD1B5_4A32_D192_ED03
        x ^= x >> 31
        x &*= 0x94D0_49BB_1331_11EB
        x ^= x >> 29
        return NoteLength(Int(x % UInt64(most + 1)), 2_048)
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
