/// How a word is said: its phones, and so its syllables, stresses and rhyme.
public struct Pronunciation: Sendable, Hashable {
    /// The phones in order.
    public var phones: [Phone]

    /// A pronunciation.
    public init(phones: [Phone]) { self.phones = phones }

    /// A pronunciation from ARPAbet text (`K AE1 T`).
    public init?(arpabet: String) {
        let parts = arpabet.split(separator: " ").compactMap { Phone(arpabet: $0) }
        guard !parts.isEmpty, parts.count == arpabet.split(separator: " ").count else { return nil }
        phones = parts
    }

    /// One syllable per vowel.
    public var syllableCount: Int { phones.filter(\.isVowel).count }

    /// The stress of each syllable: 1 primary, 2 secondary, 0 none.
    public var stresses: [Int] { phones.filter(\.isVowel).map(\.stress) }

    /// The index of the last vowel with primary stress (else secondary, else the last vowel): where a rhyme starts.
    var lastStressedVowel: Int? {
        phones.lastIndex { $0.isVowel && $0.stress == 1 } ?? phones.lastIndex { $0.isVowel && $0.stress == 2 } ?? phones.lastIndex(where: \.isVowel)
    }

    /// What perfect rhymes share: the sounds from the last primary-stressed vowel to the end, stress ignored.
    public var rhymePart: [UInt8] {
        guard let i = lastStressedVowel else { return phones.map(\.sound) }
        return phones[i...].map(\.sound)
    }

    /// The consonant (or consonants) just before the rhyming part: identical rhymes share these too.
    var onsetBeforeRhyme: [UInt8] {
        guard let i = lastStressedVowel else { return [] }
        var j = i
        while j > 0, !phones[j - 1].isVowel { j -= 1 }
        return phones[j..<i].map(\.sound)
    }

    /// ARPAbet text.
    public var arpabet: String { phones.map(\.arpabet).joined(separator: " ") }
}
