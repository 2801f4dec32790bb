/// A key's mode: major, minor and the church modes that ABC names.
public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
    case major, minor, ionian, dorian, phrygian, lydian, mixolydian, aeolian, locrian

    /// Semitones above the tonic of each scale degree.
    public var scaleSemitones: [Int] {
        switch self {
        case .major, .ionian: [0, 2, 4, 5, 7, 9, 11]
        case .dorian: [0, 2, 3, 5, 7, 9, 10]
        case .phrygian: [0, 1, 3, 5, 7, 8, 10]
        case .lydian: [0, 2, 4, 6, 7, 9, 11]
        case .mixolydian: [0, 2, 4, 5, 7, 9, 10]
        case .minor, .aeolian: [0, 2, 3, 5, 7, 8, 10]
        case .locrian: [0, 1, 3, 5, 6, 8, 10]
        }
    }

    /// Semitones from the relative major's tonic up to this mode's tonic.
    var offsetFromIonian: Int {
        switch self {
        case .major, .ionian: 0
        case .dorian: 2
        case .phrygian: 4
        case .lydian: 5
        case .mixolydian: 7
        case .minor, .aeolian: 9
        case .locrian: 11
        }
    }

    /// Letter steps from the relative major's tonic up to this mode's tonic.
    var stepsFromIonian: Int {
        switch self {
        case .major, .ionian: 0
        case .dorian: 1
        case .phrygian: 2
        case .lydian: 3
        case .mixolydian: 4
        case .minor, .aeolian: 5
        case .locrian: 6
        }
    }

    /// Whether the third above the tonic is minor.
    public var isMinorLike: Bool { scaleSemitones[2] == 3 }

    /// Suffix in chord-style key names (`Am`) and in ABC (`Dmix`): empty for major.
    public var abcSuffix: String {
        switch self {
        case .major: ""
        case .minor: "m"
        case .ionian: "ion"
        case .dorian: "dor"
        case .phrygian: "phr"
        case .lydian: "lyd"
        case .mixolydian: "mix"
        case .aeolian: "aeo"
        case .locrian: "loc"
        }
    }

    /// Reads a mode word as ABC allows: any case, only the first three letters count
    /// (`m`, `min`, `minor`, `Dor`, `MIXOLYDIAN`, `maj`). An empty word is major.
    public init?(abcWord: some StringProtocol) {
        let w = abcWord.lowercased()
        if w.isEmpty { self = .major; return }
        if w == "m" { self = .minor; return }
        guard w.count >= 3 else { return nil }
        switch String(w.prefix(3)) {
        case "maj": self = .major
        case "min": self = .minor
        case "ion": self = .ionian
        case "dor": self = .dorian
        case "phr": self = .phrygian
        case "lyd": self = .lydian
        case "mix": self = .mixolydian
        case "aeo": self = .aeolian
        case "loc": self = .locrian
        default: return nil
        }
    }
}
