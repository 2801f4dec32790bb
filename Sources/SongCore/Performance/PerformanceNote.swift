/// One sounding note of a performance, timed exactly from the start (in whole notes).
public struct PerformanceNote: Sendable, Hashable, Codable {
    /// When it starts.
    public var onset: Duration
    /// How long it sounds.
    public var duration: Duration
    /// MIDI key number.
    public var key: Int
    /// MIDI velocity 1–127.
    public var velocity: Int

    /// A note.
    public init(onset: Duration, duration: Duration, key: Int, velocity: Int) {
        self.onset = onset
        self.duration = duration
        self.key = key
        self.velocity = velocity
    }
}
