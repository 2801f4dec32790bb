import SongCore

/// Reads the body of one ABC tune (the music lines and the fields between them) into melody elements.
struct ABCBodyParser {
    var log: DiagnosticLog
    private(set) var melody: Melody
    private(set) var words: [String] = []

    private var key: Key
    private var unitLength: Duration
    private var meter: Meter
    private var accidentals: AccidentalState

    // Things waiting for the next note or rest.
    private var pendingDecorations: [String] = []
    private var pendingChord: ChordSymbol?
    private var pendingAnnotations: [String] = []
    private var pendingGrace: [Pitch] = []
    private var pendingAcciaccatura = false
    // Broken rhythm: the factor the next note's length gets.
    private var brokenNext: Duration?
    private var lastNoteElement: Int?
    // Tuplets: how many notes are still inside, and the factor.
    private var tupletRemaining = 0
    private var tupletFactor = Duration(1)
    private var tupletLocation: (line: Int, column: Int)?

    // Bar checking.
    private var barTime = Duration.zero
    private var barIndex = 0
    private var previousBar: BarLine?
    private var barStartLocation: (line: Int, column: Int)?

    // Lyrics: note element indices and the bar each note is in.
    private var noteElements: [Int] = []
    private var noteBars: [Int] = []
    private var wordsGroupStart = 0
    private var lastLineWasWords = false
    private var verse = 0

    // Chord symbols already read in this file: tunes repeat the same few chords, so each is parsed once.
    private(set) var chordCache: [String: ChordSymbol]

    // Voices: one is read a pass, the first unless `selectedVoice` names another; the others met are listed.
    private var firstVoice: String?
    private let selectedVoice: String?
    private var skippingVoice: Bool
    /// Every voice met, by id, with its definition as first written (`1 name="Tune"`), in order.
    private(set) var voiceDefinitions: [(id: String, definition: String)] = []
    private var continuing = false

    init(log: DiagnosticLog, melody: Melody, chordCache: [String: ChordSymbol] = [:], selectedVoice: String? = nil) {
        self.selectedVoice = selectedVoice
        // Music before the first V: line is the first voice's.
        self.skippingVoice = selectedVoice != nil
        self.log = log
        self.chordCache = chordCache
        self.melody = melody
        self.key = melody.key
        self.unitLength = melody.unitLength
        self.meter = melody.meter
        self.accidentals = AccidentalState(key: melody.key)
    }

    // MARK: - Lines

    /// Reads one body line (an index into the source's lines).
    mutating func readLine(_ lineIndex: Int) {
        let text = log.source.lines[lineIndex]
        let bytes = Array(text.utf8)
        if bytes.first == UInt8(ascii: "%") { return }
        if bytes.count >= 2, bytes[1] == UInt8(ascii: ":"), isFieldLetter(bytes[0]) {
            readField(letter: bytes[0], value: String(decoding: bytes[2...], as: UTF8.self), lineIndex: lineIndex)
            return
        }
        if skippingVoice { return }
        // A w: line belongs to the music line just above it (with any lines joined to it by '\').
        if !continuing { wordsGroupStart = noteElements.count }
        lastLineWasWords = false
        verse = 0
        readMusic(bytes, lineIndex: lineIndex)
    }

    /// Called at the end of the tune.
    mutating func finish() -> (Melody, [String], DiagnosticLog) {
        if tupletRemaining > 0, let loc = tupletLocation {
            log.add(.warning, "tuplet has \(tupletRemaining) note(s) fewer than it announced", lineIndex: loc.line, utf8Offset: loc.column)
        }
        if !pendingDecorations.isEmpty || pendingChord != nil || !pendingGrace.isEmpty {
            // A decoration or chord symbol with no note after it: keep the chord on an invisible zero-length rest? No: report it.
            if let loc = barStartLocation {
                log.add(.warning, "chord symbol or decoration at the end of the tune has no note", lineIndex: loc.line, utf8Offset: loc.column)
            }
        }
        if melody.elements.last == .lineBreak { melody.elements.removeLast() }
        return (melody, words, log)
    }

