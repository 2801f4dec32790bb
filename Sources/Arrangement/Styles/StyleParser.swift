import Foundation
import SongCore

/// Why a style file could not be read: the file and line, and what is wrong.
public struct StyleError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}

/// Reads style files:
///
///     style: folk
///     about: Strummed guitar, bass on roots and fifths, brushes.
///     meter: 4/4
///     refuses: 6/8              (optional: meters the style will not adapt to; it plays every other)
///     tempo: 104
///     swing: 0                  (0.33: off-beat eighths a third late, band and tune; '0.33 band': the band only)
///     humanise: 6
///     intro: 2
///     ending: 1                 (bars of the home chord; every held ending slows, the word 'ritardando' is allowed)
///     fill: 8
///     lead: 73
///     part bass: program 32, channel 2, range E1-G3, volume 95, pan 64, reverb 20
///     part comp: program 25, voicing guitar  (close, guitar, piano or swing: how the part lays out its chords)
///       1 root 1/4 100          (beat, tone, length or "hold", velocity)
///     fill drums:
///       4 snare 1/16 90
///     vary bass:                (the part's second pattern, for every other phrase; made from the first if left out)
///       1 root 1/2 100
///
/// Beats count from 1 in the meter's bottom unit (1–6 in 6/8); `2.5` is half way through beat 2.
public enum StyleParser {
    static let drumKeys: [String: Int] = [
        "kick": 36, "stick": 37, "snare": 38, "clap": 39, "hat": 42, "pedalhat": 44, "openhat": 46, "tom1": 48, "tom2": 45,
        "tom3": 41, "crash": 49, "ride": 51, "tamb": 54, "cowbell": 56, "shaker": 70, "claves": 75, "brush": 40,
    ]
    static let tones: Set<String> = ["root", "third", "fifth", "seventh", "octave", "chord", "arp1", "arp2", "arp3", "arp4", "approach", "walk"]

    /// Reads one style file's text.
    public static func parse(_ text: String, file: String) throws(StyleError) -> StyleDefinition {
        var def = StyleDefinition(name: "", about: "", meter: .fourFour, tempo: 100, swing: 0, humanise: 0, introBars: 0, endingBars: 1,
                                  fillEvery: 0, leadProgram: 73, parts: [], file: file)
        /// The part whose pattern lines follow, and which of its patterns they are.
        var current: (index: Int, block: Block)?
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = n + 1
            func fail(_ m: String) -> StyleError { StyleError(file: file, line: lineNo, message: m) }
            let line = String(raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            guard !line.trimmingWhitespace().isEmpty else { continue }
            let indented = line.first == " " || line.first == "\t"
            let t = line.trimmingWhitespace()
            if indented {
                guard let cur = current else { throw fail("a pattern line outside a part; start one with 'part NAME: …'") }
                let event = try parseEvent(t, meter: def.meter, drums: def.parts[cur.index].channel == 9, fail: fail)
                switch cur.block {
                case .events: def.parts[cur.index].events.append(event)
                case .fill: def.parts[cur.index].fill.append(event)
                case .vary: def.parts[cur.index].vary.append(event)
                }
                continue
            }
            guard let colon = t.firstIndex(of: ":") else { throw fail("expected 'name: value'") }
            let key = t[..<colon].trimmingWhitespace(), value = t[t.index(after: colon)...].trimmingWhitespace()
            switch key {
            case "style": def.name = value
            case "about": def.about = value
            case "meter":
                guard let m = Meter(value), m.barLength != nil else { throw fail("'\(value)' is not a meter") }
                guard def.parts.isEmpty else { throw fail("meter must come before the parts") }
                def.meter = m
            case "tempo":
                guard let v = Double(value), (20...300).contains(v) else { throw fail("tempo must be 20–300") }
                def.tempo = v
            case "swing":
                let words = value.split(separator: " ")
                guard let v = words.first.flatMap({ Double($0) }), (0...0.5).contains(v), words.count == 1 || (words.count == 2 && words[1] == "band") else {
                    throw fail("swing must be 0–0.5 (a fraction of an eighth), then 'band' if the tune should stay straight")
                }
                def.swing = v
                def.swingTune = words.count == 1
            case "humanise":
                guard let v = Int(value), (0...30).contains(v) else { throw fail("humanise must be 0–30") }
                def.humanise = v
            case "intro":
                guard let v = Int(value), (0...8).contains(v) else { throw fail("intro must be 0–8 bars") }
                def.introBars = v
            case "ending":
                let words = value.split(separator: " ")
                guard let v = words.first.flatMap({ Int($0) }), (0...4).contains(v) else { throw fail("ending must be 0–4 bars, optionally 'ritardando'") }
                def.endingBars = v
            case "fill":
                guard let v = Int(value), (0...32).contains(v) else { throw fail("fill must be 0–32 bars") }
                def.fillEvery = v
            case "refuses":
                var meters: [Meter] = []
                for word in value.split(whereSeparator: { $0 == "," || $0 == " " }) {
                    guard let m = Meter(String(word)), m.barLength != nil else { throw fail("'\(word)' is not a meter") }
                    meters.append(m)
                }
                def.refuses = meters
            case "lead":
                guard let v = Int(value), (0...127).contains(v) else { throw fail("lead must be a General MIDI program 0–127") }
                def.leadProgram = v
            default:
                if key.hasPrefix("part ") {
                    def.parts.append(try parsePart(String(key.dropFirst(5)).trimmingWhitespace(), value, fail: fail))
                    current = (def.parts.count - 1, .events)
                } else if key.hasPrefix("fill ") || key.hasPrefix("vary ") {
                    let block: Block = key.hasPrefix("fill ") ? .fill : .vary
                    let name = String(key.dropFirst(5)).trimmingWhitespace()
                    guard let i = def.parts.firstIndex(where: { $0.name == name }) else { throw fail("\(block) for part '\(name)', which is not defined above") }
                    current = (i, block)
                } else {
                    throw fail("unknown setting '\(key)'; expected style, about, meter, refuses, tempo, swing, humanise, intro, ending, fill, lead, part, fill or vary")
                }
            }
        }
        guard !def.name.isEmpty else { throw StyleError(file: file, line: 1, message: "the style has no 'style: NAME' line") }
        return def
    }

