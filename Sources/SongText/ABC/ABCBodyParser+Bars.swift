import SongCore

/// Chord symbols and annotations, endings and bar lines, and the check that each bar is as long as the meter asks.
extension ABCBodyParser {
    mutating func readQuoted(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
        guard let close = b[(start + 1)...].firstIndex(of: UInt8(ascii: "\"")) else {
            log.add(.error, "chord symbol is not closed", expected: "a closing '\"', as in \"Am\"", lineIndex: lineIndex, utf8Offset: start)
            return b.count
        }
        let text = String(decoding: b[(start + 1)..<close], as: UTF8.self)
        if let first = text.first, "^_<>@".contains(first) {
            pendingAnnotations.append(text)
        } else if text.isEmpty {
            // "" is nothing.
        } else if pendingChord != nil {
            pendingAnnotations.append("@" + text)
        } else {
            // Alternative chords are written "G(Em)"; the first is the chord.
            let main = text.split(separator: "(", maxSplits: 1).first.map(String.init) ?? text
            do {
                if let known = chordCache[main] {
                    pendingChord = known
                } else {
                    let parsed = try ChordSymbol(parsing: main.trimmingWhitespace())
                    chordCache[main] = parsed
                    pendingChord = parsed
                }
                if main != text { pendingAnnotations.append("@" + text) }
            } catch {
                log.add(.warning, "\(error.description); kept as an annotation", expected: nil, lineIndex: lineIndex, utf8Offset: start + 1)
                pendingAnnotations.append("@" + text)
            }
        }
        return close + 1
    }

    mutating func readEnding(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
        var i = start
        var numbers: [Int] = []
        var current = 0, digits = 0
        var rangeStart: Int?
        func flush() {
            guard digits > 0 else { return }
            if let s = rangeStart, current >= s, current - s < 16 {
                numbers += Array(s...current)
            } else {
                numbers.append(current)
            }
            current = 0
            digits = 0
            rangeStart = nil
        }
        while i < b.count {
            let c = b[i]
            if c >= 48 && c <= 57 && digits < 3 {
                current = current * 10 + Int(c - 48)
                digits += 1
            } else if c == UInt8(ascii: ",") && digits > 0 {
                flush()
            } else if c == UInt8(ascii: "-") && digits > 0 && i + 1 < b.count && b[i + 1] >= 48 && b[i + 1] <= 57 {
                rangeStart = current
                current = 0
                digits = 0
            } else {
                break
            }
            i += 1
        }
        flush()
        if numbers.isEmpty || numbers.contains(0) {
            log.add(.error, "ending has no number", expected: "an ending number such as [1 or [2", lineIndex: lineIndex, utf8Offset: start)
        } else {
            melody.elements.append(.ending(numbers))
        }
        return i
    }

    mutating func readBar(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
        var i = start
        let n = b.count
        // Take the longest run of bar characters, then classify it.
        while i < n, b[i] == UInt8(ascii: "|") || b[i] == UInt8(ascii: ":") || b[i] == UInt8(ascii: "[") || b[i] == UInt8(ascii: "]") || b[i] == UInt8(ascii: ".") {
            // '[' only at the start ([|) and ']' only after '|' (|]); '[' followed by a digit is an ending.
            if b[i] == UInt8(ascii: "[") && i > start { break }
            if b[i] == UInt8(ascii: "]") && (i == start || b[i - 1] != UInt8(ascii: "|")) { break }
            if b[i] == UInt8(ascii: ".") && !(i == start && i + 1 < n && b[i + 1] == UInt8(ascii: "|")) { break }
            i += 1
        }
        let token = String(decoding: b[start..<i], as: UTF8.self)  // a few bytes: held in the string itself
        let bar: BarLine
        let hasStartColon = token.hasPrefix(":")
        let hasEndColon = token.hasSuffix(":")
        switch token {
        case "|": bar = .single
        case "||": bar = .double
        case "|]", "||]": bar = .final
        case "[|", "[|]": bar = token == "[|]" ? .single : .thickThin
        case ".|": bar = .dotted
        case ":":
            log.add(.warning, "unexpected ':'; skipped", expected: "a bar line such as |:, :| or ::", lineIndex: lineIndex, utf8Offset: start)
            return i
        default:
            if hasStartColon && hasEndColon { bar = .repeatBoth } else if hasStartColon { bar = .repeatEnd } else if hasEndColon { bar = .repeatStart } else if token.contains("|") { bar = .double } else {
                log.add(.error, "unexpected '\(token)'", expected: "a bar line such as |, ||, |], |: or :|", lineIndex: lineIndex, utf8Offset: start)
                return max(i, start + 1)
            }
        }
        closeBar(bar, lineIndex: lineIndex, offset: start)
        // Decorations written just before the bar line (`H|]`, `!segno!|`) are the bar line's, not the next note's.
        melody.elements += pendingDecorations.map(MelodyElement.barDecoration)
        pendingDecorations = []
        melody.elements.append(.bar(bar))
        accidentals.bar()
        // `|1` or `:|2`: an ending straight after the bar line.
        if i < n, b[i] >= 49, b[i] <= 57, bar != .repeatStart {
            i = readEnding(b, i, lineIndex: lineIndex)
        }
        return i
    }

    // MARK: - Bar lengths

    mutating func addToBar(_ duration: NoteLength, lineIndex: Int, offset: Int) {
        if barStartLocation == nil { barStartLocation = (lineIndex, offset) }
        barTime += duration
    }

    mutating func closeBar(_ bar: BarLine, lineIndex: Int, offset: Int) {
        defer {
            barTime = .zero
            barIndex += 1
            previousBar = bar
            barStartLocation = nil
        }
        guard let expected = meter.barLength, !barTime.isZero, let loc = barStartLocation else { return }
        let isFirst = previousBar == nil
        if barTime > expected {
            log.add(.warning, "bar has \(barTime) of a whole note but M:\(meter) asks for \(expected)", expected: nil, lineIndex: loc.line, utf8Offset: loc.column)
        } else if barTime < expected, !isFirst, previousBar == .single, bar == .single {
            log.add(.warning, "bar has \(barTime) of a whole note but M:\(meter) asks for \(expected)", expected: nil, lineIndex: loc.line, utf8Offset: loc.column)
        }
    }
}
