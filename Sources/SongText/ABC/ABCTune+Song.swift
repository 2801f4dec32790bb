import SongCore

extension ABCTune {
    /// The tune as a song: title, composer, key, meter and tempo from the header, one section holding the melody,
    /// and the other fields (origin, notes, rhythm…) kept as metadata.
    public var song: Song {
        var metadata = SongMetadata(title: title)
        metadata.subtitles = Array(values("T").dropFirst())
        metadata.composers = values("C")
        metadata.key = melody.key
        metadata.meter = melody.meter
        metadata.tempo = melody.tempo
        let names: [String: String] = [
            "O": "origin", "A": "area", "N": "notes", "R": "rhythm", "Z": "transcription", "H": "history",
            "G": "group", "S": "source", "B": "book", "D": "discography", "F": "file",
        ]
        for field in fields where field.letter != "T" && field.letter != "C" {
            metadata.other.append(.init(name: names[field.letter] ?? field.letter, value: field.value))
        }
        let section = Section(kind: .untitled, label: "Melody", melody: melody)
        return Song(metadata: metadata, blocks: [.section(section)])
    }
}
