import Foundation
import SongCore
import SongTesting
import Testing
@testable import SongText

@Suite struct RoundTripTests {
    @Test(arguments: Fixtures.songFiles.map(\.lastPathComponent))
    func songsRoundTripThroughChordPro(name: String) throws {
        // Given a song file from Songs/
        let url = Fixtures.songs.appendingPathComponent(name)
        let first = try SongFile.read(path: url.path)
        #expect(first.warnings.isEmpty, "\(first.warnings.map(\.description))")
        // When it is written and read again
        let written = ChordProWriter.write(first.songs)
        let second = try ChordProReader.read(written, name: "written-\(name)")
        // Then the song is equal, provenance and melodies included
        #expect(second.value == first.songs)
        #expect(second.warnings.isEmpty)
        // And writing again gives the same text, which is the file itself (Songs/ is kept in the writer's layout).
        #expect(ChordProWriter.write(second.value) == written)
        #expect(written == Fixtures.text(url))
    }

    @Test(arguments: Fixtures.corpusFiles.map(\.lastPathComponent))
    func corpusRoundTripsThroughABC(name: String) throws {
        let url = Fixtures.corpus.appendingPathComponent(name)
        let first = try ABCReader.read(SourceText(contentsOf: url)).value
        let written = ABCWriter.write(first)
        let second = try ABCReader.read(written, name: "written-\(name)").value
        #expect(second.tunes == first.tunes)
        #expect(ABCWriter.write(second) == written)
        // The notes as heard are the same too.
        for (a, b) in zip(first.tunes, second.tunes) { #expect(a.melody.performedNotes == b.melody.performedNotes) }
    }

    /// Found by the fuzzer: a unit length of a whole number of whole notes was written as `L:3`, which does not read.
    @Test func unusualUnitLengthsRoundTrip() throws {
        let book = try ABCReader.read("X:1\nL:3/1\nK:C\nC D|\n").value
        #expect(book.tunes[0].melody.unitLength == NoteLength(3))
        #expect(try ABCReader.read(ABCWriter.write(book)).value == book)
    }

    @Test func corpusTunesRoundTripInsideChordPro() throws {
        // A tune read from ABC, put in a song sheet's ABC block, comes back the same.
        for url in Fixtures.corpusFiles {
            for tune in try ABCReader.read(SourceText(contentsOf: url)).value.tunes {
                let song = Song(metadata: SongMetadata(title: tune.title), blocks: [.section(Section(kind: .verse, label: "Tune", melody: tune.melody))])
                let back = try ChordProReader.read(ChordProWriter.write(song)).value
                #expect(back == [song], "\(tune.title ?? "?")")
            }
        }
    }

    @Test func transposedSongsRoundTripAndSpellForTheKey() throws {
        let url = Fixtures.songs.appendingPathComponent("the-tide-comes-in.cho")
        let original = try #require(try SongFile.read(path: url.path).songs.first)
        let up = Transposition(semitones: 1, from: original.metadata.key)
        let moved = up.apply(original)
        #expect(moved.metadata.key == Key("Ab")!)
        let text = ChordProWriter.write(moved)
        let music = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")  // leave out the file comment
        #expect(music.contains("[Ab]") && music.contains("[Db]") && !music.contains("#"))
        #expect(try ChordProReader.read(text).value == [moved])
        // Every note moved by one semitone.
        let before = original.sections[0].melody!.performedNotes.map(\.pitch.midiNumber)
        let after = moved.sections[0].melody!.performedNotes.map(\.pitch.midiNumber)
        #expect(after == before.map { $0 + 1 })
    }
}
