import SongCore

/// One tune of an ABC file: its reference number, its other header fields, its melody and any unaligned words.
public struct ABCTune: Sendable, Hashable, Codable {
    /// `X:` reference number, if given.
    public var reference: Int?
    /// Header fields other than X, M, L, Q, P and K (those live in the melody), in order.
    public var fields: [ABCField]
    /// The melody, with aligned words (`w:`) on its notes.
    public var melody: Melody
    /// Words printed after the tune (`W:` lines).
    public var words: [String]

    /// A tune.
    public init(reference: Int? = nil, fields: [ABCField] = [], melody: Melody = Melody(), words: [String] = []) {
        self.reference = reference
        self.fields = fields
        self.melody = melody
        self.words = words
    }

    /// Values of every field with this letter, in order.
    public func values(_ letter: String) -> [String] { fields.filter { $0.letter == letter }.map(\.value) }

    /// The first title.
    public var title: String? { values("T").first }
}
