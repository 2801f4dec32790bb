import SongCore

extension ABCTune {
    /// What the header's other fields are called in a song's metadata (made once: every tune of a tunebook asks).
    private static let fieldNames: [String: String] = [
        "O": "origin", "A": "area", "N": "notes", "R": "rhythm", "Z": "transcription", "H": "history",
        "G": "group", "S": "source", "B": "book", "D": "discography", "F": "file",
    ]

    /// The tune as a song: title, composer, key, meter and tempo from the header, one section holding the melody,
    /// and the other fields (origin, notes, rhythm…) kept as metadata.
    public var song: Song {
        var metadata = SongMetadata(title: title)
        metadata.subtitles = Array(values("T").dropFirst())
        metadata.composers = values("C")
        metadata.key = melody.key
        metadata.meter = melody.meter
        metadata.tempo = melody.tempo
        for field in fields where field.letter != "T" && field.letter != "C" {
            metadata.other.append(.init(name: Self.fieldNames[field.letter] ?? field.letter, value: field.value))
        }
        let section = Section(kind: .untitled, label: "Melody", melody: melody)
        return Song(metadata: metadata, blocks: [.section(section)])
    }
}
