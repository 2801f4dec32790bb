/// Dictionary entries grouped by the vowels of their rhyming part (stress ignored), for near-rhyme suggestions.
/// Built once, on the first near-rhyme question, for the shipped lexicon only.
enum AssonanceIndex {
    static let shared: [[UInt8]: [Int]] = build(Lexicon.shared)

    static func build(_ lexicon: Lexicon) -> [[UInt8]: [Int]] {
        var index: [[UInt8]: [Int]] = [:]
        for e in 0..<lexicon.entryCount {
            let vowels = lexicon.pronunciation(e).rhymePart.filter { $0 >= 32 }
            index[vowels, default: []].append(e)
        }
        return index
    }
}
