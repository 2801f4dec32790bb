import SongCore

/// How one line of words fits one line of a melody: syllables against notes, and stresses against beats.
public struct LineFit: Sendable, Hashable, Codable {
    /// The words analysed.
    public var line: LineAnalysis
    /// Notes in the melody line.
    public var notes: Int
    /// Stress of each syllable as sung, against the strength of the beat it falls on (3 downbeat, 2 beat, 1 half beat, 0 off).
    public var beats: [Int]
    /// Warnings, with suggestions.
    public var warnings: [FitWarning]

    /// Whether the words fit without warnings.
    public var fits: Bool { warnings.isEmpty }
}

extension LyricAnalyzer {
    /// The lines of a melody as written (split at its line breaks): the notes of each, with their onsets in the bar.
    public func melodyLines(_ melody: Melody) -> [[(note: Note, position: NoteLength, strength: Int)]] {
        var lines: [[(Note, NoteLength, Int)]] = [[]]
        var inBar = NoteLength.zero
        var meter = melody.meter
        for element in melody.elements {
            switch element {
            case .note(let n):
                lines[lines.count - 1].append((n, inBar, LyricAnalyzer.strength(of: inBar, in: meter)))
                inBar += n.duration
            case .rest(let r): inBar += r.duration
            case .bar: inBar = .zero
            case .meter(let m): meter = m
            case .lineBreak: lines.append([])
            default: break
            }
        }
        return lines.filter { !$0.isEmpty }
    }

    /// Strength of a position in the bar: 3 the downbeat, 2 another beat, 1 half a beat, 0 anything else.
    static func strength(of position: NoteLength, in meter: Meter) -> Int {
        if position.isZero { return 3 }
        let pulse = meter.pulse
        if (position / pulse).denominator == 1 { return 2 }
        if (position / (pulse * NoteLength(1, 2))).denominator == 1 { return 1 }
        return 0
    }

    /// How `text` fits a melody line of `notes` (with their beat strengths and lengths).
    public func fit(_ text: String, to notes: [(note: Note, position: NoteLength, strength: Int)], meter: Meter, language: Language = .auto) -> LineFit {
        let line = analyze(line: text, language: language)
        var warnings: [FitWarning] = []
        let syllables = line.syllableCount, count = notes.count
        if syllables > count {
            warnings.append(FitWarning(kind: .tooManySyllables, message: "\(syllables) syllables for \(count) notes: split a note into \(syllables - count + 1), or drop a word of \(syllables - count) syllable\(syllables - count == 1 ? "" : "s")"))
        } else if syllables < count {
            warnings.append(FitWarning(kind: .tooFewSyllables, message: "\(syllables) syllables for \(count) notes: hold a syllable over \(count - syllables) more note\(count - syllables == 1 ? "" : "s") (_ in w:), or add a word"))
        }
        // Stresses against beats, syllable by syllable where they line up.
        var beats: [Int] = []
        var index = 0
        for word in line.words {
            var positions: [(stress: Int, strength: Int, length: NoteLength, syllable: String)] = []
            for (k, s) in word.stresses.enumerated() where index < count {
                positions.append((s, notes[index].strength, notes[index].note.duration, word.syllables[min(k, word.syllables.count - 1)]))
                beats.append(notes[index].strength)
                index += 1
            }
            guard positions.count > 1 else {
                if let only = positions.first, only.stress == 0, only.length >= meter.pulse * NoteLength(2), LyricAnalyzer.functionWords.contains(word.word.lowercased()) {
                    warnings.append(FitWarning(kind: .longNoteOnWeakSyllable, message: "'\(word.word)' is held long on a weak word: give the long note to the next strong word"))
                }
                continue
            }
            if let stressed = positions.firstIndex(where: { $0.stress == 1 }),
               let weakOnStrong = positions.indices.first(where: { positions[$0].stress == 0 && positions[$0].strength > positions[stressed].strength }),
               positions[stressed].strength <= 1 {
                warnings.append(FitWarning(kind: .stressOnWeakBeat, message: "'\(word.hyphenated)': the stressed '\(positions[stressed].syllable)' falls off the beat and '\(positions[weakOnStrong].syllable)' on it; move the word so '\(positions[stressed].syllable)' lands on a beat"))
            }
            for p in positions where p.stress == 0 && p.length >= meter.pulse * NoteLength(2) && p.strength < 2 {
                warnings.append(FitWarning(kind: .longNoteOnWeakSyllable, message: "'\(word.hyphenated)': a long note on the weak syllable '\(p.syllable)'"))
            }
        }
        return LineFit(line: line, notes: count, beats: beats, warnings: warnings)
    }

    /// Lays a typed line onto `notes` notes as ABC `w:` text: its syllables, then holds (`_`) if the notes outnumber them.
    public func abcWords(for text: String, notes: Int, language: Language = .auto) -> String {
        let line = analyze(line: text, language: language)
        var out = line.abcWords
        let missing = notes - line.syllableCount
        if missing > 0 { out += String(repeating: " _", count: missing) }
        return out
    }
}
