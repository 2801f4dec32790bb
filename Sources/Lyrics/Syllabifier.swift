/// Splits a written word into a given number of singable syllables by spelling: one vowel group (nucleus) per
/// syllable; a single consonant between vowels starts the next syllable (`o-pen`), two are split (`won-der`), and
/// digraphs and blends stay together (`fa-ther`, `hun-dred`, Welsh `ll`, `dd`, `ch`).
enum Syllabifier {
    static let englishDigraphs: Set<String> = ["th", "sh", "ch", "ph", "wh", "gh", "ck", "ng", "qu"]
    /// Welsh letters written with two characters (ch, dd, ff, ng, ll, ph, rh, th) are one sound.
    static let welshDigraphs: Set<String> = ["ch", "dd", "ff", "ng", "ll", "ph", "rh", "th"]
    static let liquidBlends: Set<String> = ["bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "tr"]
    static let blends: Set<String> = ["bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "tr", "sc", "sk", "sl", "sm", "sn", "sp", "st", "sw", "tw", "wr", "kn", "gw"]

    /// `word` in `count` pieces (fewer if it has fewer letters). Punctuation stays with the piece it touches.
    static func split(_ word: String, into count: Int, welsh: Bool) -> [String] {
        let chars = Array(word)
        guard count > 1, chars.count > 1 else { return [word] }
        let lower = chars.map { Character($0.lowercased()) }
        var nuclei: [Range<Int>]
        if welsh {
            // Map letter indices back to positions in the word.
            let letterPositions = lower.indices.filter { lower[$0].isLetter }
            nuclei = WelshRules.nuclei(word).map { letterPositions[$0.lowerBound]..<(letterPositions[$0.upperBound - 1] + 1) }
        } else {
            nuclei = englishNuclei(lower)
        }
        // Match the number of nuclei to the count: merge the last ones, or split long vowel groups.
        while nuclei.count > count, nuclei.count >= 2 {
            let last = nuclei.removeLast()
            nuclei[nuclei.count - 1] = nuclei[nuclei.count - 1].lowerBound..<last.upperBound
        }
        var guardCount = 0
        while nuclei.count < count, guardCount < 16 {
            guardCount += 1
            guard let i = nuclei.lastIndex(where: { $0.count >= 2 }) else { break }
            let r = nuclei[i]
            nuclei[i] = r.lowerBound..<(r.lowerBound + 1)
            nuclei.insert((r.lowerBound + 1)..<r.upperBound, at: i + 1)
        }
        guard nuclei.count >= 2 else { return [word] }
        // Boundaries between neighbouring nuclei.
        let digraphs = welsh ? welshDigraphs : englishDigraphs
        var cuts: [Int] = []
        for k in 0..<(nuclei.count - 1) {
            let a = nuclei[k].upperBound, b = nuclei[k + 1].lowerBound
            let gap = b - a
            var cut: Int
            switch gap {
            case 0: cut = a
            case 1: cut = lower[a] == "x" ? b : a
            default:
                let lastTwo = String(lower[(b - 2)..<b])
                if gap == 2 {
                    // th, sh, ch stay together and start the syllable; ck, ng, gh end the one before; l and r blends
                    // start the next (a-cross, A-pril); other pairs split (won-der, sis-ter).
                    if digraphs.contains(lastTwo) {
                        cut = lastTwo == "ck" || lastTwo == "ng" || lastTwo == "gh" ? b : a
                    } else {
                        cut = liquidBlends.contains(lastTwo) ? a : a + 1
                    }
                } else {
                    cut = (blends.contains(lastTwo) || digraphs.contains(lastTwo)) ? b - 2 : b - 1
                }
            }
            cuts.append(cut)
        }
        var pieces: [String] = []
        var start = 0
        for cut in cuts where cut > start {
            pieces.append(String(chars[start..<cut]))
            start = cut
        }
        pieces.append(String(chars[start...]))
        return pieces
    }

    /// English vowel groups that carry a syllable: y after a consonant counts, a silent final e does not,
    /// consonant + le at the end is a syllable of its own.
    static func englishNuclei(_ w: [Character]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        func isV(_ k: Int) -> Bool {
            guard k < w.count else { return false }
            if w[k] == "y" { return k > 0 && !EnglishRules.isVowel(w[k - 1]) || (k == 0 && false) }
            return "aeiou".contains(w[k])
        }
        while i < w.count {
            guard isV(i) else { i += 1; continue }
            let start = i
            while i < w.count, isV(i) || (w[i] == "y" && i > start) { i += 1 }
            out.append(start..<i)
        }
        // A final e after a consonant is silent, except in consonant + le (ta-ble).
        if let last = out.last, last.count == 1, last.lowerBound == w.count - 1, w.last == "e", out.count > 1 {
            let consonantLE = w.count >= 3 && w[w.count - 2] == "l" && !EnglishRules.isVowel(w[w.count - 3])
            if consonantLE {
                out[out.count - 1] = (w.count - 2)..<w.count
            } else {
                out.removeLast()
            }
        }
        return out
    }
}
