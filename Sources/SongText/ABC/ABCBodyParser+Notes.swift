import SongCore

/// The pieces of a note: its length, pitch, chord, rest, broken rhythm, tuplet and grace notes.
extension ABCBodyParser {
    /// Reads an ABC length multiplier at `i`: `2`, `/2`, `/`, `//`, `3/2`. Returns the multiplier and the next index.
    mutating func readLength(_ b: [UInt8], _ start: Int, lineIndex: Int) -> (NoteLength, Int) {
        var i = start
        let n = b.count
        var num = 0, numDigits = 0
        while i < n, b[i] >= 48, b[i] <= 57, numDigits < 4 { num = num * 10 + Int(b[i] - 48); i += 1; numDigits += 1 }
        var den = 1
        var slashes = 0
        while i < n, b[i] == UInt8(ascii: "/") {
            slashes += 1
            i += 1
            var d = 0, dd = 0
            while i < n, b[i] >= 48, b[i] <= 57, dd < 4 { d = d * 10 + Int(b[i] - 48); i += 1; dd += 1 }
            den *= dd > 0 ? max(d, 1) : 2
            if slashes > 6 { break }
        }
        if numDigits == 0 { num = 1 }
        if num == 0 {
            log.add(.error, "a note length of zero", expected: "a positive length such as 2 or /2", lineIndex: lineIndex, utf8Offset: start)
            num = 1
        }
        return (NoteLength(num, den), i)
    }

    /// Reads accidentals, a letter and octave marks at `i`.
    mutating func readPitch(_ b: [UInt8], _ start: Int, lineIndex: Int, record: Bool) -> (Pitch, Int)? {
        var i = start
        let n = b.count
        var explicit: Int?
        while i < n {
            switch b[i] {
            case UInt8(ascii: "^"): explicit = (explicit ?? 0) + 1
            case UInt8(ascii: "_"): explicit = (explicit ?? 0) - 1
            case UInt8(ascii: "="): explicit = 0
            default: break
            }
            guard b[i] == UInt8(ascii: "^") || b[i] == UInt8(ascii: "_") || b[i] == UInt8(ascii: "=") else { break }
            i += 1
        }
        if let e = explicit, abs(e) > 2 {
            log.add(.error, "more than two sharps or flats on one note", expected: "^, ^^, _, __ or =", lineIndex: lineIndex, utf8Offset: start)
            explicit = e > 0 ? 2 : -2
        }
        if i < n, b[i] == UInt8(ascii: "/") {
            log.add(.warning, "microtonal accidentals are not supported; read as a whole-tone accidental", lineIndex: lineIndex, utf8Offset: i)
            i += 1
            while i < n, b[i] >= 48, b[i] <= 57 { i += 1 }
        }
        guard i < n, (b[i] >= 65 && b[i] <= 71) || (b[i] >= 97 && b[i] <= 103), let letter = Letter(ascii: b[i]) else {
            log.add(.warning, "accidental without a note; skipped", expected: "a note letter after the accidental, as in ^F", lineIndex: lineIndex, utf8Offset: i)
            return nil
        }
        var octave = b[i] >= 97 ? 5 : 4
        i += 1
        while i < n {
            if b[i] == UInt8(ascii: "'") { octave += 1 } else if b[i] == UInt8(ascii: ",") { octave -= 1 } else { break }
            i += 1
        }
        if octave < -1 || octave > 9 {
            log.add(.error, "note is outside the range of MIDI pitches", expected: "fewer octave marks", lineIndex: lineIndex, utf8Offset: start)
            octave = max(-1, min(9, octave))
        }
        let accidental: Int
        if let explicit {
            accidental = explicit
            if record { accidentals.mark(letter, octave: octave, accidental: explicit) }
        } else {
            accidental = accidentals.implied(letter, octave: octave)
        }
        return (Pitch(NoteName(letter, accidental), octave: octave), i)
    }

    mutating func readNote(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
        guard let (pitch, afterPitch) = readPitch(b, start, lineIndex: lineIndex, record: true) else { return start + 1 }
        let (multiplier, afterLength) = readLength(b, afterPitch, lineIndex: lineIndex)
        appendNote(pitches: NotePitches(pitch), written: unitLength * multiplier, lineIndex: lineIndex, offset: start)
        return afterLength
    }

