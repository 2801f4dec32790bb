import SongTesting
@testable import SongText
import Testing

/// The provenance directives' `a=1; b=two` lists, split over bytes when they are ASCII: the same pairs as a Character
/// at a time, on text made to have every separator, escape and space in every place.
@Suite struct ProvenancePairsTests {
    @Test func asciiTextSplitsAsItDoesACharacterAtATime() {
        #expect(ProvenanceDirectives.pairs(" id = c1;name=Mair\\;Lewis ;; Generation=child;lone ").map { [$0.0, $0.1] }
                == [["id", "c1"], ["name", "Mair;Lewis"], ["generation", "child"], ["", "lone"]])
        // (SongTesting's seeded generator: the same text on every run.)
        var generator = Mutator(seed: 7)
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
