@testable import SongText
import Testing

/// The provenance directives' `a=1; b=two` lists, split over bytes when they are ASCII: the same pairs as a Character
/// at a time, on text made to have every separator, escape and space in every place.
@Suite struct ProvenancePairsTests {
    @Test func asciiTextSplitsAsItDoesACharacterAtATime() {
        #expect(ProvenanceDirectives.pairs(" id = c1;name=Mair\\;Lewis ;; Generation=child;lone ").map { [$0.0, $0.1] }
                == [["id", "c1"], ["name", "Mair;Lewis"], ["generation", "child"], ["", "lone"]])
        var generator = SplitMix(seed: 7)
        let alphabet: [Character] = ["a", "B", "=", ";", "\\", " ", "\t", "x", "-", "\r"]
        for _ in 0..<5_000 {
            let text = String((0..<Int(generator.next() % 24)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            let bytes = ProvenanceDirectives.asciiPairs(text), characters = ProvenanceDirectives.characterPairs(text)
            #expect(bytes.map { [$0.0, $0.1] } == characters.map { [$0.0, $0.1] }, "\(text.debugDescription)")
        }
        // Not ASCII: a Character at a time (a separator joined to a combining mark is part of the text).
        #expect(ProvenanceDirectives.pairs("name=Dŵr;\u{301}x=1").map { [$0.0, $0.1] } == ProvenanceDirectives.characterPairs("name=Dŵr;\u{301}x=1").map { [$0.0, $0.1] })
    }
}

/// A small seeded generator (SplitMix64), so the text tried is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
