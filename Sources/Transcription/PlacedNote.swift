/// A note of a transcribed tune as it is placed in the song's time: what a facilitator sees on the capture page,
/// can nudge up or down or make longer or shorter, and sends back to become the contribution.
public struct PlacedNote: Sendable, Hashable, Codable {
    /// The MIDI note.
    public var pitch: Int
    /// Where it starts, in quarter notes from the start of the tune (the upbeat's first beat is 0), on a grid of
    /// twelfths of a quarter (sixteenths and triplet sixteenths).
    public var start: Double
    /// How long it lasts, in quarter notes.
    public var length: Double
    /// How sure the transcriber is, 0…1 (1 for a note a person placed or changed).
    public var confidence: Double

    public init(pitch: Int, start: Double, length: Double, confidence: Double = 1) {
        self.pitch = pitch
        self.start = start
        self.length = length
        self.confidence = confidence
    }

    /// Below this, a note is shown as doubtful.
    public static let doubtful = 0.5
    /// The most notes a placed tune may have, the highest start and the longest note, in quarter notes: what a
    /// ten-minute take could hold (checked where placed notes come in from a page).
    public static let most = 4_000
    public static let latestStart = 4_000.0
    public static let longest = 64.0
}
