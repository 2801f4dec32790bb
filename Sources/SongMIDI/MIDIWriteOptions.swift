/// Choices for writing a performance as a Standard MIDI File.
public struct MIDIWriteOptions: Sendable, Hashable {
    /// Ticks per quarter note (480 by default).
    public var ticksPerQuarter: Int
    /// How lyric and text events are encoded.
    public var encoding: MIDITextEncoding
    /// Also write a Soft Karaoke "Words" track of FF 01 text events with `@` headers (for `.kar` players).
    public var karaoke: Bool

    /// Options; the defaults suit modern players and `mido`.
    public init(ticksPerQuarter: Int = 480, encoding: MIDITextEncoding = .utf8, karaoke: Bool = false) {
        self.ticksPerQuarter = ticksPerQuarter
        self.encoding = encoding
        self.karaoke = karaoke
    }
}
