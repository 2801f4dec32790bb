import SongCore

/// A bar as the tune writes it, between two bar lines: where it starts in the tune's time, how long it is, and where
/// in a whole bar of the meter it starts. An upbeat starts late in its bar, so its notes fall on the beats they are
/// sung on: a first bar shorter than the meter's, or a short bar that with the short bar before it makes one whole
/// bar (the upbeat of a second strain after `G2:|`). Any other short or long bar starts at its downbeat.
///
/// Bars are read from the bar lines, not counted from the start, so an upbeat, a first-time bar or a short bar before
/// a repeat cannot shift every later bar off its beats.
public struct WrittenBar: Sendable, Hashable {
    /// Where the bar starts, in the tune's time from its first note.
    public var start: NoteLength
    /// How long the bar is as written.
    public var length: NoteLength
    /// Where in a whole bar of the meter its first moment falls (zero except for an upbeat).
    public var offset: NoteLength

    public var end: NoteLength { start + length }
    /// Whether it is an upbeat: it starts after its bar's downbeat.
    public var isUpbeat: Bool { !offset.isZero }

    /// Where in a whole bar of the meter the moment `time` of the tune falls (`time` inside this bar).
    public func position(of time: NoteLength) -> NoteLength { time - start + offset }

    /// The moment of the tune at `position` in a whole bar of the meter, if it falls inside this bar.
    public func time(at position: NoteLength) -> NoteLength? {
        let t = start + position - offset
        return t >= start && t < end ? t : nil
    }

    /// The written bars of `melody`, in order (nil for a melody in free meter). Bar lines with nothing between them
    /// (`:|` then `|:`) make one boundary; the last bar runs to the end of the tune.
    public static func bars(of melody: Melody) -> [WrittenBar]? {
        guard let bar = melody.meter.barLength else { return nil }
        var boundaries: [NoteLength] = [.zero]
        var time = NoteLength.zero
        for element in melody.elements {
            switch element {
            case .note(let n): time += n.duration
            case .rest(let r): time += r.duration
            case .bar: if time > boundaries[boundaries.count - 1] { boundaries.append(time) }
            default: break
            }
        }
        if time > boundaries[boundaries.count - 1] { boundaries.append(time) }
        guard boundaries.count > 1 else { return [] }
        var out: [WrittenBar] = []
        for i in 0..<(boundaries.count - 1) {
            let length = boundaries[i + 1] - boundaries[i]
            let upbeat = length < bar && (i == 0 || (out[i - 1].length < bar && out[i - 1].offset.isZero && out[i - 1].length + length == bar))
            out.append(WrittenBar(start: boundaries[i], length: length, offset: upbeat ? bar - length : .zero))
        }
        return out
    }
}
