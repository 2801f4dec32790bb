/// The accidental each letter carries under a key signature.
public struct KeySignature: Sendable, Hashable, Codable {
    /// Accidentals by letter; letters not present are natural.
    public var accidentals: [Letter: Int]

    /// An empty signature (all naturals).
    public init() { accidentals = [:] }

    /// The conventional signature with `fifths` sharps (positive) or flats (negative).
    public init(fifths: Int) {
        accidentals = [:]
        let sharpOrder: [Letter] = [.f, .c, .g, .d, .a, .e, .b]
        if fifths > 0 {
            for i in 0..<fifths { accidentals[sharpOrder[i % 7], default: 0] += 1 }
        } else if fifths < 0 {
            for i in 0..<(-fifths) { accidentals[sharpOrder[6 - i % 7], default: 0] -= 1 }
        }
    }

    /// The accidental of `letter` under this signature.
    public func accidental(for letter: Letter) -> Int { accidentals[letter] ?? 0 }
}
