/// The accidental each letter carries under a key signature.
public struct KeySignature: Sendable, Hashable, Codable {
    /// Accidentals indexed by `Letter.rawValue` (C = 0 … B = 6); a fixed array because readers ask for every note.
    private var byLetter: [Int]

    /// An empty signature (all naturals).
    public init() { byLetter = Array(repeating: 0, count: 7) }

    /// The conventional signature with `fifths` sharps (positive) or flats (negative).
    public init(fifths: Int) {
        self.init()
        let sharpOrder: [Letter] = [.f, .c, .g, .d, .a, .e, .b]
        if fifths > 0 {
            for i in 0..<fifths { byLetter[sharpOrder[i % 7].rawValue] += 1 }
        } else if fifths < 0 {
            for i in 0..<(-fifths) { byLetter[sharpOrder[6 - i % 7].rawValue] -= 1 }
        }
    }

    /// The accidental of `letter` under this signature.
    public func accidental(for letter: Letter) -> Int { byLetter[letter.rawValue] }

    /// Sets the accidental of `letter`.
    public mutating func set(_ letter: Letter, _ accidental: Int) { byLetter[letter.rawValue] = accidental }

    /// The letters that carry an accidental, with it.
    public var accidentals: [Letter: Int] {
        var d: [Letter: Int] = [:]
        for l in Letter.allCases where byLetter[l.rawValue] != 0 { d[l] = byLetter[l.rawValue] }
        return d
    }
}
