/// One sounding note of a performance, timed exactly from the start (in whole notes).
public struct PerformanceNote: Sendable, Hashable, Codable {
    /// When it starts.
    public var onset: NoteLength
    /// How long it sounds.
    public var duration: NoteLength
    /// MIDI key number.
    public var key: Int
    /// MIDI velocity 1–127.
    public var velocity: Int

    /// A note.
    public init(onset: NoteLength, duration: NoteLength, key: Int, velocity: Int) {
        self.onset = onset
        self.duration = duration
        self.key = key
        self.velocity = velocity
    }
}
