import SongCore

extension StyleDefinition.Part {
    /// The part's second pattern, for every other phrase: the file's own (`vary PART:`), else one made from the
    /// first. A pattern with room in it gets one more note half way through its longest gap (a bass's fifth, a
    /// chord struck again, the next arpeggio note; drums an open hi-hat on the last off-beat); a busy one drops its
    /// last note and lets the one before ring on.
    func variation(bar: NoteLength) -> [StyleDefinition.Event] {
        if !vary.isEmpty { return vary }
        let sorted = events.sorted { $0.at < $1.at }
        guard !sorted.isEmpty else { return [] }
        let eighth = NoteLength(1, 8)
        if channel == 9 {
            let offBeat = bar - eighth
            if !sorted.contains(where: { $0.at == offBeat }) {
                return sorted + [StyleDefinition.Event(at: offBeat, tone: "openhat", length: eighth, velocity: max(1, (sorted.map(\.velocity).min() ?? 60) - 4))]
            }
            return Array(sorted.dropLast())
        }
        // A walking bass's second pattern: its last beat split, a skip of two eighths into the next bar.
        if sorted.allSatisfy({ $0.tone == "walk" }), let last = sorted.last, last.at + eighth < bar {
            var out = sorted
            out[out.count - 1].length = eighth
            out.append(StyleDefinition.Event(at: last.at + eighth, tone: "walk", length: eighth, velocity: max(1, last.velocity - 12)))
            return out
        }
        // The longest gap between one note's start and the next (or the bar's end).
        let starts = sorted.map(\.at) + [bar]
        let gaps = (0..<sorted.count).map { starts[$0 + 1] - starts[$0] }
        guard let widest = gaps.indices.max(by: { gaps[$0] < gaps[$1] }) else { return sorted }
        if gaps[widest] >= NoteLength(1, 4) {
            // Half way, on an eighth.
            let half = gaps[widest] * NoteLength(1, 2)
            let steps = max(1, (half / eighth).numerator / max(1, (half / eighth).denominator))
            let at = sorted[widest].at + eighth * steps
            var out = sorted
            let before = sorted[widest]
            if let length = before.length, before.at + length > at { out[widest].length = at - before.at }
            let tone: String
            switch before.tone {
            case "root": tone = "fifth"
            case "fifth", "third", "octave", "seventh", "approach": tone = "root"
            case let arp where arp.hasPrefix("arp"): tone = "arp\(min(4, (Int(arp.dropFirst(3)) ?? 1) + 1))"
            default: tone = before.tone
            }
            let length = before.length.map { min($0, starts[widest + 1] - at) }
            out.insert(StyleDefinition.Event(at: at, tone: tone, length: length, velocity: max(1, before.velocity - 10)), at: widest + 1)
            return out
        }
        guard sorted.count > 1 else { return sorted }
        var out = Array(sorted.dropLast())
        let held = out[out.count - 1]
        out[out.count - 1].length = held.length.map { _ in bar - held.at }
        return out
    }

    /// The last bar of a phrase: `pattern` up to its last beat, then a push into the next phrase on that beat's
    /// off-beat (the bass's passing note into the next chord, a chord struck early, an arpeggio's top note). If
    /// the pattern already plays there, the bar stops on its last beat instead, held.
    func turnaround(_ pattern: [StyleDefinition.Event], bar: NoteLength, pulse: NoteLength) -> [StyleDefinition.Event] {
        guard channel != 9, !pattern.isEmpty, bar > pulse else { return pattern }
        let lastBeat = bar - pulse
        let push = lastBeat + pulse * NoteLength(1, 2)
        var out = pattern.filter { $0.at <= lastBeat }.map { e -> StyleDefinition.Event in
            var e = e
            if let length = e.length, e.at < lastBeat, e.at + length > lastBeat { e.length = lastBeat - e.at }
            return e
        }
        let velocity = pattern.map(\.velocity).max() ?? 90
        if pattern.contains(where: { $0.at == push }) {
            // A stop: the last beat held to the bar's end.
            out.removeAll { $0.at == lastBeat }
            let tone = name == "bass" ? "root" : (pattern.first?.tone.hasPrefix("arp") == true ? "arp1" : "chord")
            out.append(StyleDefinition.Event(at: lastBeat, tone: tone, length: pulse, velocity: velocity))
        } else {
            let tone = name == "bass" ? "approach" : (pattern.first?.tone.hasPrefix("arp") == true ? "arp3" : "chord")
            out = out.map { e in
                var e = e
                if e.at <= lastBeat, let length = e.length, e.at + length > push { e.length = push - e.at }
                return e
            }
            out.append(StyleDefinition.Event(at: push, tone: tone, length: bar - push, velocity: max(1, velocity - 6)))
        }
        return out.sorted { $0.at < $1.at }
    }
}
