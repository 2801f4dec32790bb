import SongCore

/// Reads the body of one ABC tune (the music lines and the fields between them) into melody elements.
struct ABCBodyParser {
    var log: DiagnosticLog
    var melody: Melody
    var words: [String] = []

    var key: Key
    var unitLength: NoteLength
    var meter: Meter
    var accidentals: AccidentalState

    // Things waiting for the next note or rest.
    var pendingDecorations: [String] = []
    var pendingChord: ChordSymbol?
    var pendingAnnotations: [String] = []
    var pendingGrace: [Pitch] = []
    var pendingAcciaccatura = false
    // Broken rhythm: the factor the next note's length gets.
    var brokenNext: NoteLength?
    var lastNoteElement: Int?
    // Tuplets: how many notes are still inside, and the factor.
    var tupletRemaining = 0
    var tupletFactor = NoteLength(1)
    var tupletLocation: (line: Int, column: Int)?

    // Bar checking.
    var barTime = NoteLength.zero
    var barIndex = 0
    var previousBar: BarLine?
    var barStartLocation: (line: Int, column: Int)?

    // Lyrics: note element indices and the bar each note is in.
    var noteElements: [Int] = []
    var noteBars: [Int] = []
    var wordsGroupStart = 0
    var lastLineWasWords = false
    var verse = 0

    // Chord symbols already read in this file: tunes repeat the same few chords, so each is parsed once.
    var chordCache: [String: ChordSymbol]

    // Voices: one is read a pass, the first unless `selectedVoice` names another; the others met are listed.
    var firstVoice: String?
    let selectedVoice: String?
    var skippingVoice: Bool
    /// Every voice met, by id, with its definition as first written (`1 name="Tune"`), in order.
    var voiceDefinitions: [(id: String, definition: String)] = []
    var continuing = false
    private var lineBytes: [UInt8] = []

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
        // The line's bytes, in a buffer kept from line to line (a tunebook has tens of thousands of lines).
        lineBytes.removeAll(keepingCapacity: true)
        let line = log.source.lines[lineIndex].utf8
        if line.withContiguousStorageIfAvailable({ lineBytes.append(contentsOf: $0) }) == nil { lineBytes.append(contentsOf: line) }
        let bytes = lineBytes
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

    func isFieldLetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || b == UInt8(ascii: "+")
    }

    mutating func readField(letter: UInt8, value: String, lineIndex: Int) {
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
    mutating func applyInlineField(letter: Character, value: String, lineIndex: Int, utf8Offset: Int) {
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
}

import Foundation
