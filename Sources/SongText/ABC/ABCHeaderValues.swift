import SongCore

/// Readers for the values of ABC's K:, M:, L:, Q: and P: fields.
enum ABCHeaderValues {
    /// Reads a `K:` value: `G`, `Em`, `A minor`, `Dmix`, `D Dorian`, `HP`, `Hp`, `none`, `D exp ^f _b`, `D ^c`,
    /// with clef and other `name=value` settings ignored. Returns nil with a reason when it is not a key.
    /// Clef names a `K:` line may carry after the key: read past (every tune's key is read, so the set is made once).
    private static let clefNames: Set<String> = ["treble", "bass", "alto", "tenor", "perc", "none-clef", "bass3", "alto1", "alto2", "baritone", "soprano", "mezzosoprano"]

    static func key(_ text: String) -> Result<Key, KeyError> {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // Drop settings such as clef=bass, transpose=-2, and a bare clef name.
        tokens.removeAll { $0.contains("=") && !$0.hasPrefix("=") || clefNames.contains($0.lowercased()) }
        guard let first = tokens.first else { return .success(.cMajor) }
        var key: Key
        var rest = Array(tokens.dropFirst())
        if first == "HP" {
            key = Key(.c, .major, explicitAccidentals: [], explicitOnly: true)
        } else if first == "Hp" {
            // Highland pipes: F sharp, C sharp and G natural (ABC 2.1 §4.6), which is A mixolydian; abc2midi agrees.
            key = Key(.a, .mixolydian)
        } else if first.lowercased() == "none" {
            key = Key(.c, .major, explicitAccidentals: [], explicitOnly: true)
        } else if first.first == "^" || first.first == "_" || first.first == "=" {
            key = .cMajor
            rest.insert(first, at: 0)
        } else {
            var chars = Substring(first)
            guard let letterChar = chars.first, let letter = Letter(letterChar), letterChar.isUppercase else {
                return .failure(KeyError(message: "'\(first)' is not a key", expected: "a key such as G, Em, Dmix, Ador, Bb or none"))
            }
            chars = chars.dropFirst()
            var accidental = 0
            if chars.first == "#" { accidental = 1; chars = chars.dropFirst() } else if chars.first == "b" { accidental = -1; chars = chars.dropFirst() }
            var modeWord = String(chars)
            // Accidentals written straight after the mode (`Dm^c`) are the key's explicit accidentals.
            if let mark = modeWord.firstIndex(where: { $0 == "^" || $0 == "_" || $0 == "=" }) {
                rest.insert(String(modeWord[mark...]), at: 0)
                modeWord = String(modeWord[..<mark])
            }
            if modeWord.isEmpty, let next = rest.first, Mode(abcWord: next) != nil, next.first?.isLetter == true {
                modeWord = next
                rest.removeFirst()
            }
            guard let mode = Mode(abcWord: modeWord) else {
                // abc2midi reads an unknown mode (`K:Es`, German for E flat) as the tonic's major, and says so.
                return .failure(KeyError(message: "'\(modeWord)' is not a mode; read as \(NoteName(letter, accidental)) major",
                                         expected: "m, min, maj, dor, phr, lyd, mix, aeo, loc or ion", fallback: Key(NoteName(letter, accidental), .major)))
            }
            key = Key(NoteName(letter, accidental), mode)
        }
        for token in rest {
            if token.lowercased() == "exp" { key.explicitOnly = true; continue }
            var t = Substring(token)
            var acc = 0
            var marked = false
            while let c = t.first, c == "^" || c == "_" || c == "=" {
                marked = true
                acc += c == "^" ? 1 : c == "_" ? -1 : 0
                t = t.dropFirst()
            }
            // Several run together (`^c^g`) are read one by one.
            var pieces: [(Int, Letter)] = []
            var accidentalRun = acc
            while let c = t.first {
                guard let letter = Letter(c) else { break }
                pieces.append((accidentalRun, letter))
                t = t.dropFirst()
                accidentalRun = 0
                var more = false
                while let m = t.first, m == "^" || m == "_" || m == "=" {
                    more = true
                    accidentalRun += m == "^" ? 1 : m == "_" ? -1 : 0
                    t = t.dropFirst()
                }
                if !more { break }
            }
            guard marked, t.isEmpty, !pieces.isEmpty else {
                return .failure(KeyError(message: "'\(token)' is not a key accidental", expected: "accidentals such as ^f _b =c after the key"))
            }
            for (acc, letter) in pieces {
                key.explicitAccidentals.removeAll { $0.letter == letter }
                key.explicitAccidentals.append(NoteName(letter, acc))
            }
        }
        return .success(key)
    }

    /// Why a K: value could not be read.
    struct KeyError: Error {
        var message: String
        var expected: String
        /// The key to go on with when the problem is only a warning (an unknown mode: the tonic's major).
        var fallback: Key? = nil
    }

