/// One of the seven note letters, C to B.
public enum Letter: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case c = 0, d, e, f, g, a, b

    /// Semitones above C of the natural note.
    public var naturalSemitone: Int {
        switch self {
        case .c: 0
        case .d: 2
        case .e: 4
        case .f: 5
        case .g: 7
        case .a: 9
        case .b: 11
        }
    }

    /// The upper-case letter as written in note names.
    public var symbol: Character {
        switch self {
        case .c: "C"
        case .d: "D"
        case .e: "E"
        case .f: "F"
        case .g: "G"
        case .a: "A"
        case .b: "B"
        }
    }

    /// Reads an upper- or lower-case letter.
    public init?(_ character: Character) {
        switch character {
        case "C", "c": self = .c
        case "D", "d": self = .d
        case "E", "e": self = .e
        case "F", "f": self = .f
        case "G", "g": self = .g
        case "A", "a": self = .a
        case "B", "b": self = .b
        default: return nil
        }
    }

    /// Reads an ASCII letter byte (`A`–`G`, `a`–`g`) without going through `Character`.
    public init?(ascii byte: UInt8) {
        let upper = byte & 0xDF  // ASCII upper case
        switch upper {
        case 0x43: self = .c
        case 0x44: self = .d
        case 0x45: self = .e
        case 0x46: self = .f
        case 0x47: self = .g
        case 0x41: self = .a
        case 0x42: self = .b
        default: return nil
        }
    }

    /// The letter `steps` letters above (negative: below), wrapping around the octave.
    public func advanced(by steps: Int) -> Letter {
        Letter(rawValue: ((rawValue + steps) % 7 + 7) % 7)!
    }

    public static func < (lhs: Letter, rhs: Letter) -> Bool { lhs.rawValue < rhs.rawValue }
}