    /// Which of a part's patterns the lines that follow belong to.
    enum Block: String { case events = "pattern", fill, vary }

    static func parsePart(_ name: String, _ spec: String, fail: (String) -> StyleError) throws(StyleError) -> StyleDefinition.Part {
        var part = StyleDefinition.Part(name: name, program: 0, channel: name == "drums" ? 9 : 1, low: 36, high: 84, volume: 90, pan: 64, reverb: 30, events: [], fill: [])
        for item in spec.split(separator: ",") {
            let words = item.split(separator: " ").map(String.init)
            guard words.count == 2 else { throw fail("'\(item.trimmingWhitespace())' should be a setting and a value, like 'program 32'") }
            switch words[0] {
            case "program": guard let v = Int(words[1]), (0...127).contains(v) else { throw fail("program must be 0–127") }; part.program = v
            case "channel": guard let v = Int(words[1]), (0...15).contains(v) else { throw fail("channel must be 0–15") }; part.channel = v
            case "volume": guard let v = Int(words[1]), (0...127).contains(v) else { throw fail("volume must be 0–127") }; part.volume = v
            case "pan": guard let v = Int(words[1]), (0...127).contains(v) else { throw fail("pan must be 0–127") }; part.pan = v
            case "reverb": guard let v = Int(words[1]), (0...127).contains(v) else { throw fail("reverb must be 0–127") }; part.reverb = v
            case "range":
                let b = words[1].split(separator: "-")
                guard b.count == 2, let lo = VoiceRange.midi(String(b[0])), let hi = VoiceRange.midi(String(b[1])), hi - lo >= 12 else {
                    throw fail("range must be two notes an octave or more apart, like E1-G3")
                }
                guard lo >= 0, hi <= 127 else { throw fail("range \(words[1]) goes outside MIDI's notes (C-1 to G9)") }
                part.low = lo
                part.high = hi
            case "voicing":
                guard let v = VoicingIdiom(rawValue: words[1]) else { throw fail("voicing must be \(VoicingIdiom.allCases.map(\.rawValue).joined(separator: ", "))") }
                part.voicing = v
            default: throw fail("unknown part setting '\(words[0])'; expected program, channel, range, volume, pan, reverb or voicing")
            }
        }
        return part
    }

    static func parseEvent(_ text: String, meter: Meter, drums: Bool, fail: (String) -> StyleError) throws(StyleError) -> StyleDefinition.Event {
        let w = text.split(separator: " ").map(String.init)
        guard w.count == 4 else { throw fail("a pattern line is: beat tone length velocity, like '1 root 1/4 100'") }
        guard let beat = Double(w[0]), beat >= 1, beat < Double(meter.beats) + 1 else { throw fail("beat '\(w[0])' is outside a bar of \(meter)") }
        // Beats in halves, thirds or quarters of the bottom unit: kept exact.
        let steps = Int((beat - 1) * 12 + 0.5)
        guard abs(Double(steps) / 12 - (beat - 1)) < 0.01 else { throw fail("beat '\(w[0])' should be a whole, half, third or quarter beat") }
        let at = NoteLength(steps, 12 * meter.beatUnit)
        let tone = w[1]
        if drums {
            guard drumKeys[tone] != nil || Int(tone).map({ (27...87).contains($0) }) == true else {
                throw fail("'\(tone)' is not a drum; use \(drumKeys.keys.sorted().joined(separator: ", ")) or a key number")
            }
        } else if !tones.contains(tone) {
            throw fail("'\(tone)' is not a tone; use \(tones.sorted().joined(separator: ", "))")
        }
        var length: NoteLength?
        if w[2] != "hold" {
            let f = w[2].split(separator: "/")
            guard f.count == 2, let a = Int(f[0]), let b = Int(f[1]), a > 0, b > 0, b <= 64 else { throw fail("length '\(w[2])' should be a fraction like 1/8, or 'hold'") }
            length = NoteLength(a, b)
        }
        guard let v = Int(w[3]), (1...127).contains(v) else { throw fail("velocity must be 1–127") }
        if let length, let bar = meter.barLength, at + length > bar {
            throw fail("the note at beat \(w[0]) lasts \(w[2]), past the end of a bar of \(meter); a pattern is one bar")
        }
        return StyleDefinition.Event(at: at, tone: tone, length: length, velocity: v)
    }
}
