import SongCore

/// One event of a Standard MIDI File track, at an absolute time in ticks.
public struct MIDIEvent: Sendable, Hashable {
    /// What the event is.
    public enum Kind: Sendable, Hashable {
        /// A channel message: status byte (with channel) and one or two data bytes.
        case channel(status: UInt8, data1: UInt8, data2: UInt8)
        /// A meta event (FF type length data).
        case meta(type: UInt8, data: [UInt8])
        /// A SysEx message (F0 … or F7 …), data without the length.
        case sysex(status: UInt8, data: [UInt8])
    }

    /// Absolute time in ticks from the start of the track.
    public var tick: Int
    /// The event.
    public var kind: Kind

    /// An event.
    public init(tick: Int, _ kind: Kind) {
        self.tick = tick
        self.kind = kind
    }

    // MARK: - Common events

    /// Note on (velocity 0 would be a note off; use `noteOff`).
    public static func noteOn(_ tick: Int, channel: Int, key: Int, velocity: Int) -> MIDIEvent {
        MIDIEvent(tick: tick, .channel(status: 0x90 | UInt8(channel & 0x0F), data1: UInt8(key & 0x7F), data2: UInt8(velocity & 0x7F)))
    }

    /// Note off.
    public static func noteOff(_ tick: Int, channel: Int, key: Int) -> MIDIEvent {
        MIDIEvent(tick: tick, .channel(status: 0x80 | UInt8(channel & 0x0F), data1: UInt8(key & 0x7F), data2: 64))
    }

    /// Control change.
    public static func control(_ tick: Int, channel: Int, controller: Int, value: Int) -> MIDIEvent {
        MIDIEvent(tick: tick, .channel(status: 0xB0 | UInt8(channel & 0x0F), data1: UInt8(controller & 0x7F), data2: UInt8(value & 0x7F)))
    }

    /// Program change.
    public static func program(_ tick: Int, channel: Int, program: Int) -> MIDIEvent {
        MIDIEvent(tick: tick, .channel(status: 0xC0 | UInt8(channel & 0x0F), data1: UInt8(program & 0x7F), data2: 0))
    }

    /// A tempo meta event (FF 51): microseconds a quarter note, three bytes.
    public static func tempo(_ tick: Int, _ tempo: Tempo) -> MIDIEvent {
        let microseconds = max(1, min(0xFF_FFFF, Int((60_000_000 / tempo.quarterNotesPerMinute).rounded())))
        return MIDIEvent(tick: tick, .meta(type: MetaType.tempo, data: [UInt8(microseconds >> 16 & 0xFF), UInt8(microseconds >> 8 & 0xFF), UInt8(microseconds & 0xFF)]))
    }

    /// A time signature meta event (FF 58); nil for free meter, which MIDI cannot say.
    public static func timeSignature(_ tick: Int, _ meter: Meter) -> MIDIEvent? {
        guard meter.symbol != .free else { return nil }
        let denominatorPower = UInt8(max(0, meter.beatUnit.trailingZeroBitCount))
        // MIDI clocks per metronome click: a dotted quarter in compound meters, else the beat.
        let clocks = UInt8(min(255, 96 * meter.pulse.numerator / meter.pulse.denominator))
        return MIDIEvent(tick: tick, .meta(type: MetaType.timeSignature, data: [UInt8(min(255, meter.beats)), denominatorPower, clocks, 8]))
    }

    /// A key signature meta event (FF 59): sharps (or flats, negative) and major or minor.
    public static func keySignature(_ tick: Int, _ key: Key) -> MIDIEvent {
        let fifths = max(-7, min(7, key.fifths))
        let minor: UInt8 = (key.mode == .minor || key.mode == .aeolian) ? 1 : 0
        return MIDIEvent(tick: tick, .meta(type: MetaType.keySignature, data: [UInt8(bitPattern: Int8(fifths)), minor]))
    }

    /// A text-like meta event (01 text, 02 copyright, 03 track name, 05 lyric, 06 marker).
    public static func text(_ tick: Int, type: UInt8, _ text: String, encoding: MIDITextEncoding = .utf8) -> MIDIEvent {
        MIDIEvent(tick: tick, .meta(type: type, data: encoding.encode(text)))
    }

    /// The channel of a channel message.
    public var channel: Int? {
        if case .channel(let status, _, _) = kind { return Int(status & 0x0F) }
        return nil
    }

    /// Whether this is a note-on with non-zero velocity.
    public var isNoteOn: Bool {
        if case .channel(let status, _, let velocity) = kind { return status & 0xF0 == 0x90 && velocity > 0 }
        return false
    }

    /// Whether this ends a note (note-off, or note-on with velocity 0).
    public var isNoteOff: Bool {
        if case .channel(let status, _, let velocity) = kind { return status & 0xF0 == 0x80 || (status & 0xF0 == 0x90 && velocity == 0) }
        return false
    }

    /// Meta type numbers used here (Standard MIDI Files 1.0).
    public enum MetaType {
        public static let text: UInt8 = 0x01
        public static let copyright: UInt8 = 0x02
        public static let trackName: UInt8 = 0x03
        public static let lyric: UInt8 = 0x05
        public static let marker: UInt8 = 0x06
        public static let endOfTrack: UInt8 = 0x2F
        public static let tempo: UInt8 = 0x51
        public static let timeSignature: UInt8 = 0x58
        public static let keySignature: UInt8 = 0x59
    }
}
