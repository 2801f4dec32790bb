/// A rest: audible silence (`z`), an invisible rest (`x`), or whole bars of rest (`Z4`).
public struct Rest: Sendable, Hashable, Codable {
    /// How long it lasts; for multi-bar rests this is one bar times `bars`.
    public var duration: NoteLength
    /// Invisible in notation (`x`, `X`).
    public var invisible: Bool
    /// For multi-bar rests (`Z`, `X`), the number of bars; nil for an ordinary rest.
    public var bars: Int?
    /// A chord symbol that starts on this rest.
    public var chordSymbol: ChordSymbol?
    /// Decorations as written.
    public var decorations: [String]
    /// Other annotations.
    public var annotations: [String]

    /// A rest with nothing attached.
    public init(
        duration: NoteLength, invisible: Bool = false, bars: Int? = nil, chordSymbol: ChordSymbol? = nil,
        decorations: [String] = [], annotations: [String] = []
    ) {
        self.duration = duration
        self.invisible = invisible
        self.bars = bars
        self.chordSymbol = chordSymbol
        self.decorations = decorations
        self.annotations = annotations
    }
}
