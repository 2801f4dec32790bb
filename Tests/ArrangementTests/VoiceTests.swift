import Foundation
import SongCore
import SongText
import Testing
@testable import Arrangement

/// A tune's further voices (ABC `V:`) in an arrangement: a harmony line a choir can sing, played as a part.
@Suite struct VoiceTests {
    static let sheet = """
        {title: Two Voices}
        {key: G}
        {time: 4/4}
        {tempo: 90}

        {start_of_verse: Verse}
        Sing with me, sing
        {end_of_verse}

        {start_of_abc: Verse}
        X:1
        M:4/4
        L:1/4
        K:G
        V:1
        GABc|d4|]
        w:Sing with me, sing
        V:2 name="Alto"
        B,CDE|F4|]
        {end_of_abc}

        """

    @Test func aSecondVoiceIsAPartOfItsOwnInTimeWithTheTune() throws {
        let song = try #require(try ChordProReader.read(Self.sheet, name: "two.cho").value.first)
        let verse = try #require(song.section("Verse")?.melody)
        #expect(verse.voices.count == 1)
        // It reads back from the sheet as written
        #expect(try ChordProReader.read(ChordProWriter.write(song), name: "again.cho").value.first == song)
        let performance = try Arranger.perform(song, options: ArrangementOptions(style: "none"))
        let lead = try #require(performance.tracks.first { $0.role == .melody })
        let alto = try #require(performance.tracks.first { $0.name == "Voice 2" })
        #expect(alto.notes.map(\.key) == [59, 60, 62, 64, 66])
        #expect(alto.notes.map(\.onset) == lead.notes.map(\.onset))
        #expect(alto.channel != lead.channel && alto.channel != 9)
    }

    /// A second voice sings a note again as the tune does: with a break before it (the tune's own notes all move).
    @Test func aSecondVoiceBreaksBeforeANoteSungAgain() throws {
        let sheet = Self.sheet.replacingOccurrences(of: "B,CDE|F4|]", with: "B,B,DE|F4|]")
        let song = try #require(try ChordProReader.read(sheet, name: "two.cho").value.first)
        let performance = try Arranger.perform(song, options: ArrangementOptions(style: "none"))
        let lead = try #require(performance.tracks.first { $0.role == .melody }).notes
        let alto = try #require(performance.tracks.first { $0.name == "Voice 2" }).notes
        #expect(alto.map(\.key) == [59, 59, 62, 64, 66])
        #expect(alto[0].duration < NoteLength.quarter && alto[1].duration == NoteLength.quarter)
        #expect(lead.prefix(4).allSatisfy { $0.duration == NoteLength.quarter })
    }
}
