/// One ARPAbet phone as the lexicon stores it: consonants 1–24, vowels 32 + 3 × vowel + stress.
public struct Phone: Sendable, Hashable {
    /// The stored code.
    public let code: UInt8

    static let consonants = ["B", "CH", "D", "DH", "F", "G", "HH", "JH", "K", "L", "M", "N", "NG", "P", "R", "S", "SH", "T", "TH", "V", "W", "Y", "Z", "ZH"]
    static let vowels = ["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"]

    /// A phone from its code.
    public init(code: UInt8) { self.code = code }

    /// A phone from ARPAbet (`AH0`, `K`); nil if it is not one.
    public init?(arpabet: some StringProtocol) {
        let s = String(arpabet)
        if let i = Phone.consonants.firstIndex(of: s) { code = UInt8(i + 1); return }
        guard let last = s.last, let stress = last.wholeNumberValue, stress <= 2, let v = Phone.vowels.firstIndex(of: String(s.dropLast())) else { return nil }
        code = UInt8(32 + 3 * v + stress)
    }

    /// Whether it is a vowel (the nucleus of a syllable).
    public var isVowel: Bool { code >= 32 }
    /// For vowels: 0 unstressed, 1 primary, 2 secondary stress.
    public var stress: Int { isVowel ? Int(code - 32) % 3 : 0 }
    /// The vowel without its stress, or the consonant: what rhymes compare.
    public var sound: UInt8 { isVowel ? 32 + (code - 32) / 3 : code }
    /// ARPAbet spelling.
    public var arpabet: String {
        isVowel ? Phone.vowels[Int(code - 32) / 3] + String(stress) : Phone.consonants[Int(code) - 1]
    }
}
