/// Quick answers for songwriters: syllables and stress of words and lines, in English and Welsh.
public struct LyricAnalyzer: Sendable {
    /// The pronouncing dictionary.
    public let lexicon: Lexicon

    /// An analyzer over `lexicon` (the shipped one by default).
    public init(lexicon: Lexicon = .shared) { self.lexicon = lexicon }

    /// Words people sing that take no stress on their own (articles, pronouns, auxiliaries, prepositions).
    static let functionWords: Set<String> = [
        "a", "an", "the", "and", "or", "nor", "but", "so", "if", "as", "than", "that", "of", "to", "in", "on", "at", "by", "for",
        "with", "from", "into", "onto", "up", "my", "your", "his", "her", "its", "our", "their", "is", "are", "was", "were", "be",
        "been", "am", "it", "we", "you", "he", "she", "they", "i", "me", "him", "us", "them", "do", "does", "did", "has", "have",
        "had", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not", "no", "this", "these", "those",
        "y", "yr", "yn", "a'r", "i'r", "o'r", "mae'r", "ac", "ar", "o", "ei", "eu", "ein", "fy", "dy",
    ]

    // MARK: - Words

    /// The words of `text`: runs of letters (any script), digits, and apostrophes or hyphens inside a word.
    public func words(in text: String) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            let joiner = (c == "'" || c == "’" || c == "-") && !current.isEmpty && i + 1 < chars.count && (chars[i + 1].isLetter || chars[i + 1].isNumber)
            if c.isLetter || c.isNumber || joiner {
                current.append(c == "’" ? "'" : c)
            } else if !current.isEmpty {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// The analysis of one word; `welsh` uses Welsh rules whatever the dictionary says.
    public func analyze(word: String, welsh: Bool = false) -> WordAnalysis {
        // Hyphenated compounds are their parts.
        if word.contains("-") {
            let parts = word.split(separator: "-").map { analyze(word: String($0), welsh: welsh) }
            return WordAnalysis(
                word: word, syllables: parts.flatMap(\.syllables), stresses: parts.flatMap(\.stresses),
                pronunciation: nil, source: parts.allSatisfy { $0.source == .dictionary } ? .dictionary : (parts.first?.source ?? .rules))
        }
        if word.allSatisfy(\.isNumber) {
            let syllables = word.map { $0 == "7" ? "sev-en" : String($0) }.flatMap { $0.split(separator: "-").map(String.init) }
            return WordAnalysis(word: word, syllables: syllables, stresses: syllables.map { _ in 1 }, source: .number)
        }
        let isLatin = word.unicodeScalars.allSatisfy { $0.value < 0x250 || (0x1E00...0x1EFF).contains($0.value) || $0 == "'" }
        if !isLatin {
            // CJK characters are a syllable each; other scripts get one syllable per word.
            let cjk = word.unicodeScalars.filter { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) || (0xAC00...0xD7AF).contains($0.value) }
            let count = max(1, cjk.count)
            let pieces = cjk.isEmpty ? [word] : word.map(String.init)
            return WordAnalysis(word: word, syllables: Array(pieces.prefix(count)), stresses: Array(repeating: 1, count: min(count, pieces.count)), source: .other)
        }
        if welsh {
            let n = WelshRules.syllableCount(word)
            return WordAnalysis(word: word, syllables: LyricAnalyzer.pieces(word, n, welsh: true), stresses: WelshRules.stresses(count: n), source: .welsh)
        }
        let lower = word.lowercased()
        let prons = lexicon.pronunciations(of: lower)
        if let p = prons.first {
            // An entry without a vowel (hmm) is hummed on one note.
            var stresses = p.stresses.isEmpty ? [0] : p.stresses
            if stresses.count == 1 { stresses = [LyricAnalyzer.functionWords.contains(lower) ? 0 : 1] }
            return WordAnalysis(
                word: word, syllables: LyricAnalyzer.pieces(word, stresses.count, welsh: false), stresses: stresses,
                pronunciation: p.arpabet, source: lexicon.hasOverride(lower) ? .british : .dictionary)
        }
        let n = EnglishRules.syllableCount(word)
        return WordAnalysis(word: word, syllables: LyricAnalyzer.pieces(word, n, welsh: false), stresses: EnglishRules.stresses(word, count: n), source: .rules)
    }

    /// The spelling in exactly `count` pieces: the syllabifier's split, with letters split off (an acronym said
    /// letter by letter) when it found fewer vowel groups than syllables.
    static func pieces(_ word: String, _ count: Int, welsh: Bool) -> [String] {
        var pieces = Syllabifier.split(word, into: count, welsh: welsh)
        while pieces.count < count, let i = pieces.lastIndex(where: { $0.count >= 2 }) {
            let piece = pieces[i]
            pieces[i] = String(piece.dropLast())
            pieces.insert(String(piece.last!), at: i + 1)
        }
        while pieces.count < count { pieces.append(pieces.last ?? word) }
        return pieces
    }

    // MARK: - Lines

    /// Whether a line reads as Welsh: at least a third of its words are common Welsh words, or look Welsh and are
    /// not English words.
    public func isWelsh(_ words: [String]) -> Bool {
        let welshLike = words.filter { w in
            let lower = w.lowercased()
            // (The dictionary first: most words sung are in it, and it is the cheaper question.)
            return WelshRules.commonWords.contains(lower) || (!lexicon.contains(lower) && WelshRules.looksWelsh(lower))
        }.count
        return welshLike > 0 && welshLike * 3 >= words.count
    }

    /// Every word of a line with its syllables and stresses.
    public func analyze(line: String, language: Language = .auto) -> LineAnalysis {
        let ws = words(in: line)
        let welsh = language == .welsh || (language == .auto && isWelsh(ws))
        return LineAnalysis(text: line, language: welsh ? .welsh : .english, words: ws.map { analyze(word: $0, welsh: welsh) })
    }
}
