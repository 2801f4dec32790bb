import SongCore

/// The measures of the one part, section after section: a measure ends at each bar line; attributes (divisions,
/// key, time, clef) open the part and come again where a tune changes them.
struct PartWriter {
    let divisions: Int
    private(set) var out = ""
    private var number = 0
    private var key: Key?
    private var meter: Meter?
    /// Notes whose tie continues into the next note of the same pitch, by MIDI number.
    private var tied: Set<Int> = []

    init(divisions: Int) { self.divisions = divisions }

    /// One section's tune, with a rehearsal mark naming it when the song has several.
    mutating func write(_ melody: Melody, label: String?, tempo: Tempo?) {
        var measure = Measure()
        var first = true
        var tuplet: (Tuplet, left: Int)?
        var verseContinues: [Int: Bool] = [:]
        var pendingEnding: [Int]?
        var endingOpen: [Int]?
        var pendingPart: String?
        tied = []
        // Parts in play order, and where each `:|` goes back to: every such place gets a forward repeat, since a
        // reader without one goes back to the start of the score (MuseScore does).
        let (elements, repeatStarts) = melody.writtenInPlayOrder
        func open() {
            number += 1
            measure = Measure()
            if first {
                measure.attributes(key: melody.key, meter: melody.meter, divisions: number == 1 ? divisions : nil, clef: number == 1,
                                   keyChanged: melody.key != key, meterChanged: melody.meter != meter)
                key = melody.key
                meter = melody.meter
                if let label { measure.body += PartWriter.rehearsal(label) }
                if let tempo, number == 1 || label != nil { measure.body += PartWriter.metronome(tempo) }
                first = false
            }
            if let part = pendingPart {
                measure.body += PartWriter.rehearsal(part)
                pendingPart = nil
            }
            if !pendingKey.isEmpty || !pendingTime.isEmpty {
                // A change written between measures (key before time, as the schema orders them).
                measure.body = "<attributes>" + pendingKey + pendingTime + "</attributes>" + measure.body
                pendingKey = ""
                pendingTime = ""
            }
            if let ending = pendingEnding {
                measure.endingStart = "<ending number=\"\(ending.map(String.init).joined(separator: ","))\" type=\"start\"/>"
                endingOpen = ending
                pendingEnding = nil
            }
        }
        // `hidden`: a bar line that only splits a measure where an ending starts inside it (not drawn).
        func close(_ bar: BarLine?, hidden: Bool = false) {
            var right = hidden ? "<barline location=\"right\"><bar-style>none</bar-style></barline>" : ""
            let style: String? = switch bar {
            case .double?: "light-light"
            case .final?, .repeatEnd?: "light-heavy"
            case .thickThin?: "heavy-light"
            case .dotted?: "dotted"
            case .repeatBoth?: "light-heavy"
            default: nil
            }
            let endsEnding = endingOpen != nil && (bar?.endsRepeat == true || bar == .double || bar == .final || bar == .thickThin)
            if style != nil || bar?.endsRepeat == true || endsEnding {
                right = "<barline location=\"right\">" + (style.map { "<bar-style>\($0)</bar-style>" } ?? "")
                if endsEnding, let ending = endingOpen {
                    right += "<ending number=\"\(ending.map(String.init).joined(separator: ","))\" type=\"\(bar?.endsRepeat == true ? "stop" : "discontinue")\"/>"
                    endingOpen = nil
                }
                if bar?.endsRepeat == true { right += "<repeat direction=\"backward\"/>" }
                right += "</barline>"
            }
            // One left bar line: a forward repeat's heavy-light bar, and an ending that starts here (schema order).
            var left = ""
            if startRepeatHere || measure.endingStart != nil {
                left = "<barline location=\"left\">" + (startRepeatHere ? "<bar-style>heavy-light</bar-style>" : "") + (measure.endingStart ?? "")
                    + (startRepeatHere ? "<repeat direction=\"forward\"/>" : "") + "</barline>"
                startRepeatHere = false
            }
            out += "<measure number=\"\(number)\">" + left + measure.attributesText + measure.body + right + "</measure>\n"
            // A repeat that starts at this bar line opens the next measure.
            if bar?.startsRepeat == true { startRepeatHere = true }
            measure = Measure()
        }
        var started = false
        // Where a tuplet's bracket starts and stops, for the note or rest now written.
        func bracket() -> TupletBracket? {
            guard let (t, left) = tuplet, t.notes > 1 else { return nil }
            return left == t.notes ? .start : (left == 1 ? .stop : nil)
        }
        for (index, element) in elements.enumerated() {
            if repeatStarts.contains(index) { startRepeatHere = true }
            switch element {
            case .note(let note):
                if !started { open(); started = true }
                let factor = tuplet.map { $0.0 }
                measure.body += noteText(note, tuplet: factor, bracket: bracket(), tiedTo: note.tiedToNext ? PartWriter.nextPitches(in: elements, after: index) : [],
                                         verseContinues: &verseContinues)
                if var t = tuplet { t.left -= 1; tuplet = t.left > 0 ? t : nil }
            case .rest(let rest):
                if !started { open(); started = true }
                if let chord = rest.chordSymbol { measure.body += PartWriter.harmony(chord) }
                let factor = tuplet.map { $0.0 }
                measure.body += "<note><rest/><duration>\(duration(rest.duration))</duration><voice>1</voice>" + typeText(rest.duration, tuplet: factor)
                    + (bracket().map { "<notations>\($0.text)</notations>" } ?? "") + "</note>"
                if var t = tuplet { t.left -= 1; tuplet = t.left > 0 ? t : nil }
            case .part(let name):
                if started { measure.body += PartWriter.rehearsal(name) } else { pendingPart = name }
            case .bar(let bar):
                if !started {
                    // A bar line before any note: a repeat or ending starts with the first measure.
                    if bar.startsRepeat { startRepeatHere = true }
                    continue
                }
                close(bar)
                started = false
            case .ending(let numbers):
                // An ending starts a measure. One typed inside a bar (`G2G [1 G2 :|`) splits it there, since
                // MusicXML's endings begin at a bar line: moved to the next bar, the ending's notes would be played
                // every time.
                if started {
                    close(nil, hidden: true)
                    started = false
                }
                pendingEnding = numbers
            case .tuplet(let t):
                tuplet = (t, t.notes)
            case .key(let k):
                if k != key {
                    if started { measure.body += "<attributes>" + PartWriter.keyText(k) + "</attributes>" } else { pendingKey = PartWriter.keyText(k) }
                }
                key = k
            case .meter(let m):
                if m != meter {
                    if started { measure.body += "<attributes>" + PartWriter.timeText(m) + "</attributes>" } else { pendingTime = PartWriter.timeText(m) }
                }
                meter = m
            case .tempo(let t):
                if started { measure.body += PartWriter.metronome(t) }
            default:
                break
            }
        }
        if started { close(.final) } else if first { open(); close(.final) }
    }

