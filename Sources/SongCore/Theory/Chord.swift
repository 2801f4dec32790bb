/// A chord as a lead sheet names it: root, triad quality, sixth or seventh, extensions, additions, alterations and a slash bass.
public struct Chord: Sendable, Hashable, Codable {
    /// The triad (or the power chord or suspension that stands in for it).
    public enum Quality: String, Sendable, Hashable, Codable {
        case major, minor, diminished, augmented, suspended2, suspended4, power
    }

    /// The kind of seventh, if any.
    public enum Seventh: String, Sendable, Hashable, Codable {
        case minor, major, diminished
    }

    /// A raised or lowered chord tone, such as ♭5, ♯9, ♯11 or ♭13.
    public struct Alteration: Sendable, Hashable, Codable, CustomStringConvertible {
        /// −1 flat, +1 sharp.
        public var accidental: Int
        /// The chord degree: 5, 9, 11 or 13.
        public var degree: Int
        /// An alteration from its accidental and degree.
        public init(_ accidental: Int, _ degree: Int) {
            self.accidental = accidental
            self.degree = degree
        }
        /// `b9`, `#11`.
        public var description: String { (accidental < 0 ? "b" : "#") + String(degree) }
    }

    /// The root.
    public var root: NoteName
    /// The triad quality.
    public var quality: Quality
    /// Adds a major sixth (C6, Cm6, C6/9).
    public var sixth: Bool
    /// The seventh, if any (9, 11 and 13 chords have one).
    public var seventh: Seventh?
    /// The highest stacked extension: 9, 11 or 13.
    public var extensionDegree: Int?
    /// Added tones without a seventh: 2, 4, 9, 11, 13.
    public var added: [Int]
    /// Altered tones, in the order written.
    public var alterations: [Alteration]
    /// The slash bass, if it differs from the root.
    public var bass: NoteName?

    /// A chord from its parts; most callers use `ChordSymbol(parsing:)`.
    public init(
        root: NoteName, quality: Quality = .major, sixth: Bool = false, seventh: Seventh? = nil,
        extensionDegree: Int? = nil, added: [Int] = [], alterations: [Alteration] = [], bass: NoteName? = nil
    ) {
        self.root = root
        self.quality = quality
        self.sixth = sixth
        self.seventh = seventh
        self.extensionDegree = extensionDegree
        self.added = added
        self.alterations = alterations
        self.bass = bass
    }

    // MARK: - Tones

    /// The chord tones as spelled intervals above the root, root first.
    public var intervals: [Interval] {
        var tones: [Int: Interval] = [1: .unison]  // keyed by chord degree
        switch quality {
        case .major: tones[3] = .majorThird; tones[5] = .perfectFifth
        case .minor: tones[3] = .minorThird; tones[5] = .perfectFifth
        case .diminished: tones[3] = .minorThird; tones[5] = .diminishedFifth
        case .augmented: tones[3] = .majorThird; tones[5] = .augmentedFifth
        case .suspended2: tones[2] = .majorSecond; tones[5] = .perfectFifth
        case .suspended4: tones[4] = .perfectFourth; tones[5] = .perfectFifth
        case .power: tones[5] = .perfectFifth
        }
        if sixth { tones[6] = .majorSixth }
        switch seventh {
        case .minor: tones[7] = .minorSeventh
        case .major: tones[7] = .majorSeventh
        case .diminished: tones[7] = .diminishedSeventh
        case nil: break
        }
        if let ext = extensionDegree {
            tones[9] = Interval(steps: 8, semitones: 14)
            if ext >= 11 { tones[11] = Interval(steps: 10, semitones: 17) }
            if ext >= 13 { tones[13] = Interval(steps: 12, semitones: 21) }
        }
        for degree in added {
            switch degree {
            case 2: tones[2] = .majorSecond
            case 4: tones[4] = .perfectFourth
            case 9: tones[9] = Interval(steps: 8, semitones: 14)
            case 11: tones[11] = Interval(steps: 10, semitones: 17)
            case 13: tones[13] = Interval(steps: 12, semitones: 21)
            default: break
            }
        }
        for alt in alterations {
            let base: Interval
            switch alt.degree {
            case 5: base = .perfectFifth
            case 9: base = Interval(steps: 8, semitones: 14)
            case 11: base = Interval(steps: 10, semitones: 17)
            case 13: base = Interval(steps: 12, semitones: 21)
            default: continue
            }
            tones[alt.degree] = Interval(steps: base.steps, semitones: base.semitones + alt.accidental)
        }
        return tones.keys.sorted().map { tones[$0]! }
    }

    /// The chord tones spelled from the root (root first), plus the slash bass first when there is one.
    public var notes: [NoteName] {
        let upper = intervals.map { root.transposed(by: Interval(steps: $0.steps % 7, semitones: $0.semitones % 12)) }
        if let bass, !upper.contains(bass) { return [bass] + upper }
        return upper
    }

    /// The pitch classes sounded (0 = C), bass included.
    public var pitchClasses: Set<Int> {
        var set = Set(intervals.map { (root.pitchClass + $0.semitones) % 12 })
        if let bass { set.insert(bass.pitchClass) }
        return set
    }

    /// The note the bass plays: the slash bass, or the root.
    public var bassNote: NoteName { bass ?? root }
}
