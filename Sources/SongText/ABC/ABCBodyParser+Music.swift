import SongCore

/// A music line, token by token.
extension ABCBodyParser {
    mutating func readMusic(_ b: [UInt8], lineIndex: Int) {
        var i = 0
        let n = b.count
        var continued = false
        func at(_ k: Int) -> UInt8 { k < n ? b[k] : 0 }
        while i < n {
            let c = b[i]
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "`"), UInt8(ascii: "$"), UInt8(ascii: "\r"):
                i += 1
            case UInt8(ascii: "%"):
                i = n
            case UInt8(ascii: "\\"):
                // A backslash ends the line early and joins the next line to this one.
                var k = i + 1
                while k < n, b[k] == UInt8(ascii: " ") || b[k] == UInt8(ascii: "\t") { k += 1 }
                if k >= n || b[k] == UInt8(ascii: "%") {
                    continued = true
                    i = n
                } else {
                    log.add(.warning, "unexpected '\\'; skipped", expected: "'\\' only at the end of a line, to continue it", lineIndex: lineIndex, utf8Offset: i)
                    i += 1
                }
            case UInt8(ascii: "|"), UInt8(ascii: ":"):
                i = readBar(b, i, lineIndex: lineIndex)
            case UInt8(ascii: "["):
                let next = at(i + 1)
                if next == UInt8(ascii: "|") {
                    i = readBar(b, i, lineIndex: lineIndex)
                } else if next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9") {
                    i = readEnding(b, i + 1, lineIndex: lineIndex)
                } else if next == UInt8(ascii: "\"") {
                    // An ending named in words (`["Coda"`): the words are read as an annotation, the bracket passed.
                    i += 1
                } else if at(i + 2) == UInt8(ascii: ":") && isFieldLetter(next) && next != UInt8(ascii: "+") {
                    guard let close = b[(i + 2)...].firstIndex(of: UInt8(ascii: "]")) else {
                        log.add(.error, "inline field is not closed", expected: "']' after the field, as in [K:G]", lineIndex: lineIndex, utf8Offset: i)
                        i = n
                        break
                    }
                    let value = String(decoding: b[(i + 3)..<close], as: UTF8.self)
                    applyInlineField(letter: Character(UnicodeScalar(next)), value: value.trimmingWhitespace(), lineIndex: lineIndex, utf8Offset: i + 1)
                    i = close + 1
                } else {
                    i = readChordOfNotes(b, i, lineIndex: lineIndex)
                }
            case UInt8(ascii: "\""):
                i = readQuoted(b, i, lineIndex: lineIndex)
            case UInt8(ascii: "!"), UInt8(ascii: "+"):
                guard let close = b[(i + 1)...].firstIndex(of: c) else {
                    // A lone `!` was a line break in ABC 1.6, and tunebooks still have them: skipped, as abc2midi does.
                    log.add(.warning, "decoration is not closed; the '\(Character(UnicodeScalar(c)))' is skipped", expected: "a closing '\(Character(UnicodeScalar(c)))', as in !trill!", lineIndex: lineIndex, utf8Offset: i)
                    i += 1
                    break
                }
                pendingDecorations.append(String(decoding: b[i...close], as: UTF8.self))
                i = close + 1
            case UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "H")...UInt8(ascii: "W"), UInt8(ascii: "h")...UInt8(ascii: "w"):
                // Single-character decorations (ABC 2.1 §4.14) and the redefinable symbols H–W, h–w.
                if c == UInt8(ascii: ".") && at(i + 1) == UInt8(ascii: "|") {
                    i = readBar(b, i, lineIndex: lineIndex)
                } else if c == UInt8(ascii: ".") && (at(i + 1) == UInt8(ascii: "(") || at(i + 1) == UInt8(ascii: "-")) {
                    i += 1  // dotted slur or tie: read as a plain one
                } else {
                    pendingDecorations.append(String(UnicodeScalar(c)))
                    i += 1
                }
            case UInt8(ascii: "{"):
                i = readGrace(b, i, lineIndex: lineIndex)
            case UInt8(ascii: "("):
                if at(i + 1) >= UInt8(ascii: "1") && at(i + 1) <= UInt8(ascii: "9") {
                    i = readTuplet(b, i, lineIndex: lineIndex)
                } else {
                    melody.elements.append(.slur(start: true))
                    i += 1
                }
            case UInt8(ascii: ")"):
                melody.elements.append(.slur(start: false))
                i += 1
            case UInt8(ascii: ">"), UInt8(ascii: "<"):
                var count = 0
                while i < n, b[i] == c { count += 1; i += 1 }
                applyBrokenRhythm(longFirst: c == UInt8(ascii: ">"), count: min(count, 3), lineIndex: lineIndex, offset: i - count)
            case UInt8(ascii: "-"):
                // A tie: marks the note before.
                if let idx = lastNoteElement, case .note(var note) = melody.elements[idx] {
                    note.tiedToNext = true
                    melody.elements[idx] = .note(note)
                    for p in note.pitches { accidentals.tie(p) }
                } else {
                    // After a rest or at the start of a line (`z2-`): nothing to tie; abc2midi goes on, and so do we.
                    log.add(.warning, "tie '-' has no note before it; skipped", expected: "a note before '-', as in A2-A", lineIndex: lineIndex, utf8Offset: i)
                }
                i += 1
            case UInt8(ascii: "z"), UInt8(ascii: "x"), UInt8(ascii: "Z"), UInt8(ascii: "X"):
                i = readRest(b, i, lineIndex: lineIndex)
            case UInt8(ascii: "y"):
                i += 1  // spacer
            case UInt8(ascii: "&"):
                log.add(.warning, "voice overlay '&' is not supported; the overlaid notes are read as part of the melody", lineIndex: lineIndex, utf8Offset: i)
                i += 1
            case UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "="), UInt8(ascii: "A")...UInt8(ascii: "G"), UInt8(ascii: "a")...UInt8(ascii: "g"):
                i = readNote(b, i, lineIndex: lineIndex)
            default:
                let shown = String(decoding: b[i..<min(n, i + 4)], as: UTF8.self).prefix(1)
                // Transcription debris (an e-mail's `=20`, a stray symbol): warned about and skipped, as abc2midi does.
                log.add(.warning, "unexpected '\(shown)' in the music; skipped", expected: "a note, rest, bar line, chord, decoration or chord symbol", lineIndex: lineIndex, utf8Offset: i)
                // Skip a whole UTF-8 character.
                i += 1
                while i < n, b[i] & 0xC0 == 0x80 { i += 1 }
            }
        }
        // A line that added no music (only a comment, or a chord symbol waiting for its note) is not a line of music.
        if !continued, let last = melody.elements.last, last != .lineBreak { melody.elements.append(.lineBreak) }
        continuing = continued
    }
}
