/// Why a chord symbol could not be read, and where in the symbol.
public struct ChordParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text that was read.
    public var text: String
    /// Character offset in `text` where reading failed.
    public var offset: Int
    /// What was expected there.
    public var expected: String

    public var description: String { "'\(text)' is not a chord: expected \(expected)" }
}

extension ChordSymbol {
    /// Reads a chord symbol as people type them on lead sheets and in ChordPro or ABC:
    /// `Am`, `A-7`, `Amin7`, `Bbmaj7`, `BbΔ7`, `F#m7b5`, `Cø`, `C°`, `Cdim7`, `C+`, `Caug`, `Csus`, `C7sus4`,
    /// `Cadd9`, `C6/9`, `C9`, `C11`, `C13`, `C7(b9,#11)`, `G/B`, `N.C.`.
    public init(parsing text: some StringProtocol) throws(ChordParseError) {
        let raw = String(text)
        let s = raw.trimmingWhitespace()
        if s.first == "N" || s.first == "n", s.filter({ $0 != "." }).uppercased() == "NC" {
            self = .noChord
            return
        }
        func fail(_ offset: Int, _ expected: String) -> ChordParseError {
            ChordParseError(text: raw, offset: offset, expected: expected)
        }
        guard let first = s.first, Letter(first) != nil, first.isUppercase else {
            throw fail(0, "a root note A–G (e.g. Am, G7, F#m7b5) or N.C.")
        }
        guard let (root, afterRoot) = NoteName.parsePrefix(Substring(s)) else {
            throw fail(1, "at most two sharps or flats after the root")
        }
        var body = afterRoot
        var bass: NoteName?
        if let slash = body.lastIndex(of: "/") {
            let after = body[body.index(after: slash)...]
            if let name = NoteName(after), after.first?.isUppercase == true {
                bass = name
                body = body[..<slash]
            } else if let first = after.first, "abcdefg".contains(first), let name = NoteName(first.uppercased() + after.dropFirst()) {
                // A lower-case bass, as tunebooks type it (`"A/c#"`), read as abc2midi reads it.
                bass = name
                body = body[..<slash]
            } else if !(after.first?.isNumber ?? false) {
                throw fail(s.distance(from: s.startIndex, to: slash) + 1, "a bass note after '/' (e.g. G/B, C/Bb)")
            }
        }
        var parser = SuffixParser(text: body, offsetBase: s.distance(from: s.startIndex, to: body.startIndex))
        var chord = try parser.parse(root: root, raw: raw)
        chord.bass = bass == root ? nil : bass
        self = .chord(chord)
    }
}

/// Reads what follows a chord's root, left to right.
private struct SuffixParser {
    var text: Substring
    var offsetBase: Int

    init(text: Substring, offsetBase: Int) {
        self.text = text
        self.offsetBase = offsetBase
    }

    private var offset: Int { offsetBase }

    mutating func take(_ options: String...) -> Bool {
        for o in options where text.hasPrefix(o) {
            offsetBase += o.count
            text = text.dropFirst(o.count)
            return true
        }
        return false
    }

    mutating func number() -> Int? {
        let digits = text.prefix(while: \.isASCIIDigitChar)
        guard !digits.isEmpty, let n = Int(digits) else { return nil }
        offsetBase += digits.count
        text = text.dropFirst(digits.count)
        return n
    }

