import SongCore

/// Words under the notes: `w:` lines aligned to the music above them.
extension ABCBodyParser {
    /// Aligns one `w:` line to the notes of the music lines above it (ABC 2.1 §5.1).
    mutating func readWords(_ text: String, lineIndex: Int) {
        var cursor = wordsGroupStart
        var current = ""
        var overflow = false
        let v = verse
        func assign(_ lyric: Lyric) {
            guard cursor < noteElements.count else { overflow = true; return }
            let idx = noteElements[cursor]
            if case .note(var note) = melody.elements[idx] {
                while note.lyrics.count < v { note.lyrics.append(.skip) }
                if note.lyrics.count == v { note.lyrics.append(lyric) } else { note.lyrics[v] = lyric }
                melody.elements[idx] = .note(note)
            }
            cursor += 1
        }
        func flush(continues: Bool) {
            if !current.isEmpty { assign(.syllable(current, continuesWord: continues)) }
            current = ""
        }
        var previous: Character = " "
        var chars = text.makeIterator()
        while let c = chars.next() {
            switch c {
            case " ", "\t":
                flush(continues: false)
            case "-":
                if current.isEmpty {
                    if previous == " " || previous == "-" || previous == "\t" { assign(.hold) }
                } else {
                    flush(continues: true)
                }
            case "_":
                flush(continues: false)
                assign(.hold)
            case "*":
                flush(continues: false)
                assign(.skip)
            case "~":
                current.append(" ")
            case "\\":
                if let next = chars.next() {
                    current.append(next)
                    previous = next
                    continue
                }
            case "|":
                flush(continues: false)
                // Advance to the first note of the next bar, unless already there.
                if cursor > wordsGroupStart, cursor < noteElements.count, noteBars[cursor] == noteBars[cursor - 1] {
                    let bar = noteBars[cursor - 1]
                    while cursor < noteElements.count, noteBars[cursor] == bar { assign(.skip) }
                }
            case "%":
                flush(continues: false)
                previous = c
                // A comment ends the words.
                while chars.next() != nil {}
            default:
                current.append(c)
            }
            previous = c
        }
        flush(continues: false)
        if overflow {
            log.add(.warning, "w: line has more syllables than there are notes above it", expected: nil, lineIndex: lineIndex, column: 1)
        }
    }
}
