extension Melody {
    /// The written elements in the order they are played: parts in the header's play order, then repeats
    /// and numbered endings played out (`|: … :|`, `::`, `[1 … :|[2 …`, `[1,3`).
    public var playedElements: [MelodyElement] {
        var sequence: [MelodyElement] = []
        for part in partsInPlayOrder {
            sequence += Melody.expandRepeats(part)
        }
        return sequence
    }

    /// The notes as they are heard: onsets and lengths exact, ties joined, grace notes left out.
    public var performedNotes: [PerformedNote] {
        var result: [PerformedNote] = []
        var time = NoteLength.zero
        // Notes waiting for a tie to continue them, by MIDI number → index in `result`.
        var open: [Int: Int] = [:]
        for element in playedElements {
            switch element {
            case .note(let note):
                var stillOpen: [Int: Int] = [:]
                for pitch in note.pitches {
                    if let i = open[pitch.midiNumber] {
                        result[i].duration += note.duration
                        if note.tiedToNext { stillOpen[pitch.midiNumber] = i }
                    } else {
                        result.append(PerformedNote(onset: time, duration: note.duration, pitch: pitch))
                        if note.tiedToNext { stillOpen[pitch.midiNumber] = result.count - 1 }
                    }
                }
                open = stillOpen
                time += note.duration
            case .rest(let rest):
                open = [:]
                time += rest.duration
            default:
                break
            }
        }
        return result
    }

    /// Total played length.
    public var playedDuration: NoteLength {
        playedElements.reduce(NoteLength.zero) { total, element in
            switch element {
            case .note(let n): total + n.duration
            case .rest(let r): total + r.duration
            default: total
            }
        }
    }

    /// The tune as a score should write it for a reader that knows repeats but not ABC's play order: the parts in
    /// the header's play order (a part played twice written twice), each with its repeats and endings as written,
    /// and the places (indices into `elements`) each `:|` goes back to, as `playedElements` plays them. ABC lets a
    /// `:|` go back to the last `:|` or double bar without a `|:`; MusicXML readers go back to the start of the
    /// score instead, so a writer marks each of these places with a forward repeat.
    /// A play order that would write more than `SongLimits.arrangedNotes` notes (a long part played 256 times) is
    /// not written out: the parts are then written once each, as typed.
    public var writtenInPlayOrder: (elements: [MelodyElement], repeatStarts: Set<Int>) {
        var parts = partsInPlayOrder
        let written = parts.reduce(0) { total, part in total + part.reduce(0) { if case .note = $1 { $0 + 1 } else { $0 } } }
        if written > SongLimits.arrangedNotes { parts = [self.elements] }
        var elements: [MelodyElement] = []
        var starts: Set<Int> = []
        for part in parts {
            let (_, targets) = Melody.playOut(part)
            starts.formUnion(targets.map { $0 + elements.count })
            elements += part
        }
        return (elements, starts)
    }

    /// The elements of each part in play order; the whole tune when there is no play order.
    private var partsInPlayOrder: [[MelodyElement]] {
        guard !partOrder.isEmpty else { return [elements] }
        var parts: [String: [MelodyElement]] = [:]
        var intro: [MelodyElement] = []
        var current: String?
        for element in elements {
            if case .part(let name) = element {
                current = name
                parts[name, default: []].append(element)
                continue
            }
            if let current { parts[current, default: []].append(element) } else { intro.append(element) }
        }
        var result: [[MelodyElement]] = intro.isEmpty ? [] : [intro]
        for name in partOrder {
            if let p = parts[name] { result.append(p) }
        }
        return result
    }

    /// Plays out repeats and endings in one part.
    static func expandRepeats(_ elements: [MelodyElement]) -> [MelodyElement] { playOut(elements).played }

    /// One part played out, and the places (indices into `elements`) its `:|`s went back to.
    private static func playOut(_ elements: [MelodyElement]) -> (played: [MelodyElement], targets: Set<Int>) {
        var out: [MelodyElement] = []
        var targets: Set<Int> = []
        var repeatStart = 0
        var pass = 1
        // Once a repeat has been played, a double or final bar starts the next section: a `:|` after it repeats from
        // there (after a second ending's `||`, the next part is repeated, not the tune from its start), as abc2midi
        // plays `|: A :| B || C :|`. Before any repeat, a `:|` goes back to the start.
        var repeated = false
        // A `|:` waiting for its `:|`: then a double bar inside the block moves nothing.
        var opened = false
        // The `:|` last jumped back from: a double bar before it is inside the part being repeated.
        var jumpedFrom = -1
        var i = 0
        var guardCount = 0
        let limit = elements.count * 16 + 64  // no written tune plays anything more than a few times
        while i < elements.count, guardCount < limit {
            guardCount += 1
            let element = elements[i]
            switch element {
            case .bar(let bar):
                out.append(element)
                if bar.endsRepeat {
                    repeated = true
                    if pass < maxPass(elements, blockStart: repeatStart, from: i) {
                        pass += 1
                        jumpedFrom = i
                        targets.insert(repeatStart)
                        i = repeatStart
                        continue
                    }
                    pass = 1
                    repeatStart = i + 1
                    opened = bar.startsRepeat
                } else if bar.startsRepeat {
                    repeatStart = i + 1
                    pass = 1
                    opened = true
                } else if repeated, !opened, pass == 1 || i > jumpedFrom, bar == .double || bar == .final || bar == .thickThin {
                    repeatStart = i + 1
                    pass = 1
                }
            case .ending(let numbers):
                if !numbers.contains(pass) {
                    i = endOfEnding(elements, from: i)
                    // An ending passed over with its `:|` (`[1 … :|[2`): the block that `|:` or `::` opened has had
                    // its repeat, so a double bar after the last ending starts the next part (`|: B [1 … :|[2 … || C :|`
                    // plays C twice).
                    if i > 0, case .bar(let bar) = elements[i - 1], bar.endsRepeat { opened = false }
                    continue
                }
                out.append(element)
            default:
                out.append(element)
            }
            i += 1
        }
        return (out, targets)
    }

    /// How many times the repeat that closes at `from` is played: the highest ending number in it, or 2.
    private static func maxPass(_ elements: [MelodyElement], blockStart: Int, from: Int) -> Int {
        var highest = 0
        var j = blockStart
        while j < elements.count {
            switch elements[j] {
            case .ending(let numbers): highest = max(highest, numbers.max() ?? 0)
            case .bar(let bar) where j > from && (bar.startsRepeat || bar == .double || bar == .final || bar == .thickThin):
                return max(highest, 2)
            default: break
            }
            j += 1
        }
        return max(highest, 2)
    }

    /// The index just past an ending that is not played this time.
    private static func endOfEnding(_ elements: [MelodyElement], from start: Int) -> Int {
        var j = start + 1
        while j < elements.count {
            switch elements[j] {
            case .ending: return j
            case .bar(let bar) where bar.endsRepeat: return j + 1
            case .bar(let bar) where bar.startsRepeat || bar == .double || bar == .final || bar == .thickThin: return j
            default: j += 1
            }
        }
        return j
    }
}
