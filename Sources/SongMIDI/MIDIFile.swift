/// A Standard MIDI File: format, timing division and tracks of events at absolute ticks.
public struct MIDIFile: Sendable, Hashable {
    /// 0 (one track), 1 (simultaneous tracks) or 2 (independent sequences).
    public var format: Int
    /// Ticks per quarter note.
    public var ticksPerQuarter: Int
    /// The tracks; each is sorted by tick.
    public var tracks: [[MIDIEvent]]

    /// A file.
    public init(format: Int = 1, ticksPerQuarter: Int = 480, tracks: [[MIDIEvent]] = []) {
        self.format = format
        self.ticksPerQuarter = ticksPerQuarter
        self.tracks = tracks
    }

    /// Every event of every track, merged in time order (stable within a tick).
    public var mergedEvents: [MIDIEvent] {
        tracks.flatMap { $0 }.enumerated().sorted { ($0.element.tick, $0.offset) < ($1.element.tick, $1.offset) }.map(\.element)
    }

    /// The text of every meta event of `type`, in time order.
    public func texts(type: UInt8) -> [String] {
        mergedEvents.compactMap { e in
            if case .meta(let t, let data) = e.kind, t == type { return MIDITextEncoding.decode(data) }
            return nil
        }
    }

    /// A copy keeping only the channel messages of `channels`, with every meta and SysEx event.
    public func keeping(channels: Set<Int>) -> MIDIFile {
        // Written out plainly: a method reference here (`channels.contains`) crashes the 6.3 optimiser.
        var copy = self
        copy.tracks = []
        for track in tracks {
            var kept: [MIDIEvent] = []
            for event in track {
                if let channel = event.channel, !channels.contains(channel) { continue }
                kept.append(event)
            }
            copy.tracks.append(kept)
        }
        return copy
    }

    /// The channels that have notes.
    public var channelsWithNotes: Set<Int> {
        Set(tracks.flatMap { $0 }.filter(\.isNoteOn).compactMap(\.channel))
    }

    /// The last tick of any event.
    public var lastTick: Int { tracks.compactMap { $0.last?.tick }.max() ?? 0 }
}
