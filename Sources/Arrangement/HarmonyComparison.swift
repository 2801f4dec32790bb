import SongCore

/// How a harmonisation compares with the songwriters' own chords for the same tune: the share of bars whose chords
/// agree (as triads, at the downbeat and, in a meter of two or four beats, at the half bar), and the share of
/// notes on strong beats (the downbeat, the half bar, a compound meter's beats) that are tones of the chord
/// suggested for them.
public struct HarmonyComparison: Sendable, Hashable {
    public var bars = 0, agreeingBars = 0
    /// Bars whose downbeat chords agree (a change within the bar not compared).
    public var agreeingDownbeats = 0
    public var strongNotes = 0, strongInChord = 0

    public init() {}

    /// `original` and `suggested` are the same tune with different chords. Bars are the written bars
    /// (`WrittenBar`), so an upbeat's notes are on the beats they are sung on; a bar before the songwriters' first
    /// chord is not counted.
    public init(original: Melody, suggested: Melody) {
        guard let bar = original.meter.barLength, let written = WrittenBar.bars(of: original) else { return }
        let meter = original.meter
        let half = bar * NoteLength(1, 2)
        let theirs = Self.timeline(original), ours = Self.timeline(suggested)
        func at(_ t: NoteLength, _ line: [(NoteLength, Chord)]) -> Chord? { line.last { $0.0 <= t }.map(\.1) }
        func same(_ a: Chord?, _ b: Chord?) -> Bool {
            guard let a = a.map({ Harmoniser.triad(.chord($0)).chord }) ?? nil, let b = b.map({ Harmoniser.triad(.chord($0)).chord }) ?? nil else { return a == nil && b == nil }
            return a.root.pitchClass == b.root.pitchClass && a.quality == b.quality
        }
        var time = NoteLength.zero
        var index = 0
        for element in original.elements {
            guard case .note(let n) = element else {
                if case .rest(let r) = element { time += r.duration }
                continue
            }
            while index + 1 < written.count, written[index + 1].start <= time { index += 1 }
            let offset = written[index].position(of: time)
            if meter.isStrong(offset) {
                strongNotes += 1
                if let pc = n.pitches.first?.name.pitchClass, at(time, ours)?.pitchClasses.contains(pc) == true { strongInChord += 1 }
            }
            time += n.duration
        }
        for writtenBar in written {
            // The downbeat and, in a meter of two or four pulses, the half bar: as far as the bar has them.
            let points = (meter.hasHalfBar ? [NoteLength.zero, half] : [.zero]).compactMap { writtenBar.time(at: $0) }
            guard let first = points.first, at(first, theirs) != nil else { continue }
            bars += 1
            if points.allSatisfy({ same(at($0, theirs), at($0, ours)) }) { agreeingBars += 1 }
            if same(at(first, theirs), at(first, ours)) { agreeingDownbeats += 1 }
        }
    }

    /// Adds another comparison's counts.
    public mutating func add(_ other: HarmonyComparison) {
        bars += other.bars; agreeingBars += other.agreeingBars; agreeingDownbeats += other.agreeingDownbeats
        strongNotes += other.strongNotes; strongInChord += other.strongInChord
    }

    public var barAgreement: Double { bars == 0 ? 0 : Double(agreeingBars) / Double(bars) }
    public var downbeatAgreement: Double { bars == 0 ? 0 : Double(agreeingDownbeats) / Double(bars) }
    public var strongNotesInChord: Double { strongNotes == 0 ? 0 : Double(strongInChord) / Double(strongNotes) }

    /// Each chord of a melody from where it is written.
    public static func timeline(_ melody: Melody) -> [(NoteLength, Chord)] {
        var out: [(NoteLength, Chord)] = []
        var time = NoteLength.zero
        for element in melody.elements {
            switch element {
            case .note(let n):
                if let c = n.chordSymbol?.chord { out.append((time, c)) }
                time += n.duration
            case .rest(let r):
                if let c = r.chordSymbol?.chord { out.append((time, c)) }
                time += r.duration
            default: break
            }
        }
        return out
    }
}
