extension MIDIFile {
    /// Seconds from the start to `tick`, following the file's tempo events (120 bpm until the first).
    public func seconds(atTick tick: Int) -> Double {
        var changes: [(tick: Int, microsecondsPerQuarter: Int)] = []
        for track in tracks {
            for e in track {
                if case .meta(let type, let d) = e.kind, type == MIDIEvent.MetaType.tempo, d.count == 3 {
                    changes.append((e.tick, Int(d[0]) << 16 | Int(d[1]) << 8 | Int(d[2])))
                }
            }
        }
        changes.sort { $0.tick < $1.tick }
        var seconds = 0.0
        var lastTick = 0
        var tempo = 500_000
        for change in changes where change.tick < tick {
            seconds += Double(change.tick - lastTick) * Double(tempo) / 1e6 / Double(ticksPerQuarter)
            lastTick = change.tick
            tempo = change.microsecondsPerQuarter
        }
        return seconds + Double(tick - lastTick) * Double(tempo) / 1e6 / Double(ticksPerQuarter)
    }

    /// The length of the file in seconds, to its last event.
    public var durationSeconds: Double { seconds(atTick: lastTick) }
}
