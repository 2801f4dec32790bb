import SongCore

/// `none`: the melody alone, exactly as written with repeats played out.
public struct MelodyOnlyStyle: ArrangementStyle {
    public let name = "none"
    public let summary = "The melody alone, on a piano, exactly as written."
    public let leadProgram = 0

    /// A melody-only style.
    public init() {}

    public func accompaniment(for chords: [ChordSpan]) -> [PerformanceTrack] { [] }
}
