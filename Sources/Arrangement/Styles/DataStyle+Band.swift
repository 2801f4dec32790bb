import SongCore

extension DataStyle {
    /// The band playing a style's patterns bar by bar: what each part last played, so the bass moves on from where it
    /// was and keeps out of parallels with the tune.
    struct Band {
        let style: DataStyle
        let tune: SungLine
        let chords: [ChordSpan]
        let voicings: [[Int]]
        /// Each part's last key (a bass line moves on from it).
        var previousKey: [Int: Int] = [:]
        /// Each part's bass key and the sung key on its last strong beat.
        var previousStrong: [Int: (bass: Int, tune: Int)] = [:]
        var noteCounter = 0
        /// Velocity added in choruses.
        var lift = 0
        /// Whether notes off the downbeat are moved a little in time, as players do (not in the ending, which
        /// lands together).
        var looseTime = false

        /// The key's scale, as pitch classes, for a walking bass's steps.
        let scale: Set<Int>

        init(style: DataStyle, tune: SungLine, chords: [ChordSpan], voicings: [[Int]], key: Key) {
            (self.style, self.tune, self.chords, self.voicings) = (style, tune, chords, voicings)
            scale = Set(key.scale.notes.map(\.pitchClass))
        }

        /// The lowest a chord part goes to keep under a low tune: C3, or the part's own floor if that is lower.
        static func floor(_ part: StyleDefinition.Part) -> Int { min(part.low, 48) }

        /// One pattern event of part `p` at `time`, sounding until `nextAt` unless it gives its own length.
        mutating func play(_ event: StyleDefinition.Event, part p: Int, at start: NoteLength, meter: Meter, until nextAt: NoteLength,
                           end: NoteLength, into tracks: inout [PerformanceTrack]) {
            let part = style.definition.parts[p]
            guard let spanIndex = DataStyle.index(of: start, in: chords), let chord = chords[spanIndex].symbol.chord else { return }
            var time = start
            var length = event.length ?? (nextAt - time)
            if time + length > end { length = end - time }
            guard length > .zero else { return }
            // Swing: off-beat eighths fall late.
            if style.definition.swing > 0, StyleDefinition.isOffBeatEighth(event.at) {
                let delay = style.definition.swingDelay
                time += delay
                length = length > delay ? length - delay : length
            }
            noteCounter += 1
            let velocity = min(127, style.humanised(event.velocity, noteCounter) + lift)
            // Light timing humanising: what this event plays is moved together, after every choice is made on the
            // beat as written; the downbeat stays where it is, and a note moved later still ends where it would.
            let nudge = looseTime && event.at > .zero ? style.nudge(noteCounter) : .zero
            let played = tracks[p].notes.count
            defer {
                if !nudge.isZero {
                    for i in played..<tracks[p].notes.count {
                        tracks[p].notes[i].onset += nudge
                        if tracks[p].notes[i].duration > nudge { tracks[p].notes[i].duration -= nudge }
                    }
                }
            }
            if part.channel == 9 {
                let key = StyleParser.drumKeys[event.tone] ?? Int(event.tone) ?? 38
                tracks[p].notes.append(PerformanceNote(onset: time, duration: length, key: key, velocity: velocity))
                return
            }
            if event.tone == "chord" {
                // A held chord changes with the harmony: struck again, in the new chord, at each change it crosses.
                var t = time
                var i = spanIndex
                while t < time + length, i < chords.count {
                    let stop = min(time + length, chords[i].at + chords[i].duration)
                    if chords[i].symbol.chord != nil {
                        for k in chordKeys(i, part: part, from: t, to: stop) {
                            tracks[p].notes.append(PerformanceNote(onset: t, duration: stop - t, key: k, velocity: t == time ? velocity : max(1, velocity - 8)))
                        }
                    }
                    t = stop
                    i += 1
                }
                return
            }
            // A single note stops at the next chord change.
            let spanEnd = chords[spanIndex].at + chords[spanIndex].duration
            if time + length > spanEnd { length = spanEnd - time }
            guard length > .zero else { return }
            let sung = tune.keys(from: time, to: time + length)
            if event.tone.hasPrefix("arp") {
                let placed = chordKeys(spanIndex, part: part, from: time, to: time + length)
                guard !placed.isEmpty else { return }
                let i = (Int(event.tone.dropFirst(3)) ?? 1) - 1
                var k = DataStyle.clamp(placed[i % placed.count] + 12 * (i / placed.count), part.low, part.high)
                if let ceiling = sung.min() { while k >= ceiling, k - 12 >= Self.floor(part) { k -= 12 } }
                guard !sung.contains(where: { abs($0 - k) % 12 == 1 }) else { return }
                tracks[p].notes.append(PerformanceNote(onset: time, duration: length, key: k, velocity: velocity))
                return
            }
            let k = bassKey(event, part: p, chord: chord, spanIndex: spanIndex, offset: event.at, meter: meter, at: time, until: time + length, sung: sung)
            tracks[p].notes.append(PerformanceNote(onset: time, duration: length, key: k, velocity: velocity))
        }