    mutating func parse(root: NoteName, raw: String) throws(ChordParseError) -> Chord {
        var chord = Chord(root: root)
        func fail(_ expected: String) -> ChordParseError {
            ChordParseError(text: raw, offset: offset, expected: expected)
        }
        // Triad quality.
        var majorSeventhMarked = false
        if take("maj", "Maj", "MAJ", "ma", "Ma", "Δ", "∆") {
            majorSeventhMarked = true
        } else if take("min", "mi", "m", "-") {
            chord.quality = .minor
        } else if take("M") {
            majorSeventhMarked = true
        } else if take("dim", "°", "º", "o") {
            chord.quality = .diminished
            if take("7") { chord.seventh = .diminished }
        } else if take("ø", "Ø") {
            chord.quality = .minor
            chord.seventh = .minor
            chord.alterations.append(.init(-1, 5))
            _ = take("7")
        } else if take("aug", "+") {
            chord.quality = .augmented
        }
        // In minor chords a following maj/M/Δ marks a major seventh (CmMaj7, Cm(maj7)).
        if chord.quality == .minor || chord.quality == .augmented {
            let save = (text, offsetBase)
            _ = take("(")
            if take("maj", "Maj", "MAJ", "M", "Δ", "∆") {
                majorSeventhMarked = true
            } else {
                (text, offsetBase) = save
            }
        }
        // Sixth, seventh or extension.
        let saveBeforeNumber = (text, offsetBase)
        if let n = number() {
            switch n {
            case 5 where chord.quality == .major && !majorSeventhMarked: chord.quality = .power
            case 6:
                chord.sixth = true
                if take("/9", "9") { chord.added.append(9) }
            case 69:
                chord.sixth = true
                chord.added.append(9)
            case 7:
                if chord.seventh == nil { chord.seventh = majorSeventhMarked ? .major : .minor }
            case 9, 11, 13:
                chord.seventh = majorSeventhMarked ? .major : (chord.seventh ?? .minor)
                chord.extensionDegree = n
            case 2 where !majorSeventhMarked:
                chord.added.append(2)
            default:
                (text, offsetBase) = saveBeforeNumber
                throw fail("6, 7, 9, 11 or 13 after the chord quality")
            }
            if majorSeventhMarked && chord.seventh == nil && !chord.sixth {
                throw fail("7, 9, 11 or 13 after maj")
            }
        }
        _ = take(")")
        // Suspensions, additions and alterations in any order, optionally in parentheses and separated by commas.
        while !text.isEmpty {
            if take("(", ")", ",", " ") { continue }
            if take("sus") {
                let n = number() ?? 4
                guard n == 2 || n == 4 else { throw fail("sus2 or sus4") }
                guard chord.quality == .major || chord.quality == .power else { throw fail("sus on a major chord only") }
                chord.quality = n == 2 ? .suspended2 : .suspended4
                continue
            }
            if take("add") {
                let numberOffset = offsetBase
                guard let n = number(), [2, 4, 6, 9, 11, 13].contains(n) else {
                    throw ChordParseError(text: raw, offset: numberOffset, expected: "add2, add4, add6, add9, add11 or add13")
                }
                if n == 6 { chord.sixth = true } else { chord.added.append(n) }
                continue
            }
            if take("alt") {
                if chord.seventh == nil { chord.seventh = .minor }
                chord.alterations += [.init(-1, 9), .init(1, 9), .init(-1, 13)]
                continue
            }
            var accidental = 0
            if take("b", "♭", "-") {
                accidental = -1
            } else if take("#", "♯", "+") {
                accidental = 1
            }
            if accidental != 0 {
                let numberOffset = offsetBase
                guard let n = number(), [5, 9, 11, 13].contains(n) else {
                    throw ChordParseError(text: raw, offset: numberOffset, expected: "an altered 5, 9, 11 or 13 (b5, #9, #11, b13)")
                }
                chord.alterations.append(.init(accidental, n))
                continue
            }
            throw fail("a chord suffix such as m, 7, maj7, m7b5, dim, aug, sus4, add9 or a slash bass")
        }
        // C7#5 and Caug7 sound the same; m7b5 and ø likewise are kept in one form (minor, 7, b5).
        if chord.quality == .diminished && chord.seventh == .minor {
            chord.quality = .minor
            chord.alterations.insert(.init(-1, 5), at: 0)
        }
        return chord
    }
}

extension Character {
    var isASCIIDigitChar: Bool { isASCII && isNumber }
}

import Foundation