    /// A part with no tune: one empty measure, so the file still opens.
    mutating func writeEmpty(meter: Meter, key: Key?) {
        number += 1
        var measure = Measure()
        measure.attributes(key: key ?? .cMajor, meter: meter, divisions: divisions, clef: true, keyChanged: true, meterChanged: true)
        let whole = meter.barLength ?? NoteLength(1)
        measure.body += "<note><rest measure=\"yes\"/><duration>\(duration(whole))</duration><voice>1</voice></note>"
        out += "<measure number=\"\(number)\">" + measure.attributesText + measure.body + "</measure>\n"
    }

    private var startRepeatHere = false
    /// Key and time changes written between measures, for the next one.
    private var pendingKey = "", pendingTime = ""

    /// A length in divisions.
    func duration(_ length: NoteLength) -> Int {
        max(1, 4 * divisions * length.numerator / length.denominator)
    }

    /// The written note type, dots and tuplet ratio for a played length (empty when no single type writes it).
    func typeText(_ played: NoteLength, tuplet: Tuplet?) -> String {
        let written = tuplet.map { NoteLength(played.numerator * $0.count, played.denominator * $0.inTimeOf) } ?? played
        let types: [(String, NoteLength)] = [("breve", NoteLength(2)), ("whole", NoteLength(1)), ("half", .half), ("quarter", .quarter), ("eighth", .eighth),
                                             ("16th", .sixteenth), ("32nd", NoteLength(1, 32)), ("64th", NoteLength(1, 64))]
        var text = ""
        search: for (name, base) in types {
            for dots in 0...2 {
                // base × (2 − 1/2^dots)
                let length = NoteLength(base.numerator * ((2 << dots) - 1), base.denominator << dots)
                if length == written {
                    text = "<type>\(name)</type>" + String(repeating: "<dot/>", count: dots)
                    break search
                }
            }
        }
        if let tuplet {
            text += "<time-modification><actual-notes>\(tuplet.count)</actual-notes><normal-notes>\(tuplet.inTimeOf)</normal-notes></time-modification>"
        }
        return text
    }

