/// A note found in a take.
public struct TranscribedNote: Sendable, Hashable, Codable {
    /// When it starts and ends, in seconds from the start of the take.
    public var onset: Double
    public var offset: Double
    /// The MIDI note it is heard as, after the take's tuning offset is allowed for.
    public var midiNote: Int
    /// Its median pitch, in cents above MIDI note 0, as sung (before the tuning offset).
    public var cents: Double
    /// How sure the transcriber is, 0…1: how much of the note's frames' evidence was for a voiced pitch, times how
    /// near the sung pitch lies to the note (a pitch halfway between two notes is doubtful).
    public var confidence: Double

    public init(onset: Double, offset: Double, midiNote: Int, cents: Double, confidence: Double) {
        self.onset = onset
        self.offset = offset
        self.midiNote = midiNote
        self.cents = cents
        self.confidence = confidence
    }
}
