import SongCore

/// Makes many different, valid songs for benchmarks and durability tests: each has its own title, stop, people,
/// two sections of words with chords, a melody with aligned words, and credits.
public enum SongGenerator {
    static let words = ["sea", "hill", "light", "song", "home", "bread", "rain", "sun", "river", "harbour", "garden", "morning", "lantern",
                        "dance", "bridge", "market", "winter", "summer", "cwm", "bryn", "afon", "môr", "canu", "school", "kitchen", "railway"]

    /// Song number `n`.
    public static func song(_ n: Int) -> Song {
        func word(_ k: Int) -> String { words[(n * 7 + k * 13) % words.count] }
        var meta = SongMetadata(title: "Song \(n) of the \(word(1).capitalized)")
        meta.key = Key("G")!
        meta.meter = .fourFour
        meta.tempo = Tempo(96)
        meta.themes = [word(2), word(3)]
        let places = ["Weymouth", "Rhyl", "Oban", "Larne", "Whitby", "Tenby"]
        let nations: [TourStop.Nation] = [.england, .wales, .scotland, .northernIreland, .england, .wales]
        let stop = TourStop(id: "stop-\(n % 97)", place: places[n % 6], nation: nations[n % 6], venue: .school, date: "2026-0\(1 + n % 9)-1\(n % 9)")
        let people = [
            Contributor(id: "g\(n % 50)-a", name: "Person \(n % 50) A", generation: .olderAdult, consent: .fullName),
            Contributor(id: "g\(n % 50)-b", name: "Child \(n % 50) B", generation: .child, consent: .firstName, guardianConsent: n % 2 == 0),
        ]
        let line1 = "[G]We sang of the \(word(4)) and the [C]\(word(5))"
        let line2 = "[D]under the \(word(6)) by the [G]\(word(7))"
        let verse = Section(kind: .verse, label: "Verse 1", lines: [
            .lyrics([LyricSegment(text: "")]).withText(line1), .lyrics([LyricSegment(text: "")]).withText(line2),
        ])
        var melody = Melody(key: Key("G")!, meter: .fourFour, unitLength: .quarter)
        for (i, letter) in [Letter.g, .a, .b, .g].enumerated() {
            var note = Note(Pitch(NoteName(letter), octave: 4), .quarter)
            note.lyrics = [.syllable(["la", "la", "la", word(8)][i], continuesWord: false)]
            melody.elements.append(.note(note))
        }
        melody.elements.append(.bar(.final))
        var chorus = Section(kind: .chorus, label: "Chorus", lines: [.lyrics([LyricSegment(text: "Sing \(word(9)), sing \(word(10))")])])
        chorus.melody = melody
        return Song(metadata: meta, blocks: [.section(verse), .section(chorus), .chorusRecall(label: nil)], provenance: Provenance(
            stop: stop, contributors: people,
            credits: [Credit(contributors: [people[0].id], part: .lines, section: "Verse 1", lines: [1, 2]),
                      Credit(contributors: [people[1].id], part: .lines, section: "Chorus"),
                      Credit(contributors: [people[0].id], part: .melody, section: "Chorus")]))
    }
}

extension SongLine {
    /// A lyric line from ChordPro-style text with `[chords]` (simple, for generated songs).
    func withText(_ text: String) -> SongLine {
        var segments: [LyricSegment] = []
        var rest = Substring(text)
        var chord: ChordSymbol?
        while let open = rest.firstIndex(of: "[") {
            let before = String(rest[..<open])
            if chord != nil || !before.isEmpty { segments.append(LyricSegment(chord: chord, text: before)) }
            let close = rest[open...].firstIndex(of: "]")!
            chord = try? ChordSymbol(parsing: rest[rest.index(after: open)..<close])
            rest = rest[rest.index(after: close)...]
        }
        segments.append(LyricSegment(chord: chord, text: String(rest)))
        return .lyrics(segments)
    }
}

/// The words generated songs are made of, for search benchmarks.
public enum SongGeneratorWords {
    /// Every word.
    public static var all: [String] { SongGenerator.words }
}