    /// A tuplet's bracket, started on its first note and stopped on its last (readers draw it from these; with only
    /// the time modification, MuseScore guesses where a tuplet begins).
    enum TupletBracket {
        case start, stop
        var text: String { self == .start ? "<tuplet type=\"start\" bracket=\"yes\"/>" : "<tuplet type=\"stop\"/>" }
    }

    /// A rehearsal mark (a section's or an ABC part's name) above the measure.
    static func rehearsal(_ name: String) -> String {
        "<direction placement=\"above\"><direction-type><rehearsal>\(MusicXMLWriter.escape(name))</rehearsal></direction-type></direction>"
    }

    /// The MIDI numbers of the next note after `index` (none when a rest comes first): where a tie can go.
    static func nextPitches(in elements: [MelodyElement], after index: Int) -> Set<Int> {
        for element in elements[(index + 1)...] {
            switch element {
            case .note(let next): return Set(next.pitches.map(\.midiNumber))
            case .rest: return []
            default: continue
            }
        }
        return []
    }

    /// `tiedTo`: the next note's pitches, when this one is tied to it. A tie holds a pitch on, so only the pitches
    /// the next note has are tied (ABC's `B-c` is played as two notes, as a slur would be, and so written).
    private mutating func noteText(_ note: Note, tuplet: Tuplet?, bracket: TupletBracket?, tiedTo: Set<Int>, verseContinues: inout [Int: Bool]) -> String {
        var text = note.chordSymbol.map(PartWriter.harmony) ?? ""
        let d = duration(note.duration)
        let pitches = note.pitches.sorted { $0.midiNumber > $1.midiNumber }
        for (index, pitch) in pitches.enumerated() {
            let midi = pitch.midiNumber
            let stops = tied.contains(midi)
            let starts = tiedTo.contains(midi)
            text += "<note>" + (index > 0 ? "<chord/>" : "")
            text += PartWriter.pitchText(pitch)
            text += "<duration>\(d)</duration>"
            if stops { text += "<tie type=\"stop\"/>" }
            if starts { text += "<tie type=\"start\"/>" }
            text += "<voice>1</voice>" + typeText(note.duration, tuplet: tuplet)
            let tupletText = index == 0 ? bracket?.text ?? "" : ""
            if stops || starts || !tupletText.isEmpty {
                text += "<notations>" + (stops ? "<tied type=\"stop\"/>" : "") + (starts ? "<tied type=\"start\"/>" : "") + tupletText + "</notations>"
            }
            if index == 0 {
                for (verse, lyric) in note.lyrics.enumerated() {
                    guard case .syllable(let syllable, let continues) = lyric, !syllable.isEmpty else { continue }
                    let before = verseContinues[verse] ?? false
                    let syllabic = before ? (continues ? "middle" : "end") : (continues ? "begin" : "single")
                    verseContinues[verse] = continues
                    text += "<lyric number=\"\(verse + 1)\"><syllabic>\(syllabic)</syllabic><text>\(MusicXMLWriter.escape(syllable))</text></lyric>"
                }
            }
            text += "</note>"
        }
        tied = tiedTo.intersection(pitches.map(\.midiNumber))
        return text
    }

    /// A spelled pitch as `<pitch>`.
    static func pitchText(_ pitch: Pitch) -> String {
        "<pitch><step>\(String(pitch.name.letter.symbol).uppercased())</step>" + (pitch.name.accidental != 0 ? "<alter>\(pitch.name.accidental)</alter>" : "") + "<octave>\(pitch.octave)</octave></pitch>"
    }

    static func keyText(_ key: Key) -> String {
        let mode = "\(key.mode)"
        return "<key><fifths>\(max(-7, min(7, key.fifths)))</fifths><mode>\(mode)</mode></key>"
    }

    static func timeText(_ meter: Meter) -> String {
        if meter.symbol == .free { return "<time><senza-misura/></time>" }
        let symbol = meter.symbol == .common ? " symbol=\"common\"" : (meter.symbol == .cut ? " symbol=\"cut\"" : "")
        return "<time\(symbol)><beats>\(meter.beats)</beats><beat-type>\(meter.beatUnit)</beat-type></time>"
    }

