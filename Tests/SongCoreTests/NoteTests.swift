import Foundation
import Testing
@testable import SongCore

/// A note keeps what is attached to it (grace notes, decorations, chord, annotations, words) behind one shared
/// box; to everything outside it must behave as plain fields did, in value, equality and JSON.
@Suite struct NoteTests {
    static let full = Note(
        pitches: [Pitch(.a, octave: 4)], duration: .quarter, tiedToNext: true, graceNotes: [Pitch(.b, octave: 4)], acciaccatura: true,
        decorations: ["~"], chordSymbol: (try! ChordSymbol(parsing: "Am")), annotations: ["^slowly"], lyrics: [.syllable("sun", continuesWord: true), .hold])

    @Test func attachedFieldsReadBackAndChangeAlone() throws {
        var n = Self.full
        #expect(n.graceNotes == [Pitch(.b, octave: 4)] && n.decorations == ["~"] && n.chordSymbol == (try! ChordSymbol(parsing: "Am")))
        #expect(n.annotations == ["^slowly"] && n.lyrics.count == 2)
        let copy = n
        n.lyrics.append(.skip)
        n.decorations = []
        #expect(n.lyrics.count == 3 && n.decorations.isEmpty && n.chordSymbol == (try! ChordSymbol(parsing: "Am")))
        #expect(copy.lyrics.count == 2 && copy.decorations == ["~"], "a copy keeps its own values")
        #expect(n != copy)
    }

    @Test func aNoteEmptiedOfAttachmentsEqualsOneThatNeverHadThem() {
        var n = Self.full
        n.graceNotes = []; n.decorations = []; n.chordSymbol = nil; n.annotations = []; n.lyrics = []
        let plain = Note(pitches: [Pitch(.a, octave: 4)], duration: .quarter, tiedToNext: true, acciaccatura: true)
        #expect(n == plain)
        #expect(n.hashValue == plain.hashValue)
        #expect(Set([n, plain]).count == 1)
    }

    /// Stored songs are JSON: every field keeps its name, empty lists are still written, a missing chord is left out.
    @Test func jsonHasEveryFieldByName() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let object = try #require(JSONSerialization.jsonObject(with: encoder.encode(Self.full)) as? [String: Any])
        #expect(object.keys.sorted() == ["acciaccatura", "annotations", "chordSymbol", "decorations", "duration", "graceNotes", "lyrics", "pitches", "tiedToNext"])
        #expect(try JSONDecoder().decode(Note.self, from: encoder.encode(Self.full)) == Self.full)
        let bare = try #require(JSONSerialization.jsonObject(with: encoder.encode(Note(Pitch(.c, octave: 4), .eighth))) as? [String: Any])
        #expect(bare.keys.sorted() == ["acciaccatura", "annotations", "decorations", "duration", "graceNotes", "lyrics", "pitches", "tiedToNext"])
        #expect((bare["lyrics"] as? [Any])?.isEmpty == true)
    }
}
