import SongMIDI

/// A MIDI file's channel events at the sample frames they sound, following its tempo map, for a synth driven
/// directly (`ChannelRenderer.render(events:)`): every synth then puts a note on the same frame, wherever it
/// starts, which FluidSynth's own player cannot promise after a seek (it times events in whole milliseconds from
/// where it starts).
struct SequencedEvents: Sendable {
    struct Event: Sendable {
        var frame: Int
        var status: UInt8
        var data1: UInt8
        var data2: UInt8

        /// A note on or off (or a note's pressure): what a synth starting later leaves out.
        var isNote: Bool { [0x80, 0x90, 0xA0].contains(status & 0xF0) }

        func send(_ lib: SynthLibraries, _ synth: OpaquePointer) {
            let channel = Int32(status & 0x0F), a = Int32(data1), b = Int32(data2)
            switch status & 0xF0 {
            case 0x80: _ = lib.noteOff(synth, channel, a)
            case 0x90: _ = b == 0 ? lib.noteOff(synth, channel, a) : lib.noteOn(synth, channel, a, b)
            case 0xA0: _ = lib.keyPressure(synth, channel, a, b)
            case 0xB0: _ = lib.controlChange(synth, channel, a, b)
            case 0xC0: _ = lib.programChange(synth, channel, a)
            case 0xD0: _ = lib.channelPressure(synth, channel, a)
            case 0xE0: _ = lib.pitchBend(synth, channel, a | b << 7)
            default: break
            }
        }
    }

    /// The channel events in the order they sound.
    var events: [Event]
    /// The frame of the file's last event (where the music ends and the release tail begins).
    var endFrame: Int
    /// The frame of each note-on and its note-off, for choosing where to split.
    var notes: [(on: Int, off: Int)]

    init(_ midi: MIDIFile, sampleRate: Double) {
        // The tempo map: (tick, microseconds a quarter), with the seconds reached at each change.
        var changes: [(tick: Int, tempo: Int)] = []
        var all: [(tick: Int, order: Int, status: UInt8, data1: UInt8, data2: UInt8)] = []
        var order = 0
        for track in midi.tracks {
            for e in track {
                switch e.kind {
                case .meta(let type, let d) where type == MIDIEvent.MetaType.tempo && d.count == 3:
                    changes.append((e.tick, Int(d[0]) << 16 | Int(d[1]) << 8 | Int(d[2])))
                case .channel(let status, let data1, let data2):
                    all.append((e.tick, order, status, data1, data2))
                    order += 1
                default:
                    break
                }
            }
        }
        changes.sort { $0.tick < $1.tick }
        var map: [(tick: Int, seconds: Double, tempo: Int)] = [(0, 0, 500_000)]
        for change in changes {
            let last = map[map.count - 1]
            let at = last.seconds + Double(change.tick - last.tick) * Double(last.tempo) / 1e6 / Double(midi.ticksPerQuarter)
            if change.tick == last.tick { map[map.count - 1].tempo = change.tempo } else { map.append((change.tick, at, change.tempo)) }
        }
        let quarter = Double(midi.ticksPerQuarter)
        func frame(_ tick: Int) -> Int {
            var lo = 0, hi = map.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if map[mid].tick <= tick { lo = mid } else { hi = mid - 1 }
            }
            let m = map[lo]
            return Int(((m.seconds + Double(tick - m.tick) * Double(m.tempo) / 1e6 / quarter) * sampleRate).rounded())
        }
        all.sort { ($0.tick, $0.order) < ($1.tick, $1.order) }
        events = all.map { Event(frame: frame($0.tick), status: $0.status, data1: $0.data1, data2: $0.data2) }
        endFrame = frame(midi.lastTick)
        var started: [Int: Int] = [:]
        var notes: [(on: Int, off: Int)] = []
        for e in events {
            let key = Int(e.status & 0x0F) << 8 | Int(e.data1)
            if e.status & 0xF0 == 0x90 && e.data2 > 0 {
                started[key] = e.frame
            } else if e.status & 0xF0 == 0x80 || e.status & 0xF0 == 0x90, let on = started.removeValue(forKey: key) {
                notes.append((on, e.frame))
            }
        }
        self.notes = notes
    }
}
