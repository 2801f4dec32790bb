import SongCore

/// A stretch of a tune that gets one chord: a written bar, or half of one in a meter of two or four pulses (4/4,
/// 2/2, 2/4, 6/8, 12/8), with the notes sung in it. The harmoniser chooses a chord for each slot, and its model is
/// learnt from the chords that tunebooks give the same slots.
struct HarmonySlot: Sendable {
    /// One sung pitch class in the slot, with its weight (longer, and on a stronger beat, weighs more) and whether
    /// it sounds on a strong beat (the downbeat, the half bar, a compound meter's beat, or held over into the slot).
    struct Heard: Sendable {
        var pitchClass: Int
        var weight: Double
        var strong: Bool
    }

    /// Where in a phrase a slot ends: the last slot of the 4th or 8th bar of a phrase (counted in whole bars from
    /// the first downbeat), or the tune's last slot.
    enum PhrasePlace: Int, Sendable, CaseIterable {
        case inside, phraseEnd, periodEnd, final
    }

    var start: NoteLength
    var length: NoteLength
    /// Whether it is the second half of its bar (a chord change here is a change within the bar).
    var secondHalf: Bool
    /// The whole bar it is in, counted from the first downbeat (-1 for an opening upbeat).
    var measure: Int
    var place: PhrasePlace = .inside
    var heard: [Heard] = []

    /// Every slot of `melody` in order (empty in free meter).
    static func slots(of melody: Melody) -> [HarmonySlot] {
        guard let barLength = melody.meter.barLength, let bars = WrittenBar.bars(of: melody) else { return [] }
        let meter = melody.meter
        let half = barLength * NoteLength(1, 2)
        let halves = meter.hasHalfBar
        var slots: [HarmonySlot] = []
        // Measures are whole bars counted from the first downbeat; the last slot of each is where a phrase may end.
        var measure = -1
        var lastOfMeasure: [Int: Int] = [:]
        for bar in bars {
            if !bar.isUpbeat { measure += 1 }
            // A bar's slots: its first half and second half (or the whole bar), as far as it has them.
            let cuts: [(NoteLength, NoteLength, Bool)] = halves
                ? [(.zero, half, false), (half, bar.offset + bar.length, true)]
                : [(.zero, bar.offset + bar.length, false)]
            for (from, to, second) in cuts {
                let a = max(from, bar.offset), b = min(to, bar.offset + bar.length)
                guard a < b else { continue }
                slots.append(HarmonySlot(start: bar.start + a - bar.offset, length: b - a, secondHalf: second, measure: measure))
                if measure >= 0 { lastOfMeasure[measure] = slots.count - 1 }
            }
        }
        for (m, s) in lastOfMeasure {
            slots[s].place = m % 8 == 7 ? .periodEnd : (m % 4 == 3 ? .phraseEnd : .inside)
        }
        if !slots.isEmpty { slots[slots.count - 1].place = .final }

        // The notes, each in the slot it starts in, and held over into the slots it sounds on into.
        var time = NoteLength.zero
        var barIndex = 0
        var slotIndex = 0
        for element in melody.elements {
            if case .rest(let r) = element { time += r.duration }
            guard case .note(let n) = element else { continue }
            let duration = n.duration
            guard let pc = n.pitches.first?.name.pitchClass, duration > .zero else { time += duration; continue }
            while barIndex + 1 < bars.count, bars[barIndex + 1].start <= time { barIndex += 1 }
            while slotIndex + 1 < slots.count, slots[slotIndex + 1].start <= time { slotIndex += 1 }
            let bar = bars[barIndex]
            let position = bar.position(of: time)
            // The downbeat weighs most, then the half bar (or a compound meter's beats), then the beats.
            let onHalf = halves && position == half
            let onPulse = (position / meter.pulse).denominator == 1
            let metric = position.isZero ? 3.0 : (onHalf ? 2.2 : (onPulse ? 1.5 : 0.8))
            let end = time + duration
            var s = slotIndex
            var first = true
            while s < slots.count, slots[s].start < end {
                let from = max(time, slots[s].start), to = min(end, slots[s].start + slots[s].length)
                if to > from {
                    let beats = ((to - from) / meter.pulse).doubleValue
                    let weight = (first ? metric : 1.2) * min(2, max(0.5, beats))
                    slots[s].heard.append(Heard(pitchClass: pc, weight: weight, strong: !first || meter.isStrong(position)))
                }
                first = false
                s += 1
            }
            time = end
        }
        return slots
    }
}
