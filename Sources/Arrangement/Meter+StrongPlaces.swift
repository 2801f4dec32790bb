import SongCore

extension Meter {
    /// The beats a bar is felt in: a compound meter's dotted beats (6/8 is two), else its beats.
    var felt: Int { isCompound ? beats / 3 : beats }

    /// Whether a bar of this meter is felt in two halves (two or four felt beats: 4/4, 2/2, 2/4, 6/8, 12/8).
    public var hasHalfBar: Bool { felt % 2 == 0 }

    /// Whether `position` in a bar is a strong place: the downbeat, the half bar (in a meter felt in halves), or
    /// a compound meter's beat. Where the harmoniser weighs a sung note most, and where its chords are judged. (The
    /// band's own `isStrong` counts the half bar of four beats only: it keeps out of parallels on those.)
    func isStrong(_ position: NoteLength) -> Bool {
        guard let bar = barLength else { return position.isZero }
        return position.isZero || (hasHalfBar && position == bar * NoteLength(1, 2)) || (isCompound && (position / pulse).denominator == 1)
    }
}
