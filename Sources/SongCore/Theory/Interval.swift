/// An interval with both its letter distance and its size, so an augmented fourth and a diminished fifth differ.
public struct Interval: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Letter steps: 0 unison, 1 second, …, 6 seventh, 7 octave (may be negative for descending).
    public var steps: Int
    /// Size in semitones.
    public var semitones: Int

    /// An interval from its letter steps and semitones.
    public init(steps: Int, semitones: Int) {
        self.steps = steps
        self.semitones = semitones
    }

    /// The interval from `lower` up to `upper` within one octave (unison to major seventh and the augmented/diminished forms).
    public init(from lower: NoteName, to upper: NoteName) {
        let steps = ((upper.letter.rawValue - lower.letter.rawValue) % 7 + 7) % 7
        var semis = (upper.letter.naturalSemitone + upper.accidental) - (lower.letter.naturalSemitone + lower.accidental)
        semis = (semis % 12 + 12) % 12
        // Keep the size consistent with the letter distance (e.g. B♯ above B is +1, not +13 or −11).
        let natural = Interval.majorOrPerfect[steps]
        if semis - natural > 6 { semis -= 12 }
        if natural - semis > 6 { semis += 12 }
        self.init(steps: steps, semitones: semis)
    }

    /// The same interval pointing the other way.
    public var inverted: Interval { Interval(steps: -steps, semitones: -semitones) }

    /// Major or perfect sizes of unison … seventh.
    static let majorOrPerfect = [0, 2, 4, 5, 7, 9, 11]

    /// Short name such as `M3`, `P5`, `m7`, `A4`, `d5`.
    public var description: String {
        let s = ((steps % 7) + 7) % 7
        let octaves = (steps - s) / 7
        let size = semitones - 12 * octaves
        let base = Interval.majorOrPerfect[s]
        let perfect = [0, 3, 4].contains(s)
        let diff = size - base
        let quality: String
        if perfect {
            quality = diff == 0 ? "P" : diff > 0 ? String(repeating: "A", count: diff) : String(repeating: "d", count: -diff)
        } else {
            switch diff {
            case 0: quality = "M"
            case -1: quality = "m"
            case let d where d > 0: quality = String(repeating: "A", count: d)
            default: quality = String(repeating: "d", count: -diff - 1)
            }
        }
        return "\(quality)\(steps + 1)"
    }

    public static let unison = Interval(steps: 0, semitones: 0)
    public static let minorSecond = Interval(steps: 1, semitones: 1)
    public static let majorSecond = Interval(steps: 1, semitones: 2)
    public static let minorThird = Interval(steps: 2, semitones: 3)
    public static let majorThird = Interval(steps: 2, semitones: 4)
    public static let perfectFourth = Interval(steps: 3, semitones: 5)
    public static let augmentedFourth = Interval(steps: 3, semitones: 6)
    public static let diminishedFifth = Interval(steps: 4, semitones: 6)
    public static let perfectFifth = Interval(steps: 4, semitones: 7)
    public static let augmentedFifth = Interval(steps: 4, semitones: 8)
    public static let minorSixth = Interval(steps: 5, semitones: 8)
    public static let majorSixth = Interval(steps: 5, semitones: 9)
    public static let diminishedSeventh = Interval(steps: 6, semitones: 9)
    public static let minorSeventh = Interval(steps: 6, semitones: 10)
    public static let majorSeventh = Interval(steps: 6, semitones: 11)
    public static let octave = Interval(steps: 7, semitones: 12)
}