    mutating func readChordOfNotes(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
        var i = start + 1
        let n = b.count
        var pitches: NotePitches = []
        var firstLength: NoteLength?
        var tied = false
        while i < n, b[i] != UInt8(ascii: "]") {
            let c = b[i]
            if c == UInt8(ascii: "^") || c == UInt8(ascii: "_") || c == UInt8(ascii: "=") || (c >= 65 && c <= 71) || (c >= 97 && c <= 103) {
                guard let (p, after) = readPitch(b, i, lineIndex: lineIndex, record: true) else { i += 1; continue }
                let (len, afterLen) = readLength(b, after, lineIndex: lineIndex)
                pitches.append(p)
                if firstLength == nil { firstLength = len }
                i = afterLen
            } else if c == UInt8(ascii: "-") {
                tied = true
                i += 1
            } else if c == UInt8(ascii: "z") || c == UInt8(ascii: "x") {
                // A rest inside a chord (`[C2z2]`): nothing sounds for it; the chord is its notes.
                i = readLength(b, i + 1, lineIndex: lineIndex).1
            } else if c == UInt8(ascii: " ") || c == UInt8(ascii: ".") || c == UInt8(ascii: "~") || c == UInt8(ascii: ")") || c == UInt8(ascii: "(")
                        || (c >= UInt8(ascii: "H") && c <= UInt8(ascii: "W")) || (c >= UInt8(ascii: "h") && c <= UInt8(ascii: "w")) {
                // Spaces, slurs and one-letter decorations on a note of the chord (`[vAc]`).
                i += 1
            } else if c == UInt8(ascii: "!") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "+") {
                // Decorations or annotations on single notes of a chord: kept on the chord.
                if c == UInt8(ascii: "\"") { i = readQuoted(b, i, lineIndex: lineIndex); continue }
                guard let close = b[(i + 1)...].firstIndex(of: c) else { i = n; break }
                pendingDecorations.append(String(decoding: b[i...close], as: UTF8.self))
                i = close + 1
            } else {
                // Anything else means the chord was never closed: say so at its '[' and read on from here.
                log.add(.error, "chord is not closed", expected: "']' to close the chord opened here, before '\(Character(UnicodeScalar(c)))'", lineIndex: lineIndex, utf8Offset: start)
                return i
            }
        }
        guard i < n else {
            log.add(.error, "chord is not closed", expected: "']' to close the chord opened here, as in [CEG]", lineIndex: lineIndex, utf8Offset: start)
            return n
        }
        i += 1  // ]
        let (outer, afterLen) = readLength(b, i, lineIndex: lineIndex)
        guard !pitches.isEmpty else {
            log.add(.error, "empty chord '[]'", expected: "notes inside the brackets, as in [CEG]", lineIndex: lineIndex, utf8Offset: start)
            return afterLen
        }
        appendNote(pitches: pitches, written: unitLength * (firstLength ?? NoteLength(1)) * outer, lineIndex: lineIndex, offset: start)
        if tied, let idx = lastNoteElement, case .note(var note) = melody.elements[idx] {
            note.tiedToNext = true
            melody.elements[idx] = .note(note)
            for p in note.pitches { accidentals.tie(p) }
        }
        return afterLen
    }

    mutating func appendNote(pitches: NotePitches, written: NoteLength, lineIndex: Int, offset: Int) {
        var duration = written
        if let factor = brokenNext { duration = duration * factor; brokenNext = nil }
        if tupletRemaining > 0 { duration = duration * tupletFactor; tupletRemaining -= 1 }
        let note = Note(
            pitches: pitches, duration: duration, graceNotes: pendingGrace, acciaccatura: pendingAcciaccatura,
            decorations: pendingDecorations, chordSymbol: pendingChord, annotations: pendingAnnotations)
        clearPending()
        accidentals.noteDone(tied: false)
        melody.elements.append(.note(note))
        lastNoteElement = melody.elements.count - 1
        noteElements.append(melody.elements.count - 1)
        noteBars.append(barIndex)
        addToBar(duration, lineIndex: lineIndex, offset: offset)
    }

    mutating func clearPending() {
        pendingDecorations = []
        pendingChord = nil
        pendingAnnotations = []
        pendingGrace = []
        pendingAcciaccatura = false
    }

    mutating func readRest(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
        let c = b[start]
        let invisible = c == UInt8(ascii: "x") || c == UInt8(ascii: "X")
        if c == UInt8(ascii: "Z") || c == UInt8(ascii: "X") {
            var i = start + 1, count = 0, digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57, digits < 4 { count = count * 10 + Int(b[i] - 48); i += 1; digits += 1 }
            let bars = digits == 0 ? 1 : max(count, 1)
            let bar = meter.barLength ?? .whole
            melody.elements.append(.rest(Rest(
                duration: bar * bars, invisible: invisible, bars: bars, chordSymbol: pendingChord,
                decorations: pendingDecorations, annotations: pendingAnnotations)))
            clearPending()
            lastNoteElement = nil
            barTime += bar * bars
            barIndex += bars - 1
            return i
        }
        let (multiplier, after) = readLength(b, start + 1, lineIndex: lineIndex)
        var duration = unitLength * multiplier
        if let factor = brokenNext { duration = duration * factor; brokenNext = nil }
        if tupletRemaining > 0 { duration = duration * tupletFactor; tupletRemaining -= 1 }
        melody.elements.append(.rest(Rest(
            duration: duration, invisible: invisible, chordSymbol: pendingChord,
            decorations: pendingDecorations, annotations: pendingAnnotations)))
        clearPending()
        lastNoteElement = melody.elements.count - 1
        addToBar(duration, lineIndex: lineIndex, offset: start)
        return after
    }

    mutating func applyBrokenRhythm(longFirst: Bool, count: Int, lineIndex: Int, offset: Int) {
        // > : 3/2 then 1/2; >> : 7/4 then 1/4; >>> : 15/8 then 1/8 (ABC 2.1 §4.4).
        let short = NoteLength(1, 1 << count)
        let long = NoteLength(2) - short
        guard let idx = lastNoteElement else {
            log.add(.error, "broken rhythm '\(longFirst ? ">" : "<")' has no note before it", expected: "a note on each side, as in A>B", lineIndex: lineIndex, utf8Offset: offset)
            return
        }
        let first = longFirst ? long : short
        let delta: NoteLength
        switch melody.elements[idx] {
        case .note(var note):
            let old = note.duration
            note.duration = old * first
            delta = note.duration - old
            melody.elements[idx] = .note(note)
        case .rest(var rest):
            let old = rest.duration
            rest.duration = old * first
            delta = rest.duration - old
            melody.elements[idx] = .rest(rest)
        default:
            return
        }
        barTime += delta
        brokenNext = longFirst ? short : long
    }

    mutating func readTuplet(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
        var i = start + 1
        func number() -> Int? {
            var v = 0, d = 0
            while i < b.count, b[i] >= 48, b[i] <= 57, d < 3 { v = v * 10 + Int(b[i] - 48); i += 1; d += 1 }
            return d == 0 ? nil : v
        }
        let p = number() ?? 3
        var q: Int?
        var r: Int?
        if i < b.count, b[i] == UInt8(ascii: ":") {
            i += 1
            q = number()
            if i < b.count, b[i] == UInt8(ascii: ":") {
                i += 1
                r = number()
            }
        }
        guard p >= 2, p <= 9 else {
            log.add(.error, "tuplet of \(p) is not supported", expected: "a tuplet from (2 to (9", lineIndex: lineIndex, utf8Offset: start)
            return i
        }
        let defaultQ = Tuplet.defaultInTimeOf(count: p, compoundMeter: meter.isCompound)
        let tuplet = Tuplet(count: p, inTimeOf: q ?? defaultQ, notes: r ?? p)
        guard tuplet.inTimeOf > 0, tuplet.notes > 0, tuplet.notes <= 64 else {
            log.add(.error, "tuplet with zero notes", expected: "(p:q:r with positive numbers", lineIndex: lineIndex, utf8Offset: start)
            return i
        }
        melody.elements.append(.tuplet(tuplet))
        tupletRemaining = tuplet.notes
        tupletFactor = tuplet.factor
        tupletLocation = (lineIndex, start)
        return i
    }

    mutating func readGrace(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
        guard let close = b[(start + 1)...].firstIndex(of: UInt8(ascii: "}")) else {
            log.add(.error, "grace notes are not closed", expected: "'}' to close the grace notes opened here, as in {g}A", lineIndex: lineIndex, utf8Offset: start)
            return b.count
        }
        var i = start + 1
        if i < close, b[i] == UInt8(ascii: "/") { pendingAcciaccatura = true; i += 1 }
        while i < close {
            let c = b[i]
            if c == UInt8(ascii: "^") || c == UInt8(ascii: "_") || c == UInt8(ascii: "=") || (c >= 65 && c <= 71) || (c >= 97 && c <= 103) {
                guard let (p, after) = readPitch(b, i, lineIndex: lineIndex, record: false) else { i += 1; continue }
                let (_, afterLen) = readLength(b, after, lineIndex: lineIndex)
                pendingGrace.append(p)
                i = min(afterLen, close)
            } else if c == UInt8(ascii: " ") || c == UInt8(ascii: "-") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: ".")
                        || c == UInt8(ascii: "~") || (c >= UInt8(ascii: "H") && c <= UInt8(ascii: "W")) || (c >= UInt8(ascii: "h") && c <= UInt8(ascii: "w")) {
                // Spaces, ties, a chord's brackets (`{[EA]}`: its notes are read) and decorations (`{vEFG}`).
                i += 1
            } else if c == UInt8(ascii: "!") || c == UInt8(ascii: "+"), let end = b[(i + 1)..<close].firstIndex(of: c) {
                i = end + 1
            } else {
                log.add(.warning, "unexpected '\(Character(UnicodeScalar(c)))' in grace notes; skipped", expected: "notes inside '{…}'", lineIndex: lineIndex, utf8Offset: i)
                i += 1
            }
        }
        return close + 1
    }
}
