extension LyricAnalyzer {
    /// The pronunciation used for rhyming `word`: the dictionary's, or for a word it lacks, that of the dictionary
    /// word sharing the longest ending (Stonehaven → haven), with the word's own syllable count.
    public func rhymePronunciation(_ word: String) -> Pronunciation? {
        let lower = word.lowercased().filter { $0.isLetter || $0 == "'" }
        if let p = lexicon.pronunciations(of: lower).first { return p }
        var suffix = Substring(lower)
        while suffix.count > 2 {
            suffix = suffix.dropFirst()
            if let p = lexicon.pronunciations(of: String(suffix)).first { return p }
        }
        return nil
    }

    /// How `a` and `b` rhyme.
    public func rhymeKind(_ a: String, _ b: String) -> RhymeKind {
        let la = a.lowercased(), lb = b.lowercased()
        guard let pa = rhymePronunciation(la), let pb = rhymePronunciation(lb) else { return la == lb ? .identical : .none }
        return LyricAnalyzer.rhymeKind(pa, pb, sameWord: la == lb)
    }

    static func rhymeKind(_ pa: Pronunciation, _ pb: Pronunciation, sameWord: Bool) -> RhymeKind {
        if sameWord { return .identical }
        let ra = pa.rhymePart, rb = pb.rhymePart
        if ra == rb { return pa.onsetBeforeRhyme == pb.onsetBeforeRhyme && !pa.onsetBeforeRhyme.isEmpty ? .identical : .perfect }
        let va = ra.filter { $0 >= 32 }, vb = rb.filter { $0 >= 32 }
        if va == vb { return .assonance }
        let ca = ra.reversed().prefix { $0 < 32 }, cb = rb.reversed().prefix { $0 < 32 }
        if !ca.isEmpty && Array(ca) == Array(cb) && va.count == vb.count { return .consonance }
        return .none
    }

    /// Rhymes for `word`: perfect rhymes first, most common first; with `near`, then assonance and consonance.
    /// `syllables` keeps only words of that many syllables.
    public func rhymes(for word: String, near: Bool = false, syllables: Int? = nil, limit: Int = 30) -> [RhymeSuggestion] {
        let lower = word.lowercased()
        guard let p = rhymePronunciation(lower) else { return [] }
        var seen: Set<String> = [lower]
        var out: [RhymeSuggestion] = []
        func add(_ entries: [Int], kind: RhymeKind?) {
            var batch: [RhymeSuggestion] = []
            for e in entries {
                let w = lexicon.word(e)
                // Letters of the alphabet (d, t) are not useful rhymes; "a" and "I" are words.
                guard !seen.contains(w), w.allSatisfy({ $0.isLetter || $0 == "'" }), w.count > 1 || w == "a" || w == "i" else { continue }
                let q = lexicon.pronunciation(e)
                if let syllables, q.syllableCount != syllables { continue }
                let k = kind ?? LyricAnalyzer.rhymeKind(p, q, sameWord: false)
                guard k != .none else { continue }
                seen.insert(w)
                batch.append(RhymeSuggestion(word: w, syllables: q.syllableCount, kind: k, frequency: lexicon.frequency(e)))
            }
            // Common words first; rare spellings and names (no frequency) last.
            out += batch.sorted { ($0.frequency, $0.word) < ($1.frequency, $1.word) }
        }
        add(lexicon.entries(rhymingWith: p.rhymePart), kind: nil)
        if near {
            let finalConsonants = Array(p.rhymePart.reversed().prefix { $0 < 32 }.reversed())
            var candidates: [Int] = []
            if !finalConsonants.isEmpty { candidates += lexicon.entries(rhymeEndingWith: finalConsonants, limit: 20_000) }
            if lexicon === Lexicon.shared { candidates += AssonanceIndex.shared[p.rhymePart.filter { $0 >= 32 }] ?? [] }
            add(candidates, kind: nil)
        }
        let perfect = out.filter { !$0.kind.isNear }
        let nearOnes = out.filter(\.kind.isNear)
        return Array((perfect + nearOnes).prefix(limit))
    }

    /// The rhyme scheme of lines (ABAB, AABB…): lines whose last words rhyme (perfectly or, with `near`, nearly)
    /// share a letter; a line with no words is `-`.
    public func rhymeScheme(_ lines: [String], near: Bool = true) -> String {
        var letters: [Character] = []
        var endings: [(word: String, letter: Character)] = []
        var next: UInt8 = UInt8(ascii: "A")
        for line in lines {
            guard let last = words(in: line).last else { letters.append("-"); continue }
            if let match = endings.first(where: { let k = rhymeKind($0.word, last); return k == .perfect || k == .identical || (near && k.isNear) }) {
                letters.append(match.letter)
            } else {
                let letter = Character(UnicodeScalar(next))
                next = next < UInt8(ascii: "Z") ? next + 1 : next
                endings.append((last, letter))
                letters.append(letter)
            }
        }
        return String(letters)
    }
}
