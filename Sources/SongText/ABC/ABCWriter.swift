import SongCore

/// Writes tunes as ABC 2.1 text that `ABCReader` reads back to equal tunes.
public enum ABCWriter {
    /// A whole file: the header fields, then each tune, separated by blank lines.
    public static func write(_ book: ABCTuneBook) -> String {
        var parts: [String] = []
        if !book.header.isEmpty {
            parts.append(book.header.map { "\($0.letter):\(OneLineText.safe($0.value))" }.joined(separator: "\n"))
        }
        for (index, tune) in book.tunes.enumerated() {
            var t = tune
            // Every tune of a file needs an X: line, except a lone fragment.
            if t.reference == nil && (book.tunes.count > 1 || !book.header.isEmpty) { t.reference = index + 1 }
            parts.append(write(t))
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// One tune: X:, its fields, M: L: Q: P: K:, the music with `w:` lines, then `W:` lines.
    public static func write(_ tune: ABCTune) -> String {
        var lines: [String] = []
        // A tune read from a fragment without X: is written without one, so it reads back the same.
        if let reference = tune.reference { lines.append("X:\(reference)") }
        for field in tune.fields { lines.append("\(field.letter):\(OneLineText.safe(field.value))") }
        lines += headerLines(tune.melody)
        let body = writeVoices(tune.melody)
        if !body.isEmpty { lines.append(body) }
        for w in tune.words { lines.append("W:\(OneLineText.safe(w))") }
        return lines.joined(separator: "\n")
    }

    /// The body of a melody and of each of its further voices, each after its `V:` line (just the body for a
    /// tune of one voice).
    public static func writeVoices(_ melody: Melody) -> String {
        guard let first = melody.voiceDefinition else { return writeBody(melody) }
        var parts = ["V:\(OneLineText.safe(first))", writeBody(melody)]
        for voice in melody.voices {
            parts.append("V:\(OneLineText.safe(voice.definition))")
            parts.append(writeBody(voice.melody))
        }
        return parts.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// The M:, L:, Q:, P: and K: lines of a melody (K: last, as ABC requires).
    public static func headerLines(_ melody: Melody) -> [String] {
        var lines = ["M:\(melody.meter)", "L:\(melody.unitLength.numerator)/\(melody.unitLength.denominator)"]
        if let tempo = melody.tempo { lines.append("Q:\(ABCHeaderValues.write(tempo))") }
        if !melody.partOrder.isEmpty { lines.append("P:\(melody.partOrder.joined())") }
        lines.append("K:\(ABCHeaderValues.write(melody.key))")
        return lines
    }

    /// The music lines of a melody, each followed by its `w:` lines.
    public static func writeBody(_ melody: Melody) -> String {
        var writer = BodyWriter(melody: melody)
        return writer.write()
    }
}

/// Writes the elements of one melody, tracking accidentals, unit length and tuplets as a reader would.
private struct BodyWriter {
    let melody: Melody
    var unitLength: NoteLength
    var meter: Meter
    var accidentals: AccidentalState
    var tupletRemaining = 0
    var tupletFactor = NoteLength(1)
    var out: [String] = []
    var line = ""
    var lineNotes: [Note] = []
    var timeInBar = NoteLength.zero

    init(melody: Melody) {
        self.melody = melody
        unitLength = melody.unitLength
        meter = melody.meter
        accidentals = AccidentalState(key: melody.key)
    }

    /// The last thing written is a bar line's decoration, which its bar line follows without a space.
    var barDecorated = false

    mutating func write() -> String {
        for element in melody.elements {
            switch element {
            case .note(let note): writeNote(note)
            case .rest(let rest): writeRest(rest)
            case .bar(let bar):
                trimTrailingSpace()
                // A bar line's own decoration sits against it (`H|]`).
                line += (line.isEmpty || barDecorated ? "" : " ") + bar.rawValue + " "
                barDecorated = false
                accidentals.bar()
                timeInBar = .zero
            case .ending(let numbers):
                trimTrailingSpace()
                line += "[" + numbers.map(String.init).joined(separator: ",") + " "
            case .tuplet(let t):
                let defaultQ = Tuplet.defaultInTimeOf(count: t.count, compoundMeter: meter.isCompound)
                if t.inTimeOf == defaultQ && t.notes == t.count { line += "(\(t.count)" } else { line += "(\(t.count):\(t.inTimeOf):\(t.notes)" }
                tupletRemaining = t.notes
                tupletFactor = t.factor
            case .slur(let start): line += start ? "(" : ")"
            case .key(let k):
                line += "[K:\(ABCHeaderValues.write(k))]"
                accidentals.setKey(k)
            case .meter(let m):
                line += "[M:\(m)]"
                meter = m
            case .unitLength(let l):
                line += "[L:\(l.numerator)/\(l.denominator)]"
                unitLength = l
            case .tempo(let t): line += "[Q:\(ABCHeaderValues.write(t))]"
            case .part(let p): line += "[P:\(p)]"
            case .barDecoration(let d):
                trimTrailingSpace()
                line += (line.isEmpty || barDecorated ? "" : " ") + d
                barDecorated = true
            case .lineBreak: endLine(continued: false)
            }
        }
        if !line.isEmpty || !lineNotes.isEmpty { endLine(continued: false) }
        return out.joined(separator: "\n")
    }

    mutating func trimTrailingSpace() {
        while line.last == " " { line.removeLast() }
    }

    mutating func endLine(continued: Bool) {
        trimTrailingSpace()
        out.append(line)
        out += wordsLines(lineNotes)
        line = ""
        lineNotes = []
    }

    func wordsLines(_ notes: [Note]) -> [String] {
        let verses = notes.map(\.lyrics.count).max() ?? 0
        guard verses > 0 else { return [] }
        var lines: [String] = []
        for v in 0..<verses {
            guard let last = notes.lastIndex(where: { $0.lyrics.count > v }) else { lines.append("w:"); continue }
            var s = ""
            for note in notes[...last] {
                let lyric = note.lyrics.count > v ? note.lyrics[v] : .skip
                switch lyric {
                case .syllable(let text, let continues):
                    var escaped = ""
                    for ch in OneLineText.safe(text) {
                        switch ch {
                        case " ": escaped += "~"
                        case "-": escaped += "\\-"
                        case "_", "*", "~", "\\", "|", "%": escaped += "\\" + String(ch)
                        default: escaped.append(ch)
                        }
                    }
                    s += escaped + (continues ? "-" : " ")
                case .hold: s += "_ "
                case .skip: s += "* "
                }
            }
            while s.last == " " { s.removeLast() }
            lines.append("w:" + s)
        }
        return lines
    }

    func lengthText(_ duration: NoteLength) -> String {
        var written = duration / unitLength
        if tupletRemaining > 0 { written = written / tupletFactor }
        if written.numerator == 1 && written.denominator == 1 { return "" }
        if written.denominator == 1 { return "\(written.numerator)" }
        if written.numerator == 1 { return "/\(written.denominator)" }
        return "\(written.numerator)/\(written.denominator)"
    }

    mutating func pitchText(_ pitch: Pitch, record: Bool) -> String {
        var s = ""
        let implied = accidentals.implied(pitch.name.letter, octave: pitch.octave)
        if pitch.name.accidental != implied {
            switch pitch.name.accidental {
            case 0: s += "="
            case let a where a > 0: s += String(repeating: "^", count: a)
            default: s += String(repeating: "_", count: -pitch.name.accidental)
            }
            if record { accidentals.mark(pitch.name.letter, octave: pitch.octave, accidental: pitch.name.accidental) }
        }
        let letter = String(pitch.name.letter.symbol)
        if pitch.octave >= 5 {
            s += letter.lowercased() + String(repeating: "'", count: pitch.octave - 5)
        } else {
            s += letter + String(repeating: ",", count: 4 - pitch.octave)
        }
        return s
    }

    mutating func attachments(decorations: [String], chord: ChordSymbol?, annotations: [String]) {
        for d in decorations { line += d }
        if let chord { line += "\"\(chord)\"" }
        for a in annotations { line += "\"\(a)\"" }
    }

    mutating func writeNote(_ note: Note) {
        spaceAtBeat()
        attachments(decorations: note.decorations, chord: note.chordSymbol, annotations: note.annotations)
        if !note.graceNotes.isEmpty {
            line += "{" + (note.acciaccatura ? "/" : "")
            for p in note.graceNotes { line += pitchText(p, record: false) }
            line += "}"
        }
        if note.pitches.count == 1 {
            line += pitchText(note.pitches[0], record: true)
        } else {
            line += "["
            for p in note.pitches { line += pitchText(p, record: true) }
            line += "]"
        }
        line += lengthText(note.duration)
        accidentals.noteDone(tied: false)
        if note.tiedToNext {
            line += "-"
            for p in note.pitches { accidentals.tie(p) }
        }
        if tupletRemaining > 0 { tupletRemaining -= 1 }
        timeInBar += note.duration
        lineNotes.append(note)
    }

    mutating func writeRest(_ rest: Rest) {
        spaceAtBeat()
        attachments(decorations: rest.decorations, chord: rest.chordSymbol, annotations: rest.annotations)
        if let bars = rest.bars {
            line += (rest.invisible ? "X" : "Z") + (bars == 1 ? "" : String(bars))
        } else {
            line += (rest.invisible ? "x" : "z") + lengthText(rest.duration)
            if tupletRemaining > 0 { tupletRemaining -= 1 }
        }
        timeInBar += rest.duration
    }

    /// A space at each beat so notes beam by the beat, as players write them.
    mutating func spaceAtBeat() {
        guard tupletRemaining == 0, !timeInBar.isZero, line.last != " ", line.last != "(" else { return }
        let pulse = meter.pulse
        let beats = timeInBar / pulse
        if beats.denominator == 1 { line += " " }
    }
}