        /// Span `i`'s voicing inside the part's range and under the tune sung from `start` to `stop`.
        /// The part's own idiom where it has one (a guitar's shape, a pianist's open voicing), kept under the tune.
        func chordKeys(_ i: Int, part: StyleDefinition.Part, from start: NoteLength, to stop: NoteLength) -> [Int] {
            let sung = tune.keys(from: start, to: stop)
            if let chord = chords[i].symbol.chord, let idiom = part.voicing.keys(chord)?.filter({ (part.low...part.high).contains($0) }),
               let kept = VoicingIdiom.under(idiom, ceiling: sung.min(), sung: sung) {
                return kept
            }
            let placed = DataStyle.into(voicings[i], low: part.low, high: part.high)
            return Voicing.under(placed, ceiling: sung.min(), floor: Self.floor(part), sung: sung)
        }

        /// A bass (or single-line) note: the tone the pattern asks for, near the part's last note; off a semitone
        /// from the tune; and on a strong beat, not a fifth or octave from the tune that moves in parallel with it.
        mutating func bassKey(_ event: StyleDefinition.Event, part p: Int, chord: Chord, spanIndex: Int, offset: NoteLength, meter: Meter,
                              at time: NoteLength, until end: NoteLength, sung: [Int]) -> Int {
            let part = style.definition.parts[p]
            let isWeak = (offset / meter.pulse).denominator != 1
            let root = chord.bassNote.pitchClass
            var pc: Int
            switch event.tone {
            case "third": pc = chord.notes.count > 1 ? style.tone(chord, steps: 2) : root
            case "fifth": pc = style.tone(chord, steps: 4)
            case "seventh": pc = chord.seventh == nil ? root : style.tone(chord, steps: 6)
            case "approach" where isWeak:
                // A semitone below the next chord's bass: a passing tone, only off the beat.
                let next = spanIndex + 1 < chords.count ? (chords[spanIndex + 1].symbol.chord ?? chord) : chord
                pc = (next.bassNote.pitchClass + 11) % 12
            default: pc = root
            }
            let near = previousKey[p] ?? (part.low + 7)
            func place(_ pc: Int) -> Int {
                let k = DataStyle.nearest(pc, to: near, low: part.low, high: part.high)
                return event.tone == "octave" ? DataStyle.clamp(k + 12, part.low, part.high) : k
            }
            let strong = Self.isStrong(offset, meter: meter)
            if event.tone == "walk" {
                let m = strong ? tune.key(at: time) : nil
                let first = chords[spanIndex].at == time || previousKey[p] == nil
                let options = walkOptions(at: time, until: end, chord: chord, spanIndex: spanIndex, from: near, first: first, part: part)
                let k = options.first { c in
                    (part.low...part.high).contains(c) && !sung.contains { abs($0 - c) % 12 == 1 } && (first || c != near)
                        && !(m.map { parallels(p, bass: c, tune: $0) } ?? false)
                } ?? options[0]
                if let m { previousStrong[p] = (k, m) } else if strong { previousStrong[p] = nil }
                previousKey[p] = k
                return k
            }
            var k = place(pc)
            // Against the tune: a tone a semitone from the sung note gives way to the root, then the fifth.
            if sung.contains(where: { abs($0 - k) % 12 == 1 }) {
                k = [root, style.tone(chord, steps: 4)].map(place).first { c in !sung.contains { abs($0 - c) % 12 == 1 } } ?? k
            }
            if let m = tune.key(at: time), strong {
                func parallel(_ c: Int) -> Bool { parallels(p, bass: c, tune: m) }
                if parallel(k) {
                    // Another chord tone (first inversion, then the fifth), else the same tone moving the other way.
                    let other = previousStrong[p].map { k > $0.bass ? k - 12 : k + 12 } ?? k
                    let candidates = [style.tone(chord, steps: 2), style.tone(chord, steps: 4)].map(place) + [other]
                    k = candidates.first { c in (part.low...part.high).contains(c) && !parallel(c) && !sung.contains { abs($0 - c) % 12 == 1 } } ?? k
                }
                previousStrong[p] = (k, m)
            } else if strong {
                previousStrong[p] = nil
            }
            previousKey[p] = k
            return k
        }

