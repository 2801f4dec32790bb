import SongCore

/// A comfortable singing range for a group of voices, as MIDI note numbers, with where the figures come from.
public struct VoiceRange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The group's name (`child`, `older-adult`, or a name given on the command line).
    public var name: String
    /// Lowest comfortable note.
    public var low: Int
    /// Highest comfortable note.
    public var high: Int
    /// Whether the group includes lower voices that sing an octave below the range given (men, changed voices).
    public var octaveDown: Bool
    /// Where the range comes from.
    public var source: String

    /// A range.
    public init(name: String, low: Int, high: Int, octaveDown: Bool = false, source: String = "given on the command line") {
        self.name = name
        self.low = low
        self.high = high
        self.octaveDown = octaveDown
        self.source = source
    }

    public var description: String {
        "\(name) \(VoiceRange.noteName(low))–\(VoiceRange.noteName(high))\(octaveDown ? " (lower voices an octave down)" : "")"
    }

    static func noteName(_ midi: Int) -> String { Key.cMajor.spell(midiNumber: midi).description }

    /// The comfortable ranges Songbridge assumes for each generation, the higher voices' range; lower voices
    /// sing an octave below where `octaveDown` is set.
    public static let table: [Generation: VoiceRange] = [
        // Children: D4 is about the lowest note young children sing in tune without forcing, and most sing
        // comfortably a sixth to an octave above it (R. E. Johnson, "Singing in the key of D is best for the young
        // child", Music Intelligence Project, 2012); primary-school ranges reach about C4–F5 (yamspace.org,
        // "The range of children", 2015). The tour sings with primary classes (Years 2 to 6), so Songbridge takes
        // C4 at the bottom, with the top kept at D5, what a whole class can reach.
        .child: VoiceRange(name: "child", low: 60, high: 74, source: "yamspace.org 2015 (school ages C4–F5); Johnson 2012 (D4 for young children); Songbridge keeps C4–D5"),
        // Teenagers: unchanged voices as children's upper range, changed voices an octave down.
        .teen: VoiceRange(name: "teen", low: 60, high: 74, octaveDown: true, source: "as children's range extended to C4, changed voices an octave lower (Songbridge's working value)"),
        // Adults: higher voices about A3–D5, lower voices an octave down: Songbridge's working value, wider than
        // the older-adult range below; it wants a published source.
        .youngAdult: VoiceRange(name: "young-adult", low: 57, high: 74, octaveDown: true, source: "Songbridge's working value (A3–D5, lower voices an octave down)"),
        .adult: VoiceRange(name: "adult", low: 57, high: 74, octaveDown: true, source: "Songbridge's working value (A3–D5, lower voices an octave down)"),
        // Older adults: 514 people over 65 averaged 19 semitones, F3 to C5 for women and nearly an octave lower for
        // men (R. S. Moore, M. J. Staum, M. Brotons, "Music preferences of the elderly: repertoire, vocal ranges,
        // tempos, and accompaniments for singing", Journal of Music Therapy 29(4), 1992, 236–252).
        .olderAdult: VoiceRange(name: "older-adult", low: 53, high: 72, octaveDown: true, source: "Moore, Staum & Brotons 1992: F3–C5 (women), an octave lower (men)"),
        .unknown: VoiceRange(name: "unknown", low: 57, high: 72, octaveDown: true, source: "the overlap of the adult and older-adult ranges"),
    ]

    /// Reads a group: a generation (`child`, `older-adult`) or `NAME=LOW-HIGH` with note names (`altos=G3-C5`).
    public init?(group text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let g = Generation(rawValue: t), let r = VoiceRange.table[g] { self = r; return }
        let parts = t.split(separator: "=", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let bounds = parts[1].split(separator: "-")
        guard bounds.count == 2, let lo = VoiceRange.midi(String(bounds[0])), let hi = VoiceRange.midi(String(bounds[1])), lo < hi else { return nil }
        self.init(name: String(parts[0]), low: lo, high: hi)
    }

    /// A note name with octave (`C4`, `F#3`, `Bb2`) as a MIDI number.
    static func midi(_ text: String) -> Int? {
        guard let (name, rest) = NoteName.parsePrefix(Substring(text)), let octave = Int(rest) else { return nil }
        return Pitch(name, octave: octave).midiNumber
    }
}
