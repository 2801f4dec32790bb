/// A chord symbol on a lead sheet: a chord, or N.C. (no chord).
public enum ChordSymbol: Sendable, Hashable, CustomStringConvertible {
    /// A sounding chord. (Kept behind a reference: a chord is 64 bytes, and every note and rest carries an optional
    /// chord symbol, so holding it inline made each element of a melody twice the size and slower to copy.)
    indirect case chord(Chord)
    /// N.C.: the band stops.
    case noChord

    /// The chord, if this is not N.C.
    public var chord: Chord? {
        if case .chord(let c) = self { return c }
        return nil
    }

    /// The pitch classes sounded; empty for N.C.
    public var pitchClasses: Set<Int> { chord?.pitchClasses ?? [] }

    /// The canonical ASCII spelling: `Am7`, `Bbmaj7`, `F#m7b5`, `Cdim7`, `G/B`, `N.C.`.
    public var description: String {
        switch self {
        case .noChord: "N.C."
        case .chord(let c): c.symbol
        }
    }
}
