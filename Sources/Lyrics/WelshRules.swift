/// Welsh syllables by Welsh spelling: the vowels are a e i o u w y (with their accented forms â ê î ô û ŵ ŷ and
/// the rest); a diphthong (ae, ai, au, aw, ei, eu, ew, ey, iw, oe, oi, ou, ow, uw, wy, yw, and their accented
/// forms) is one syllable; w before a vowel, and i at the start of a word before a vowel, are consonants (gwlad,
/// gwyn, iaith). The stress falls on the last syllable but one.
enum WelshRules {
    static let vowels: Set<Character> = Set("aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ")
    static let diphthongs: Set<String> = ["ae", "ai", "au", "aw", "ei", "eu", "ew", "ey", "iw", "oe", "oi", "ou", "ow", "uw", "wy", "yw", "ŵy", "ôe", "âe", "âu", "ŷw", "ew"]

    /// Everyday Welsh words that are not English words, for telling a Welsh line from an English one.
    static let commonWords: Set<String> = [
        "yn", "yr", "mae", "mae'r", "a'r", "i'r", "o'r", "ac", "ar", "dros", "gyda", "gyda'r", "efo", "ein", "eich", "fy", "dy",
        "ni", "chi", "nhw", "ydy", "ydw", "oedd", "wedi", "bach", "mawr", "cwm", "hwn", "hon", "sy", "sydd", "dan", "tan",
        "hefyd", "iawn", "da", "diolch", "croeso", "cymru", "cân", "canu", "canwn", "gwlad", "hen", "nos", "dydd", "haul", "môr",
    ]

    /// Plain letters for the accented ones, so diphthongs match whatever the accent.
    static func plain(_ c: Character) -> Character {
        switch c {
        case "â", "á", "à", "ä": "a"
        case "ê", "é", "è", "ë": "e"
        case "î", "í", "ì", "ï": "i"
        case "ô", "ó", "ò", "ö": "o"
        case "û", "ú", "ù", "ü": "u"
        case "ŵ", "ẃ", "ẁ", "ẅ": "w"
        case "ŷ", "ý", "ỳ", "ÿ": "y"
        default: c
        }
    }

    /// The syllables of a Welsh word, as vowel nuclei: their count.
    static func syllableCount(_ word: String) -> Int {
        max(1, nuclei(word).count)
    }

    /// Character ranges of each syllable's vowel nucleus.
    static func nuclei(_ word: String) -> [Range<Int>] {
        let w = Array(word.lowercased()).filter { $0.isLetter }
        var out: [Range<Int>] = []
        var i = 0
        func isV(_ k: Int) -> Bool { k < w.count && vowels.contains(w[k]) }
        while i < w.count {
            guard isV(i) else { i += 1; continue }
            // w or i gliding into a following vowel is a consonant.
            if plain(w[i]) == "w", isV(i + 1), plain(w[i + 1]) != "y" || (i > 0 && "g".contains(w[i - 1])) {
                if !(i > 0 && isV(i - 1)) { i += 1; continue }
            }
            if plain(w[i]) == "i", i == 0, isV(i + 1) { i += 1; continue }
            let start = i
            if isV(i + 1), diphthongs.contains(String([plain(w[i]), plain(w[i + 1])])) {
                i += 2
            } else {
                i += 1
            }
            out.append(start..<i)
        }
        return out
    }

    /// Stress on the penultimate syllable.
    static func stresses(count: Int) -> [Int] {
        (0..<count).map { count == 1 || $0 == count - 2 ? 1 : 0 }
    }

    /// Whether a word looks Welsh rather than English: Welsh letters and letter pairs English does not use.
    static func looksWelsh(_ word: String) -> Bool {
        let w = word.lowercased()
        if w.contains(where: { "ŵŷâêîôû".contains($0) }) { return true }
        let markers = ["dd", "ll", "wy", "yw", "ch", "rh", "ff", "ae", "au", "nh", "mh", "ngh"]
        let letters = Array(w)
        // w or y between consonants (cwm, bryn, llyn) is a Welsh vowel.
        for k in 1..<max(1, letters.count - 1) where (letters[k] == "w" || letters[k] == "y") && !EnglishRules.isVowel(letters[k - 1]) && !EnglishRules.isVowel(letters[k + 1]) && letters[k - 1] != "w" {
            if letters[k] == "w" || (letters[k] == "y" && letters.count <= 5) { return true }
        }
        // (Looked for in the UTF-8 bytes: the markers are ASCII, and Foundation's substring search was most of a
        // song page's Welsh marking.)
        let bytes = Array(w.utf8)
        func holds(_ marker: String) -> Bool {
            let m = Array(marker.utf8)
            guard bytes.count >= m.count else { return false }
            return (0...(bytes.count - m.count)).contains { start in m.indices.allSatisfy { bytes[start + $0] == m[$0] } }
        }
        return markers.filter(holds).count >= 2 || w.hasPrefix("ll") || w.hasPrefix("rh") || w.hasPrefix("dd") || w.hasSuffix("dd")
    }
}