    /// The key as written after `K:`.
    static func write(_ key: Key) -> String {
        if key.explicitOnly && key.explicitAccidentals.isEmpty && key.tonic == .c && key.mode == .major { return "none" }
        var s = String(key.tonic.letter.symbol)
        if key.tonic.accidental > 0 { s += "#" } else if key.tonic.accidental < 0 { s += "b" }
        s += key.mode.abcSuffix
        if key.explicitOnly { s += " exp" }
        for name in key.explicitAccidentals {
            let mark = name.accidental > 0 ? String(repeating: "^", count: name.accidental)
                : name.accidental < 0 ? String(repeating: "_", count: -name.accidental) : "="
            s += " " + mark + String(name.letter.symbol).lowercased()
        }
        return s
    }

    /// Reads an `L:` value such as `1/8`.
    static func unitLength(_ text: String) -> NoteLength? {
        let parts = text.trimmingWhitespace().split(separator: "/")
        guard let n = Int(parts.first ?? ""), n > 0, n <= 64 else { return nil }
        if parts.count == 1 { return n == 1 ? .whole : nil }
        guard parts.count == 2, let d = Int(parts[1]), d > 0, d <= 512 else { return nil }
        return NoteLength(n, d)
    }

    /// Reads an `M:` value; `(2+3)/8` is accepted as `2+3/8`.
    static func meter(_ text: String) -> Meter? {
        Meter(text.contains("(") ? text.filter { $0 != "(" && $0 != ")" } : text)
    }

    /// The meter tunebooks mean by an `M:` value that is not one as written: a stray `]` (`2/2]`), a word before
    /// the fraction (the Essen collection's `FREI4/4`, free time in four), or several meters listed (`3/4 6/8`,
    /// the first is the tune's).
    static func lenientMeter(_ text: String) -> Meter? {
        let cleaned = text.trimmingCharacters(in: CharacterSet(charactersIn: " ]"))
        if let first = cleaned.split(separator: " ").first, let m = meter(String(first)) { return m }
        if let start = cleaned.firstIndex(where: \.isNumber), let m = meter(String(cleaned[start...])) { return m }
        return nil
    }

    /// Reads a `Q:` value: `1/4=120`, `3/8=80`, `"Gently" 1/4=96`, or a bare number of unit lengths.
    static func tempo(_ text: String, unitLength: NoteLength) -> Tempo? {
        var t = text
        var words: String?
        if let open = t.firstIndex(of: "\"") {
            let afterOpen = t.index(after: open)
            if let close = t[afterOpen...].firstIndex(of: "\"") {
                words = String(t[afterOpen..<close])
                t.removeSubrange(open...close)
            }
        }
        t = t.trimmingWhitespace()
        if t.isEmpty { return words.map { Tempo(120, text: $0) } }
        if let eq = t.firstIndex(of: "=") {
            let beats = t[..<eq].split(separator: " ")
            var beat = NoteLength.zero
            for b in beats {
                guard let d = ABCHeaderValues.unitLength(String(b)) ?? wholeFraction(String(b)) else { return nil }
                beat += d
            }
            guard let bpm = Double(t[t.index(after: eq)...].trimmingWhitespace()), bpm > 0, bpm < 2000, !beat.isZero else { return nil }
            return Tempo(bpm, beat: beat, text: words)
        }
        guard let bpm = Double(t), bpm > 0, bpm < 2000 else { return nil }
        return Tempo(bpm, beat: unitLength, text: words)
    }

    private static func wholeFraction(_ text: String) -> NoteLength? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let n = Int(parts[0]), let d = Int(parts[1]), n > 0, d > 0, n <= 64, d <= 512 else { return nil }
        return NoteLength(n, d)
    }

    /// The tempo as written after `Q:`.
    static func write(_ tempo: Tempo) -> String {
        var s = tempo.description
        if let text = tempo.text { s = "\"\(text)\" " + s }
        return s
    }

    /// Expands a `P:` play order: `ABAB`, `A2B`, `(AB)2C`, `A.B.C`. Nil if it is not a play order.
    static func partOrder(_ text: String) -> [String]? {
        var chars = Array(text.filter { !$0.isWhitespace && $0 != "." })
        var index = 0
        func sequence(depth: Int) -> [String]? {
            guard depth < 8 else { return nil }
            var out: [String] = []
            while index < chars.count {
                let c = chars[index]
                var item: [String]
                if c == "(" {
                    index += 1
                    guard let inner = sequence(depth: depth + 1), index < chars.count, chars[index] == ")" else { return nil }
                    index += 1
                    item = inner
                } else if c == ")" {
                    return out
                } else if c.isLetter && c.isUppercase {
                    item = [String(c)]
                    index += 1
                } else {
                    return nil
                }
                var digits = ""
                while index < chars.count, chars[index].isNumber { digits.append(chars[index]); index += 1 }
                let times = min(Int(digits) ?? 1, 16)
                for _ in 0..<times { out += item }
                if out.count > 256 { return nil }
            }
            return out
        }
        chars = chars.map { $0 }
        guard let result = sequence(depth: 0), index == chars.count, !result.isEmpty else { return nil }
        return result
    }
}

import Foundation
