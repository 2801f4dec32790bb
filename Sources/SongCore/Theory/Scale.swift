/// A seven-note scale, one note per letter from the tonic.
public struct Scale: Sendable, Hashable, Codable {
    /// The tonic.
    public var tonic: NoteName
    /// The mode that fixes the step pattern.
    public var mode: Mode

    /// A scale from its tonic and mode.
    public init(tonic: NoteName, mode: Mode) {
        self.tonic = tonic
        self.mode = mode
    }

    /// The notes from the tonic upward.
    public var notes: [NoteName] {
        mode.scaleSemitones.enumerated().map { degree, semis in tonic.transposed(by: Interval(steps: degree, semitones: semis)) }
    }

    /// The 1-based degree of `name` (same letter and accidental), or nil if it is outside the scale.
    public func degree(of name: NoteName) -> Int? {
        notes.firstIndex(of: name).map { $0 + 1 }
    }

    /// Pitch classes of the scale.
    public var pitchClasses: Set<Int> { Set(notes.map(\.pitchClass)) }
}
