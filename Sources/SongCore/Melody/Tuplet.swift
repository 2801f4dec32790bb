/// A tuplet: `count` notes in the time of `inTimeOf` (ABC `(p:q:r`: p notes in the time of q, for the next r notes).
public struct Tuplet: Sendable, Hashable, Codable {
    /// p: how many notes are played.
    public var count: Int
    /// q: in the time of how many.
    public var inTimeOf: Int
    /// r: how many following notes the tuplet covers.
    public var notes: Int

    /// A tuplet `(p:q:r`.
    public init(count: Int, inTimeOf: Int, notes: Int) {
        self.count = count
        self.inTimeOf = inTimeOf
        self.notes = notes
    }

    /// Written length times this factor gives the played length (q/p).
    public var factor: Duration { Duration(inTimeOf, count) }
}
