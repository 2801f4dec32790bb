extension Melody {
    /// What a summary counts of a melody, found in one walk over its elements (each count on its own walks them once).
    public struct Figures: Sendable, Hashable {
        /// Bars as written: bar lines that close some music, plus a final unbarred bar; a multi-bar rest counts its bars.
        public var bars = 0
        /// Notes (a chord of notes is one).
        public var notes = 0
        /// Chord symbols on notes and rests.
        public var chordSymbols = 0
        /// For each verse of words, the syllables sung (holds and skips left out).
        public var syllablesPerVerse: [Int] = []
    }

    /// The melody's figures.
    public var figures: Figures {
        var f = Figures()
        var open = false
        elements.withUnsafeBufferPointer { elements in
            for i in elements.indices {
                switch elements[i] {
                case .note(let n):
                    open = true
                    f.notes += 1
                    if n.chordSymbol != nil { f.chordSymbols += 1 }
                    for (verse, lyric) in n.lyrics.enumerated() {
                        if verse == f.syllablesPerVerse.count { f.syllablesPerVerse.append(0) }
                        if lyric.text != nil { f.syllablesPerVerse[verse] += 1 }
                    }
                case .rest(let r):
                    open = true
                    if r.chordSymbol != nil { f.chordSymbols += 1 }
                    if let n = r.bars { f.bars += n - 1 }
                case .bar:
                    if open { f.bars += 1 }
                    open = false
                default:
                    break
                }
            }
        }
        if open { f.bars += 1 }
        return f
    }
}
