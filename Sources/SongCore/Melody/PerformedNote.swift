/// A note as it is heard: repeats, endings and parts played out, ties joined.
public struct PerformedNote: Sendable, Hashable, Codable {
    /// When it starts, from the start of the tune.
    public var onset: NoteLength
    /// How long it sounds.
    public var duration: NoteLength
    /// The pitch.
    public var pitch: Pitch

    /// A performed note.
    public init(onset: NoteLength, duration: NoteLength, pitch: Pitch) {
        self.onset = onset
        self.duration = duration
        self.pitch = pitch
    }
}
