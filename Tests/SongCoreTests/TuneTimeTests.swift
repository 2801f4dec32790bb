import Testing
@testable import SongCore

/// The time a take for a section is written in: the section's own tune's, filled from the song's.
@Suite struct TuneTimeTests {
    @Test func aSectionsOwnTuneWinsAndTheSongFillsTheRest() throws {
        var metadata = SongMetadata(title: "Test")
        metadata.key = Key("G")
        metadata.meter = .fourFour
        metadata.tempo = Tempo(96)
        let chorus = Section(kind: .chorus, label: "Chorus", melody: Melody(key: try #require(Key("D")), meter: Meter(3, 4)))
        let verse = Section(kind: .verse, label: "Verse 1")
        let song = Song(metadata: metadata, blocks: [.section(verse), .section(chorus)])
        // The chorus has a tune in 3/4 and D but no tempo of its own: the song's tempo fills it.
        #expect(song.tuneTime(forSection: "Chorus") == TuneTime(tempo: Tempo(96), meter: Meter(3, 4), key: Key("D")))
        // A section without a tune, no section, or one the song does not have: the song's time.
        let songs = TuneTime(tempo: Tempo(96), meter: .fourFour, key: Key("G"))
        #expect(song.tuneTime(forSection: "Verse 1") == songs)
        #expect(song.tuneTime(forSection: nil) == songs)
        #expect(song.tuneTime(forSection: "Bridge") == songs)
        // What is given wins over it.
        #expect(TuneTime(meter: Meter(6, 8)).filling(from: songs) == TuneTime(tempo: Tempo(96), meter: Meter(6, 8), key: Key("G")))
    }
}