    private func isFieldLetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || b == UInt8(ascii: "+")
    }

    private mutating func readField(letter: UInt8, value: String, lineIndex: Int) {
        let v = value.trimmingWhitespace()
        switch Character(UnicodeScalar(letter)) {
        case "w":
            if skippingVoice { return }
            if lastLineWasWords { verse += 1 } else { verse = 0 }
            lastLineWasWords = true
            readWords(value, lineIndex: lineIndex)
        case "W":
            words.append(v)
        case "V":
            let id = String(v.split(separator: " ").first ?? "")
            if firstVoice == nil { firstVoice = id }
            if !voiceDefinitions.contains(where: { $0.id == id }) { voiceDefinitions.append((id, v)) }
            skippingVoice = id != (selectedVoice ?? firstVoice)
        default:
            if skippingVoice { return }
            applyInlineField(letter: Character(UnicodeScalar(letter)), value: v, lineIndex: lineIndex, utf8Offset: 2)
        }
    }

    /// K:, M:, L:, Q:, P: in the body or inline (`[K:G]`). Other fields are kept out of the melody.
    private mutating func applyInlineField(letter: Character, value: String, lineIndex: Int, utf8Offset: Int) {
        switch letter {
        case "K":
            switch ABCHeaderValues.key(value) {
            case .success(let k):
                key = k
                accidentals.setKey(k)
                melody.elements.append(.key(k))
            case .failure(let e) where e.fallback != nil:
                log.add(.warning, e.message, expected: e.expected, lineIndex: lineIndex, utf8Offset: utf8Offset)
                key = e.fallback!
                accidentals.setKey(key)
                melody.elements.append(.key(key))
            case .failure(let e):
                log.add(.error, e.message, expected: e.expected, lineIndex: lineIndex, utf8Offset: utf8Offset)
            }
        case "M":
            if let m = ABCHeaderValues.meter(value) ?? ABCHeaderValues.lenientMeter(value) {
                if ABCHeaderValues.meter(value) == nil {
                    log.add(.warning, "'\(value)' is not a meter as written; read as \(m)", expected: "a meter such as 4/4, 3/4, 6/8, C, C| or none", lineIndex: lineIndex, utf8Offset: utf8Offset)
                }
                meter = m
                melody.elements.append(.meter(m))
            } else {
                log.add(.error, "'\(value)' is not a meter", expected: "a meter such as 4/4, 3/4, 6/8, C, C| or none", lineIndex: lineIndex, utf8Offset: utf8Offset)
            }
        case "L":
            if let l = ABCHeaderValues.unitLength(value) {
                unitLength = l
                melody.elements.append(.unitLength(l))
            } else {
                log.add(.error, "'\(value)' is not a unit note length", expected: "a length such as 1/8 or 1/4", lineIndex: lineIndex, utf8Offset: utf8Offset)
            }
        case "Q":
            if let q = ABCHeaderValues.tempo(value, unitLength: unitLength) {
                melody.elements.append(.tempo(q))
            } else {
                log.add(.warning, "'\(value)' is not a tempo; ignored", expected: "a tempo such as 1/4=100", lineIndex: lineIndex, utf8Offset: utf8Offset)
            }
        case "P":
            let name = value.trimmingWhitespace()
            if name.isEmpty {
                log.add(.error, "part marker has no name", expected: "a part name such as P:A", lineIndex: lineIndex, utf8Offset: utf8Offset)
            } else {
                melody.elements.append(.part(name))
            }
        default:
            break  // T:, N:, I:, r: and the rest do not change the music.
        }
    }

    // MARK: - Music

    private mutating func readMusic(_ b: [UInt8], lineIndex: Int) {
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

    // MARK: - Pieces

    /// Reads an ABC length multiplier at `i`: `2`, `/2`, `/`, `//`, `3/2`. Returns the multiplier and the next index.
    private mutating func readLength(_ b: [UInt8], _ start: Int, lineIndex: Int) -> (Duration, Int) {
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
        return (Duration(num, den), i)
    }

    /// Reads accidentals, a letter and octave marks at `i`.
    private mutating func readPitch(_ b: [UInt8], _ start: Int, lineIndex: Int, record: Bool) -> (Pitch, Int)? {
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

    private mutating func readNote(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
        guard let (pitch, afterPitch) = readPitch(b, start, lineIndex: lineIndex, record: true) else { return start + 1 }
        let (multiplier, afterLength) = readLength(b, afterPitch, lineIndex: lineIndex)
        appendNote(pitches: [pitch], written: unitLength * multiplier, lineIndex: lineIndex, offset: start)
        return afterLength
    }

    private mutating func readChordOfNotes(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
        var i = start + 1
        let n = b.count
        var pitches: [Pitch] = []
        var firstLength: Duration?
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
        appendNote(pitches: pitches, written: unitLength * (firstLength ?? Duration(1)) * outer, lineIndex: lineIndex, offset: start)
        if tied, let idx = lastNoteElement, case .note(var note) = melody.elements[idx] {
            note.tiedToNext = true
            melody.elements[idx] = .note(note)
            for p in note.pitches { accidentals.tie(p) }
        }
        return afterLen
    }

    private mutating func appendNote(pitches: [Pitch], written: Duration, lineIndex: Int, offset: Int) {
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

    private mutating func clearPending() {
        pendingDecorations = []
        pendingChord = nil
        pendingAnnotations = []
        pendingGrace = []
        pendingAcciaccatura = false
    }

    private mutating func readRest(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
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

    private mutating func applyBrokenRhythm(longFirst: Bool, count: Int, lineIndex: Int, offset: Int) {
        // > : 3/2 then 1/2; >> : 7/4 then 1/4; >>> : 15/8 then 1/8 (ABC 2.1 §4.4).
        let short = Duration(1, 1 << count)
        let long = Duration(2) - short
        guard let idx = lastNoteElement else {
            log.add(.error, "broken rhythm '\(longFirst ? ">" : "<")' has no note before it", expected: "a note on each side, as in A>B", lineIndex: lineIndex, utf8Offset: offset)
            return
        }
        let first = longFirst ? long : short
        let delta: Duration
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

    private mutating func readTuplet(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
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

    private mutating func readGrace(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
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

    private mutating func readQuoted(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
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

    private mutating func readEnding(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
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

    private mutating func readBar(_ b: [UInt8], _ start: Int, lineIndex: Int) -> Int {
        var i = start
        let n = b.count
        // Take the longest run of bar characters, then classify it.
        var token = ""
        while i < n, [UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ".")].contains(b[i]) {
            // '[' only at the start ([|) and ']' only after '|' (|]); '[' followed by a digit is an ending.
            if b[i] == UInt8(ascii: "[") && !token.isEmpty { break }
            if b[i] == UInt8(ascii: "]") && token.last != "|" { break }
            if b[i] == UInt8(ascii: ".") && !(token.isEmpty && i + 1 < n && b[i + 1] == UInt8(ascii: "|")) { break }
            token.append(Character(UnicodeScalar(b[i])))
            i += 1
        }
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
        melody.elements.append(.bar(bar))
        accidentals.bar()
        // `|1` or `:|2`: an ending straight after the bar line.
        if i < n, b[i] >= 49, b[i] <= 57, bar != .repeatStart {
            i = readEnding(b, i, lineIndex: lineIndex)
        }
        return i
    }

    // MARK: - Bar lengths

    private mutating func addToBar(_ duration: Duration, lineIndex: Int, offset: Int) {
        if barStartLocation == nil { barStartLocation = (lineIndex, offset) }
        barTime += duration
    }

    private mutating func closeBar(_ bar: BarLine, lineIndex: Int, offset: Int) {
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

    // MARK: - Words

    /// Aligns one `w:` line to the notes of the music lines above it (ABC 2.1 §5.1).
    private mutating func readWords(_ text: String, lineIndex: Int) {
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

import Foundation
