/// A further voice of a tune (ABC `V:`): a harmony line, a second part for a choir. The tune's first voice is the
/// melody itself; the others are kept with it, played as parts of their own, and written back as they were.
public struct Voice: Sendable, Hashable, Codable {
    /// The `V:` definition as written after `V:` (`2 name="Alto" clef=treble`): its id comes first.
    public var definition: String
    /// Its notes, in the tune's key, meter and unit length.
    public var melody: Melody

    /// A voice.
    public init(definition: String, melody: Melody) {
        self.definition = definition
        self.melody = melody
    }

    /// Its id: the first word of the definition.
    public var id: String { String(definition.split(separator: " ").first ?? "") }
}
