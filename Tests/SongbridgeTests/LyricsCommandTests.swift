import Foundation
import SongTesting
import Testing

@Suite struct LyricsCommandTests {
    @Test func syllablesPrintsEachWord() async throws {
        let r = try await CommandRunner.songbridge(["lyrics", "syllables", "wonderful", "Weymouth"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("wonderful  3  won-der-ful  100  dictionary"))
        #expect(r.stdout.contains("Weymouth  2  Wey-mouth  10  british"))
        #expect(r.stdout.contains("5 syllables (English)"))
    }

    @Test func syllablesAsJSON() async throws {
        let r = try await CommandRunner.songbridge(["lyrics", "syllables", "--json", "Mae'r haul yn codi"])
        #expect(r.status == 0)
        struct Line: Decodable { var language: String; var words: [Word] }
        struct Word: Decodable { var word: String; var syllables: [String]; var stresses: [Int]; var source: String }
        let line = try JSONDecoder().decode(Line.self, from: Data(r.stdout.utf8))
        #expect(line.language == "cy")
        #expect(line.words.map(\.syllables.count) == [1, 1, 1, 2])
    }

    @Test func rhymesFiltersBySyllablesAndAddsNearOnes() async throws {
        let r = try await CommandRunner.songbridge(["lyrics", "rhymes", "--syllables", "2", "day"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("perfect: "))
        #expect(r.stdout.contains("away"))
        let near = try await CommandRunner.songbridge(["lyrics", "rhymes", "--near", "--json", "Weymouth"])
        #expect(near.status == 0)
        #expect(near.stdout.contains("\"kind\" : \"assonance\""))
        let unknown = try await CommandRunner.songbridge(["lyrics", "rhymes", "xq"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.split(separator: "\n").count == 1)
    }

    @Test func checkShowsSchemeFitAndAuthors() async throws {
        let r = try await CommandRunner.songbridge(["lyrics", "check", "Songs/the-tide-comes-in.cho"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Chorus  rhyme scheme ABCB"))
        #expect(r.stdout.contains("8/8"))
        #expect(r.stdout.contains("(Margaret Hughes)"))
        #expect(!r.stdout.contains("Josh Turner"))  // first-name consent: credited as Josh
        #expect(r.stdout.contains("(Josh)"))
    }

    @Test func emptyTextIsAUsageError() async throws {
        let r = try await CommandRunner.songbridge(["lyrics", "syllables", " "])
        #expect(r.status == 64)
    }
}
