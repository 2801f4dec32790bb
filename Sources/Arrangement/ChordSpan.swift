import SongCore

/// A chord held for a stretch of a performance.
public struct ChordSpan: Sendable, Hashable {
    /// When it starts.
    public var at: NoteLength
    /// How long it lasts.
    public var duration: NoteLength
    /// The chord (N.C. means silence).
    public var symbol: ChordSymbol
    /// The meter in force, so styles can find the bar lines.
    public var meter: Meter
    /// Where the bar containing `at` started.
    public var barStart: NoteLength

    /// A chord span.
    public init(at: NoteLength, duration: NoteLength, symbol: ChordSymbol, meter: Meter, barStart: NoteLength) {
        self.at = at
        self.duration = duration
        self.symbol = symbol
        self.meter = meter
        self.barStart = barStart
    }
}