    /// A tempo mark in the tune's own beat where it has a name (a dotted quarter in 6/8), with the speed to play.
    static func metronome(_ tempo: Tempo) -> String {
        let units: [(NoteLength, String)] = [(.half, "<beat-unit>half</beat-unit>"), (NoteLength(3, 4), "<beat-unit>half</beat-unit><beat-unit-dot/>"),
                                             (.quarter, "<beat-unit>quarter</beat-unit>"), (NoteLength(3, 8), "<beat-unit>quarter</beat-unit><beat-unit-dot/>"),
                                             (.eighth, "<beat-unit>eighth</beat-unit>"), (NoteLength(3, 16), "<beat-unit>eighth</beat-unit><beat-unit-dot/>")]
        let quarters = Int(tempo.quarterNotesPerMinute.rounded())
        let mark = units.first { $0.0 == tempo.beat }.map { "\($0.1)<per-minute>\(Int(tempo.beatsPerMinute.rounded()))</per-minute>" }
            ?? "<beat-unit>quarter</beat-unit><per-minute>\(quarters)</per-minute>"
        return "<direction placement=\"above\"><direction-type><metronome>\(mark)</metronome></direction-type><sound tempo=\"\(quarters)\"/></direction>"
    }

    /// A chord symbol as `<harmony>`: root, kind (the schema's names) and bass.
    static func harmony(_ symbol: ChordSymbol) -> String {
        guard let chord = symbol.chord else {
            return "<harmony><root><root-step>C</root-step></root><kind text=\"N.C.\">none</kind></harmony>"
        }
        func step(_ name: NoteName, _ tag: String) -> String {
            "<\(tag)-step>\(String(name.letter.symbol).uppercased())</\(tag)-step>" + (name.accidental != 0 ? "<\(tag)-alter>\(name.accidental)</\(tag)-alter>" : "")
        }
        let kind: String = switch (chord.quality, chord.seventh, chord.sixth) {
        case (.major, nil, true): "major-sixth"
        case (.minor, nil, true): "minor-sixth"
        case (.major, .minor?, _): chord.extensionDegree == 9 ? "dominant-ninth" : (chord.extensionDegree == 11 ? "dominant-11th" : (chord.extensionDegree == 13 ? "dominant-13th" : "dominant"))
        case (.major, .major?, _): chord.extensionDegree == 9 ? "major-ninth" : "major-seventh"
        case (.minor, .minor?, _): chord.extensionDegree == 9 ? "minor-ninth" : "minor-seventh"
        case (.minor, .major?, _): "major-minor"
        case (.diminished, .minor?, _): "half-diminished"
        case (.diminished, .diminished?, _): "diminished-seventh"
        case (.augmented, .minor?, _): "augmented-seventh"
        case (.major, _, _): "major"
        case (.minor, _, _): "minor"
        case (.diminished, _, _): "diminished"
        case (.augmented, _, _): "augmented"
        case (.suspended2, _, _): "suspended-second"
        case (.suspended4, _, _): "suspended-fourth"
        case (.power, _, _): "power"
        }
        let shown = MusicXMLWriter.escape(symbol.description)
        return "<harmony><root>" + step(chord.root, "root") + "</root><kind text=\"\(shown)\">\(kind)</kind>"
            + (chord.bass.map { "<bass>" + step($0, "bass") + "</bass>" } ?? "") + "</harmony>"
    }
}

/// One measure being written: what goes before its notes, its attributes, and its music.
struct Measure {
    /// An ending that starts at this measure's left bar line.
    var endingStart: String?
    var attributesText = ""
    var body = ""

    mutating func attributes(key: Key, meter: Meter, divisions: Int?, clef: Bool, keyChanged: Bool, meterChanged: Bool) {
        var text = "<attributes>"
        if let divisions { text += "<divisions>\(divisions)</divisions>" }
        if keyChanged { text += PartWriter.keyText(key) }
        if meterChanged { text += PartWriter.timeText(meter) }
        if clef { text += "<clef><sign>G</sign><line>2</line></clef>" }
        text += "</attributes>"
        attributesText = text == "<attributes></attributes>" ? "" : text
    }
}
