import Foundation
import SongCore
import SongTesting
import Testing
@testable import SongText

/// The scale bench's variation of a song's tunes: every demo song, varied, still reads, with the same notes counted,
/// the same rhythm, words and chords, and other pitches in every tune; a seed gives one variation, another seed
/// another.
@Suite struct TuneVariationTests {
    struct Shape: Equatable {
        var durations: [NoteLength]
        var pitches: [Int]
        var chords: [String]
    }

    static func shapes(_ song: Song) -> [String: Shape] {
        var out: [String: Shape] = [:]
        for section in song.sections {
            guard let melody = section.melody else { continue }
            var shape = Shape(durations: [], pitches: [], chords: [])
            for case .note(let n) in melody.elements {
                shape.durations.append(n.duration)
                shape.pitches.append(n.pitches.first?.midiNumber ?? -1)
                if let chord = n.chordSymbol { shape.chords.append("\(chord)") }
            }
            out[section.label ?? "\(out.count)"] = shape
        }
        return out
    }

    @Test func everyDemoSongVariedReadsWithItsRhythmWordsAndChordsAndOtherPitches() throws {
        for url in Fixtures.songFiles {
            let text = try String(contentsOf: url, encoding: .utf8)
            let original = try #require(try ChordProReader.read(text, name: url.lastPathComponent).value.first)
            let varied = TuneVariation.vary(text, seed: 7)
            #expect(varied != text, "\(url.lastPathComponent)")
            #expect(TuneVariation.vary(text, seed: 7) == varied)
            #expect(TuneVariation.vary(text, seed: 8) != varied)
            let song = try #require(try ChordProReader.read(varied, name: url.lastPathComponent).value.first)
            #expect(song.sections.map(\.lines) == original.sections.map(\.lines), "\(url.lastPathComponent): the words moved")
            let before = Self.shapes(original), after = Self.shapes(song)
            #expect(before.keys.sorted() == after.keys.sorted())
            var movedInSong = 0
            for (label, shape) in before {
                let other = try #require(after[label])
                #expect(other.durations == shape.durations && other.chords == shape.chords, "\(url.lastPathComponent) \(label)")
                let moved = zip(shape.pitches, other.pitches).filter { $0 != $1 }
                // Three notes of its block moved a step (a second); one note chosen twice moves two steps, or back.
                #expect(moved.count <= 3, "\(url.lastPathComponent) \(label): \(moved.count) moved")
                #expect(moved.allSatisfy { abs($0.0 - $0.1) <= 4 }, "\(url.lastPathComponent) \(label): \(moved)")
                movedInSong += moved.count
            }
            #expect(movedInSong >= 1, "\(url.lastPathComponent)")
        }
    }

    /// The scale bench's songs with real tunes: a demo song whose blocks take tunebook tunes keeps its words, and each
    /// of its sections is sung to one of those tunes, note for note.
    @Test func aDemoSongTakesTunebookTunesAndKeepsItsWords() throws {
        let oneills = try ABCCorpus.tunes(ofCollection: ABCCorpus.oneills)
        let tunes = oneills.prefix(40).compactMap { TuneVariation.blockTune($0.text) }.prefix(6).map { $0 }
        #expect(tunes.count == 6, "run scripts/fetch-corpus.sh (make test does)")
        #expect(TuneVariation.blockTune("X:1\nK:C\nCDE|]\n") == nil, "three notes are too few")
        func notes(_ melody: Melody) -> [Int] {
            melody.elements.compactMap { if case .note(let n) = $0 { n.pitches.first?.midiNumber } else { nil } }
        }
        let alone: [[Int]] = try tunes.map { tune in
            let melody = try #require(try ChordProReader.read("{title: t}\n{start_of_abc: V}\n\(tune)\n{end_of_abc}\n", name: "t.cho").value.first?.sections.first?.melody)
            return notes(melody)
        }
        #expect(alone.allSatisfy { $0.count >= 16 })
        for url in Fixtures.songFiles {
            let text = try String(contentsOf: url, encoding: .utf8)
            let original = try #require(try ChordProReader.read(text, name: url.lastPathComponent).value.first)
            let song = try #require(try ChordProReader.read(TuneVariation.replacingTunes(in: text, with: tunes), name: url.lastPathComponent).value.first)
            #expect(song.sections.map(\.lines) == original.sections.map(\.lines), "\(url.lastPathComponent): the words moved")
            let sung = song.sections.compactMap(\.melody).map(notes)
            #expect(!sung.isEmpty && sung.allSatisfy { alone.contains($0) }, "\(url.lastPathComponent)")
        }
    }
}
