import Foundation
import SongCore

/// Reads one `<part>` measure by measure into melody elements.
struct PartReader {
    let name: String
    var notes: [String] = []
    var divisions = 1
    /// The key and meter now, and as the tune starts.
    var key: Key?
    var meter: Meter?
    var startKey: Key?
    var startMeter: Meter?
    var tempo: Tempo?
    var elements: [MelodyElement] = []
    /// The voice read: the first that sounds a note or rest.
    var voice: String?
    /// A chord symbol read, for the next note or rest.
    var pendingChord: ChordSymbol?
    /// Notes of the tuplet now being read (its ratio, and where its marker goes).
    var tuplet: (actual: Int, normal: Int, at: Int, notes: Int)?
    var skippedGrace = false, skippedVoices = false

    init(name: String) { self.name = name }

    func problem(_ element: XMLTree.Element, _ text: String) -> ScoreImportError {
        ScoreImportError("\(name):\(element.line): <\(element.name)>: \(text)")
    }

    mutating func read(_ part: XMLTree.Element) throws(ScoreImportError) {
        let measures = part.all("measure")
        guard measures.count <= MusicXMLReader.maximumMeasures else { throw problem(part, "more than \(MusicXMLReader.maximumMeasures) measures; refused") }
        for measure in measures {
            var closing: BarLine = .single
            for child in measure.children {
                switch child.name {
                case "attributes": try attributes(child)
                case "direction":
                    if let sound = child.child("sound"), let bpm = sound.attributes["tempo"].flatMap(Double.init), bpm >= 10, bpm <= 500 {
                        if tempo == nil, elements.isEmpty { tempo = Tempo(bpm) } else { elements.append(.tempo(Tempo(bpm))) }
                    }
                case "sound":
                    if let bpm = child.attributes["tempo"].flatMap(Double.init), bpm >= 10, bpm <= 500, tempo == nil { tempo = Tempo(bpm) }
                case "harmony": pendingChord = try harmony(child)
                case "note": try note(child)
                case "barline":
                    let location = child.attributes["location"] ?? "right"
                    let repeatDirection = child.child("repeat")?.attributes["direction"]
                    if location == "left" {
                        if repeatDirection == "forward" {
                            if case .bar(let last)? = elements.last, last.endsRepeat { elements[elements.count - 1] = .bar(.repeatBoth) } else { elements.append(.bar(.repeatStart)) }
                        }
                        if let ending = child.child("ending"), ending.attributes["type"] == "start" {
                            let numbers = (ending.attributes["number"] ?? "").split { $0 == "," || $0 == " " }.compactMap { Int($0) }.filter { (1...20).contains($0) }
                            if !numbers.isEmpty { elements.append(.ending(numbers)) }
                        }
                    } else {
                        if repeatDirection == "backward" { closing = .repeatEnd }
                        else if child.value("bar-style") == "light-heavy" { closing = .final }
                        else if child.value("bar-style") == "light-light" { closing = .double }
                    }
                default: break
                }
            }
            finishTuplet()
            elements.append(.bar(closing))
        }
        if skippedGrace { notes.append("grace notes are left out") }
        if skippedVoices { notes.append("only the first voice is read") }
    }

