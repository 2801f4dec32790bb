/// A tune found by its notes: a version's section of a tour song, or a reference tunebook's tune; how like the
/// query it is, and where in the tune it matched. Only what the public may see: titles, places, bars.
public struct TuneMatch: Sendable, Hashable, Codable {
    /// Where the tune is kept.
    public enum Kind: String, Sendable, Hashable, Codable {
        case song
        case reference
    }

    public var kind: Kind
    /// The tour song (for a song), with the version and section whose tune matched.
    public var song: ArchivedSong?
    public var version: Int?
    public var section: String?
    /// The reference tune (for a reference): its id, collection, X: number and title.
    public var referenceTune: Int64?
    public var collection: String?
    public var number: Int?
    /// The tune's title.
    public var title: String
    /// The share of a perfect match of the whole query (0 to 1).
    public var similarity: Double
    /// The written bars the match covers in the tune (0 is an upbeat).
    public var firstBar: Int
    public var lastBar: Int
    /// How many bars the tune has, and whether it starts with an upbeat (bar 0).
    public var barCount: Int
    public var upbeat: Bool
    /// The notes of the tune matched (0-based, half-open), and of the query.
    public var tuneNotes: Range<Int>
    public var queryNotes: Range<Int>
}

extension [TuneMatch] {
    /// Whether the best two hits are about as like the query as each other (within five points in a hundred): a
    /// short or rough query, where a few more notes would tell the tunes apart.
    public var isClose: Bool {
        count >= 2 && self[0].similarity - self[1].similarity < 0.05
    }
}
