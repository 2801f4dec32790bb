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
    public var factor: NoteLength { NoteLength(inTimeOf, count) }

    /// The q that ABC assumes when a tuplet gives only p (ABC 2.1 §4.13): 2→3, 3→2, 4→3, 6→2, 8→3;
    /// 5, 7 and 9 are in the time of 3 in compound meters, else of 2.
    public static func defaultInTimeOf(count: Int, compoundMeter: Bool) -> Int {
        switch count {
        case 2, 4, 8: 3
        case 3, 6: 2
        default: compoundMeter ? 3 : 2
        }
    }
}