    mutating func attributes(_ element: XMLTree.Element) throws(ScoreImportError) {
        if let text = element.value("divisions") {
            guard let d = Int(text), d > 0, d <= 1_000_000 else { throw problem(element, "divisions must be a whole number from 1, not '\(text)'") }
            divisions = d
        }
        if let k = element.child("key"), let fifthsText = k.value("fifths") {
            guard let fifths = Int(fifthsText), (-7...7).contains(fifths) else { throw problem(k, "fifths must be from -7 to 7, not '\(fifthsText)'") }
            let mode = k.value("mode") ?? "major"
            var read = Key(fifths: fifths, minor: mode == "minor" || mode == "aeolian")
            if let m = Mode(rawValue: mode), m != .major, m != .minor {
                // A modal key: the same signature, its own tonic.
                let ionian = Key(fifths: fifths, minor: false)
                let steps = [Mode.ionian: 0, .dorian: 1, .phrygian: 2, .lydian: 3, .mixolydian: 4, .aeolian: 5, .locrian: 6][m] ?? 0
                let scale = ionian.scale.notes
                read = Key(scale[steps % scale.count], m)
            }
            if key == nil, elements.isEmpty { startKey = read } else if read != key { elements.append(.key(read)) }
            key = read
        }
        if let t = element.child("time") {
            if t.child("senza-misura") != nil { return }
            // Beats may be a sum ("3+2"): the bar's length is what a tune needs.
            let beats = t.value("beats").map { $0.split(separator: "+").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.reduce(0, +) } ?? 0
            guard let unit = t.value("beat-type").flatMap(Int.init), (1...64).contains(beats), [1, 2, 4, 8, 16, 32].contains(unit) else {
                throw problem(t, "a time signature Songbridge cannot read (\(t.value("beats") ?? "?")/\(t.value("beat-type") ?? "?"))")
            }
            let symbol: Meter.Symbol = t.attributes["symbol"] == "common" ? .common : t.attributes["symbol"] == "cut" ? .cut : .numeric
            let read = Meter(beats, unit, symbol: symbol)
            if meter == nil, elements.isEmpty { startMeter = read } else if read != meter { elements.append(.meter(read)) }
            meter = read
        }
    }

    mutating func note(_ element: XMLTree.Element) throws(ScoreImportError) {
        if element.child("grace") != nil { skippedGrace = true; return }
        if element.child("cue") != nil { return }
        let v = element.value("voice") ?? "1"
        if voice == nil { voice = v }
        guard v == voice else { skippedVoices = true; return }
        let isChordTone = element.child("chord") != nil
        guard let durationText = element.value("duration"), let units = Int(durationText), units > 0, units <= divisions * 4 * 64 else {
            throw problem(element, "a note needs a duration in divisions (read \(element.value("duration") ?? "none"))")
        }
        let length = NoteLength(units, 4 * divisions)
        if element.child("rest") != nil {
            guard !isChordTone else { return }
            track(element, added: 1)
            elements.append(.rest(Rest(duration: length, chordSymbol: take())))
            return
        }
        guard let pitchElement = element.child("pitch") else {
            // Unpitched (percussion) notes have no place in a tune.
            throw problem(element, "a note without a <pitch> (an unpitched or percussion part); give the tune's part")
        }
        guard let step = pitchElement.value("step"), step.count == 1, let letter = Letter(rawValue: ["C": 0, "D": 1, "E": 2, "F": 3, "G": 4, "A": 5, "B": 6][step] ?? -1),
              let octave = pitchElement.value("octave").flatMap(Int.init), (0...9).contains(octave) else {
            throw problem(pitchElement, "a pitch needs a step from A to G and an octave from 0 to 9")
        }
        let alterText = pitchElement.value("alter") ?? "0"
        guard let alter = Double(alterText), alter == alter.rounded(), abs(alter) <= 2 else {
            throw problem(pitchElement, "an alteration Songbridge cannot spell ('\(alterText)'; quarter tones are not read)")
        }
        let pitch = Pitch(NoteName(letter, Int(alter)), octave: octave)
        let tieStart = element.all("tie").contains { $0.attributes["type"] == "start" }
        if isChordTone, case .note(var last)? = elements.last {
            last.pitches.append(pitch)
            last.tiedToNext = last.tiedToNext || tieStart
            elements[elements.count - 1] = .note(last)
            return
        }
        track(element, added: 1)
        var lyrics: [Lyric] = []
        for lyric in element.all("lyric") {
            let verse = max(1, min(50, Int(lyric.attributes["number"] ?? "1") ?? 1))
            while lyrics.count < verse - 1 { lyrics.append(.skip) }
            let texts = lyric.all("text").map { $0.text }
            let syllabic = lyric.value("syllabic") ?? "single"
            let read: Lyric
            if texts.isEmpty {
                read = lyric.child("extend") != nil ? .hold : .skip
            } else {
                read = .syllable(texts.joined(separator: " "), continuesWord: syllabic == "begin" || syllabic == "middle")
            }
            if lyrics.count == verse - 1 { lyrics.append(read) } else if verse - 1 < lyrics.count { lyrics[verse - 1] = read }
        }
        elements.append(.note(Note(pitches: [pitch], duration: length, tiedToNext: tieStart, chordSymbol: take(), lyrics: lyrics)))
    }