        /// Whether `bass` against `tune` on a strong beat makes parallel fifths or octaves with part `p`'s last
        /// strong beat (both voices moving the same way into the same perfect interval).
        func parallels(_ p: Int, bass c: Int, tune m: Int) -> Bool {
            guard let before = previousStrong[p] else { return false }
            let now = ((m - c) % 12 + 12) % 12, then = ((before.tune - before.bass) % 12 + 12) % 12
            return (now == 0 || now == 7) && now == then && c != before.bass && m != before.tune && (c > before.bass) == (m > before.tune)
        }

        /// A walking bass's choices for its next note, best first: the root where a chord begins; a semitone from
        /// the next chord's root when the chord changes before the note ends (from the side the line comes from,
        /// then the other); and in between a step along the key's scale towards that root, then away from it, then
        /// the chord's tones. The caller takes the first that is in range, off a semitone from the tune, out of
        /// parallels with it, and (but for a chord's first note) not the note just played.
        func walkOptions(at time: NoteLength, until end: NoteLength, chord: Chord, spanIndex: Int, from previous: Int, first: Bool, part: StyleDefinition.Part) -> [Int] {
            let root = DataStyle.nearest(chord.bassNote.pitchClass, to: previous, low: part.low, high: part.high)
            let tones = [root, DataStyle.nearest(style.tone(chord, steps: 4), to: previous, low: part.low, high: part.high),
                         DataStyle.nearest(style.tone(chord, steps: 2), to: previous, low: part.low, high: part.high)]
            if first { return tones + [root + 12, root - 12] }
            let next = spanIndex + 1 < chords.count ? chords[spanIndex + 1] : nil
            let nextRoot = (next?.symbol.chord ?? chord).bassNote.pitchClass
            let target = DataStyle.nearest(nextRoot, to: previous, low: part.low, high: part.high)
            func step(_ up: Bool) -> Int {
                var k = previous
                repeat { k += up ? 1 : -1 } while !scale.contains(((k % 12) + 12) % 12) && abs(k - previous) < 3
                return k
            }
            let towards = target == previous ? previous + 7 <= part.high : target > previous
            var options = [step(towards), step(!towards)] + tones
            if let next, next.at > time, next.at <= end {
                options = (previous <= target ? [target - 1, target + 1] : [target + 1, target - 1]) + options
            }
            return options
        }

        /// Whether a moment in the bar is a strong beat: the downbeat, the half bar of a four-beat bar, and each
        /// dotted-quarter beat of a compound meter (1 and 4 of 6/8).
        static func isStrong(_ offset: NoteLength, meter: Meter) -> Bool {
            if offset.isZero { return true }
            if meter.isCompound { return (offset / meter.pulse).denominator == 1 }
            guard meter.beats == 4, let bar = meter.barLength else { return false }
            return offset * 2 == bar
        }

        /// The last bar: the home chord on its downbeat, every pitched part at once (the bass on the root, the chords
        /// voiced under the tune's last note), with a kick and a cymbal; held to the end, or a short button.
        mutating func finish(at barStart: NoteLength, end: NoteLength, ending: EndingKind, into tracks: inout [PerformanceTrack]) {
            guard let spanIndex = DataStyle.index(of: barStart, in: chords), let chord = chords[spanIndex].symbol.chord else { return }
            let length = ending == .held ? end - barStart : min(end - barStart, NoteLength(1, 8))
            for (p, part) in style.definition.parts.enumerated() {
                let velocity = min(127, (part.events.map(\.velocity).max() ?? 90) + 4)
                if part.channel == 9 {
                    for key in [36, 49] { tracks[p].notes.append(PerformanceNote(onset: barStart, duration: length, key: key, velocity: velocity)) }
                    continue
                }
                let keys: [Int]
                if part.name == "bass" {
                    keys = [DataStyle.nearest(chord.bassNote.pitchClass, to: part.low + 5, low: part.low, high: part.high)]
                } else {
                    keys = chordKeys(spanIndex, part: part, from: barStart, to: barStart + length)
                }
                for k in keys { tracks[p].notes.append(PerformanceNote(onset: barStart, duration: length, key: k, velocity: velocity)) }
            }
        }
    }
}
