import SongCore

extension StyleDefinition {
    /// The meters every style plays: its own as written, the others adapted plainly.
    public static let commonMeters: [Meter] = [.fourFour, .threeFour, .sixEight, Meter(2, 4)]

    /// Whether the style plays `meter` as its file wrote it (same bar, same feel).
    public func isOwn(_ meter: Meter) -> Bool {
        meter.barLength == self.meter.barLength && meter.isCompound == self.meter.isCompound
    }

    /// Whether the style plays `meter` at all: its own, or any other its file does not refuse (`refuses:`).
    public func plays(_ meter: Meter) -> Bool {
        isOwn(meter) || (meter.barLength != nil && !refuses.contains { $0.barLength == meter.barLength && $0.isCompound == meter.isCompound })
    }

    /// The meters `songbridge styles` shows: the style's own first, then those it adapts to.
    public var meterSummary: String {
        let adapted = Self.commonMeters.filter { !isOwn($0) && plays($0) }.map(\.description)
        return adapted.isEmpty ? meter.description : "\(meter) (also \(adapted.joined(separator: " ")))"
    }

    /// The style in another meter, plainly: the same instruments, ranges and levels, each part playing the meter's
    /// plain feel (for 3/4 a waltz: bass on one, chords on two and three; for 6/8 a jig: bass on the two big beats,
    /// chords vamping on the eighths; for 2/4 an oom-pah; for 4/4 a steady four), at the style's own velocities,
    /// with the style's drums (its downbeat sound, its backbeat sound) where it has them. The fills are left out.
    public func adapted(to target: Meter) -> StyleDefinition {
        guard !isOwn(target), let bar = target.barLength else { return self }
        var out = self
        out.meter = target
        let eighth = NoteLength(1, 8), quarter = NoteLength(1, 4)
        // Onsets of the strong beats and of the others, in the target meter.
        let strong: [NoteLength], weak: [NoteLength]
        switch (target.isCompound, target.beats) {
        case (true, _):
            let pulses = target.beats / 3
            strong = (0..<pulses).map { target.pulse * $0 }
            weak = (0..<target.beats).map { eighth * $0 }.filter { !strong.contains($0) }
        case (false, 3): strong = [.zero]; weak = [quarter, quarter * 2]
        case (false, 2): strong = [.zero]; weak = [eighth, eighth * 3]
        default:
            let beat = NoteLength(1, target.beatUnit)
            strong = stride(from: 0, to: target.beats, by: 2).map { beat * $0 }
            weak = stride(from: 1, to: target.beats, by: 2).map { beat * $0 }
        }
        let pulse = target.pulse
        out.parts = parts.map { part in
            var p = part
            p.fill = []
            p.vary = []
            let loud = part.events.map(\.velocity).max() ?? 90, soft = part.events.map(\.velocity).min() ?? 70
            func e(_ at: NoteLength, _ tone: String, _ length: NoteLength?, _ v: Int) -> StyleDefinition.Event {
                StyleDefinition.Event(at: at, tone: tone, length: length.map { min($0, bar - at) }, velocity: v)
            }
            if part.channel == 9 {
                let down = part.events.first { $0.at.isZero }?.tone ?? "kick"
                let back = part.events.first { !$0.at.isZero && ["snare", "brush", "clap", "stick"].contains($0.tone) }?.tone ?? "brush"
                let tick = part.events.first { ["hat", "shaker", "ride", "pedalhat"].contains($0.tone) }?.tone
                p.events = strong.map { e($0, down, eighth, loud) } + weak.map { e($0, back, eighth, soft) }
                if let tick { p.events += strong.map { e($0, tick, NoteLength(1, 16), max(1, soft - 10)) } }
            } else if part.name == "bass" {
                p.events = strong.enumerated().map { i, at in e(at, i % 2 == 0 ? "root" : "fifth", pulse, loud) }
                if strong.count == 1 && !target.isCompound && target.beats == 2 { p.events.append(e(NoteLength(1, 4), "fifth", quarter, soft)) }
            } else if part.events.contains(where: { $0.tone.hasPrefix("arp") }) {
                let step = target.isCompound ? eighth : (target.beats == 3 ? quarter : eighth)
                let count = (bar / step).numerator / max(1, (bar / step).denominator)
                p.events = (0..<count).map { i in e(step * i, "arp\(i % 3 + 1)", step, i == 0 ? loud : soft) }
            } else if part.events.contains(where: { $0.length == nil }) || part.name == "pad" {
                p.events = [e(.zero, "chord", nil, loud)]
            } else {
                p.events = weak.map { e($0, "chord", target.isCompound ? eighth : quarter, soft) }
                if target.isCompound || target.beats >= 4 { p.events.insert(e(.zero, "chord", target.isCompound ? eighth : quarter, loud), at: 0) }
            }
            p.events.sort { $0.at < $1.at }
            return p
        }
        return out
    }
}
