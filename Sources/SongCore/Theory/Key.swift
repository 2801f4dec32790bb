import Foundation

/// A key: a tonic and a mode, with any explicit accidentals that ABC's `K:` adds to or changes in the signature.
public struct Key: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The tonic.
    public var tonic: NoteName
    /// The mode.
    public var mode: Mode
    /// Accidentals written after the key in ABC (`K:D exp ^f _b` or `K:D ^c`), applied on top of (or instead of) the signature.
    public var explicitAccidentals: [NoteName]
    /// ABC's `exp`: the explicit accidentals are the whole signature.
    public var explicitOnly: Bool

    /// A key from its tonic and mode.
    public init(_ tonic: NoteName, _ mode: Mode = .major, explicitAccidentals: [NoteName] = [], explicitOnly: Bool = false) {
        self.tonic = tonic
        self.mode = mode
        self.explicitAccidentals = explicitAccidentals
        self.explicitOnly = explicitOnly
    }

    /// C major: what a song without a key is read in.
    public static let cMajor = Key(.c)

    /// Number of sharps (positive) or flats (negative) in the conventional signature.
    public var fifths: Int {
        // The relative Ionian tonic, then its position on the circle of fifths.
        let ionian = tonic.transposed(by: Interval(steps: -mode.stepsFromIonian, semitones: -mode.offsetFromIonian))
        let natural = switch ionian.letter {
        case .f: -1
        case .c: 0
        case .g: 1
        case .d: 2
        case .a: 3
        case .e: 4
        case .b: 5
        }
        return natural + 7 * ionian.accidental
    }

    /// The key signature: the accidental each letter carries.
    public var signature: KeySignature {
        var sig = explicitOnly ? KeySignature() : KeySignature(fifths: fifths)
        for name in explicitAccidentals { sig.set(name.letter, name.accidental) }
        return sig
    }

    /// The seven notes of the key's scale, spelled one per letter from the tonic.
    public var scale: Scale { Scale(tonic: tonic, mode: mode) }

    /// Chord-style name: `G`, `Em`, `D dorian`-style modes as `Ddor`.
    public var description: String { tonic.description + mode.abcSuffix }

    /// Reads a key as typed in ChordPro or on the command line: `G`, `Em`, `F#m`, `Bb`, `Ddor`, `A minor`, `Eb major`.
    public init?(_ text: some StringProtocol) {
        let trimmed = text.trimmingWhitespace()
        guard let (tonic, rest) = NoteName.parsePrefix(Substring(trimmed)) else { return nil }
        let word = rest.trimmingWhitespace()
        guard let mode = Mode(abcWord: word) else { return nil }
        self.init(tonic, mode)
    }
}
