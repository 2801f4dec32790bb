/// A spelled pitch class: a letter and an accidental, so C♯ and D♭ stay different.
public struct NoteName: Sendable, Hashable, CustomStringConvertible {
    /// The letter.
    public var letter: Letter
    /// Semitones of alteration: -2 double flat, -1 flat, 0 natural, +1 sharp, +2 double sharp.
    public var accidental: Int

    /// A note name from a letter and an accidental.
    public init(_ letter: Letter, _ accidental: Int = 0) {
        self.letter = letter
        self.accidental = accidental
    }

    /// Pitch class 0–11, C = 0.
    public var pitchClass: Int { ((letter.naturalSemitone + accidental) % 12 + 12) % 12 }

    /// ASCII spelling as chord symbols are typed: `C`, `F#`, `Bb`, `Ebb`, `F##`.
    public var description: String {
        var s = String(letter.symbol)
        if accidental > 0 { s += String(repeating: "#", count: accidental) }
        if accidental < 0 { s += String(repeating: "b", count: -accidental) }
        return s
    }

    /// Spelling with the Unicode signs ♯ ♭ 𝄪 𝄫 for display.
    public var displayName: String {
        let sign: String
        switch accidental {
        case 0: sign = ""
        case 1: sign = "♯"
        case -1: sign = "♭"
        case 2: sign = "𝄪"
        case -2: sign = "𝄫"
        default: sign = accidental > 0 ? String(repeating: "♯", count: accidental) : String(repeating: "♭", count: -accidental)
        }
        return String(letter.symbol) + sign
    }

    /// Reads `C`, `c#`, `Bb`, `E♭`, `F♯`, `Bbb`, `F##`, `F𝄪`. The whole string must be a note name.
    public init?(_ text: some StringProtocol) {
        guard let (name, rest) = NoteName.parsePrefix(Substring(text)), rest.isEmpty else { return nil }
        self = name
    }

    /// Reads a note name at the start of `text` and returns it with the rest of the text.
    /// A `b` straight after the letter is always a flat (`Bb7` is B♭7), as on lead sheets.
    public static func parsePrefix(_ text: Substring) -> (NoteName, Substring)? {
        guard let first = text.first, let letter = Letter(first) else { return nil }
        var rest = text.dropFirst()
        var accidental = 0
        while let c = rest.first {
            switch c {
            case "#", "♯": accidental += 1
            case "♭", "b": accidental -= 1
            case "𝄪": accidental += 2
            case "𝄫": accidental -= 2
            default:
                return (NoteName(letter, accidental), rest)
            }
            if abs(accidental) > 2 { return nil }
            rest = rest.dropFirst()
        }
        return (NoteName(letter, accidental), rest)
    }

    /// The note name `interval` above this one, spelled by the interval's letter distance.
    public func transposed(by interval: Interval) -> NoteName {
        let newLetter = letter.advanced(by: interval.steps)
        let target = letter.naturalSemitone + accidental + interval.semitones
        var acc = (target - newLetter.naturalSemitone) % 12
        if acc > 6 { acc -= 12 }
        if acc < -6 { acc += 12 }
        return NoteName(newLetter, acc)
    }

    public static let c = NoteName(.c), d = NoteName(.d), e = NoteName(.e), f = NoteName(.f)
    public static let g = NoteName(.g), a = NoteName(.a), b = NoteName(.b)
}