    /// The chord symbol waiting for the next note or rest.
    mutating func take() -> ChordSymbol? {
        defer { pendingChord = nil }
        return pendingChord
    }

    /// Keeps count of a tuplet's notes: a note with a time modification opens or continues one.
    mutating func track(_ element: XMLTree.Element, added: Int) {
        if let modification = element.child("time-modification"), let actual = modification.value("actual-notes").flatMap(Int.init),
           let normal = modification.value("normal-notes").flatMap(Int.init), actual > 1, actual <= 16, normal > 0, normal <= 16 {
            if let open = tuplet, open.actual == actual, open.normal == normal, open.notes < actual {
                tuplet?.notes += added
            } else {
                finishTuplet()
                tuplet = (actual, normal, elements.count, added)
            }
        } else {
            finishTuplet()
        }
    }

    /// Puts the tuplet marker before its notes.
    mutating func finishTuplet() {
        guard let open = tuplet else { return }
        elements.insert(.tuplet(Tuplet(count: open.actual, inTimeOf: open.normal, notes: open.notes)), at: open.at)
        tuplet = nil
    }

    func harmony(_ element: XMLTree.Element) throws(ScoreImportError) -> ChordSymbol? {
        // The symbol as the musician wrote it, where the file says it and it reads; else built from root and kind.
        if let shown = element.child("kind")?.attributes["text"], !shown.isEmpty, shown.utf8.count <= 40, let symbol = try? ChordSymbol(parsing: shown) {
            return symbol
        }
        guard let root = element.child("root"), let step = root.value("root-step") else { return nil }
        let alter = Int(Double(root.value("root-alter") ?? "0") ?? 0)
        let kind = element.value("kind") ?? "major"
        if kind == "none" { return nil }
        let suffix: String = switch kind {
        case "minor": "m"
        case "augmented": "aug"
        case "diminished": "dim"
        case "dominant": "7"
        case "major-seventh": "maj7"
        case "minor-seventh": "m7"
        case "diminished-seventh": "dim7"
        case "augmented-seventh": "aug7"
        case "half-diminished": "m7b5"
        case "major-minor": "mMaj7"
        case "major-sixth": "6"
        case "minor-sixth": "m6"
        case "dominant-ninth": "9"
        case "major-ninth": "maj9"
        case "minor-ninth": "m9"
        case "dominant-11th": "11"
        case "dominant-13th": "13"
        case "suspended-second": "sus2"
        case "suspended-fourth": "sus4"
        case "power": "5"
        default: ""
        }
        var text = step + (alter > 0 ? String(repeating: "#", count: alter) : String(repeating: "b", count: -alter)) + suffix
        if let bass = element.child("bass"), let bassStep = bass.value("bass-step") {
            let bassAlter = Int(Double(bass.value("bass-alter") ?? "0") ?? 0)
            text += "/" + bassStep + (bassAlter > 0 ? String(repeating: "#", count: bassAlter) : String(repeating: "b", count: -bassAlter))
        }
        return try? ChordSymbol(parsing: text)
    }

    /// The melody read.
    func melody() -> Melody {
        var elements = self.elements
        // Verses numbered as the file numbers them, closed up: a score whose only words are verse 2 has them as verse 1.
        var used = Set<Int>()
        for case .note(let n) in elements { for (v, lyric) in n.lyrics.enumerated() where lyric != .skip { used.insert(v) } }
        let verses = used.sorted()
        if verses != Array(0..<verses.count) {
            for i in elements.indices {
                guard case .note(var n) = elements[i], !n.lyrics.isEmpty else { continue }
                let lyrics = n.lyrics
                n.lyrics = verses.map { $0 < lyrics.count ? lyrics[$0] : .skip }
                while n.lyrics.last == .skip { n.lyrics.removeLast() }
                elements[i] = .note(n)
            }
        }
        // The closing bar line: the end of the tune.
        if case .bar(.single)? = elements.last { elements[elements.count - 1] = .bar(.final) }
        return Melody(key: startKey ?? .cMajor, meter: startMeter ?? .fourFour, unitLength: .eighth, tempo: tempo, elements: elements)
    }
}
