/// Roman-numeral analysis of chords relative to a key: `I`, `ii7`, `V7/V`, `bVII`, `viiø7`, `vii°7`.
///
/// Degrees count from the key's own scale (so in A minor `III` is C major); `b`/`#` before the numeral
/// lower or raise the root. Upper case is a major triad, lower case minor; `°` diminished, `ø` half-diminished,
/// `+` augmented; anything after is the chord suffix (`7`, `maj7`, `sus4`, `6`). `/X` makes a secondary chord
/// whose numeral is read in the major (or, for lower case, minor) key of X.
public enum RomanNumeral {
    private static let numerals = ["I", "II", "III", "IV", "V", "VI", "VII"]

    /// The chord a numeral names in `key`, or nil if the text is not a Roman numeral.
    public static func chord(for text: String, in key: Key) -> ChordSymbol? {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        var key = key
        if parts.count == 2 {
            guard let target = chord(for: parts[1], in: key)?.chord else { return nil }
            key = Key(target.root, target.quality == .minor || target.quality == .diminished ? .minor : .major)
        }
        var s = Substring(parts[0])
        var accidental = 0
        while let c = s.first, c == "b" || c == "#" || c == "♭" || c == "♯" {
            accidental += (c == "#" || c == "♯") ? 1 : -1
            s = s.dropFirst()
        }
        // Longest numeral first (VII before VI before V).
        var degree: Int?
        var upper = true
        for (i, numeral) in numerals.enumerated().reversed() {
            if s.hasPrefix(numeral) { degree = i; upper = true; s = s.dropFirst(numeral.count); break }
            if s.hasPrefix(numeral.lowercased()) { degree = i; upper = false; s = s.dropFirst(numeral.count); break }
        }
        guard let degree else { return nil }
        var root = key.scale.notes[degree]
        root.accidental += accidental
        var suffix = upper ? "" : "m"
        if s.hasPrefix("°") || s.hasPrefix("o") {
            s = s.dropFirst()
            suffix = "dim"
        } else if s.hasPrefix("ø") {
            s = s.dropFirst()
            suffix = "m7b5"
            if s.hasPrefix("7") { s = s.dropFirst() }
        } else if s.hasPrefix("+") {
            s = s.dropFirst()
            suffix = "aug"
        }
        return try? ChordSymbol(parsing: root.description + suffix + s)
    }

    /// The numeral of `symbol` in `key` (`ii7`, `bVII`, `viiø7`); N.C. has none. A slash bass is not shown.
    public static func numeral(for symbol: ChordSymbol, in key: Key) -> String? {
        guard var chord = symbol.chord else { return nil }
        chord.bass = nil
        let interval = Interval(from: key.tonic, to: chord.root)
        let degree = interval.steps
        let expected = key.mode.scaleSemitones[degree]
        var offset = interval.semitones - expected
        if offset > 6 { offset -= 12 }
        if offset < -6 { offset += 12 }
        let prefix = offset < 0 ? String(repeating: "b", count: -offset) : String(repeating: "#", count: offset)
        let isLower = chord.quality == .minor || chord.quality == .diminished
        var numeral = isLower ? numerals[degree].lowercased() : numerals[degree]
        // The chord's own suffix without its triad letter.
        var suffix = String(chord.symbol.dropFirst(chord.root.description.count))
        let halfDiminished = chord.quality == .minor && chord.seventh == .minor && chord.alterations.first == .init(-1, 5)
        if halfDiminished {
            numeral += "ø"
            suffix = String(suffix.dropFirst("m".count))
            suffix = suffix.replacingOccurrences(of: "b5", with: "", options: .anchored, range: suffix.range(of: "b5"))
        } else if chord.quality == .diminished {
            numeral += "°"
            suffix = String(suffix.dropFirst("dim".count))
        } else if chord.quality == .augmented {
            numeral += "+"
            suffix = String(suffix.dropFirst("aug".count))
        } else if chord.quality == .minor {
            suffix = String(suffix.dropFirst())
        }
        return prefix + numeral + suffix
    }
}

import Foundation
