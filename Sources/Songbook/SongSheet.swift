import Arrangement
import Notation
import SongCore

/// A song as the pages and songbooks show it: the sections with words, a tune or chords, in order, each sung
/// section with its words on its tune as they are now (a verse without a tune of its own on the tune it is sung
/// to), optionally moved to another key.
public enum SongSheet {
    /// The sections shown, in order: those with words, a tune or chords.
    public static func shownSections(of song: Song) -> [Section] {
        song.sections.filter { !$0.lyricLines.isEmpty || $0.melody != nil || !$0.chords.isEmpty }
    }

    /// `song` as it is sung, moved to `key` when one is given: the words laid on the tunes (`SungWords`).
    public static func sung(_ song: Song, key: Key? = nil) -> Song {
        var moved = song
        if let key, let from = song.metadata.key ?? song.sections.compactMap(\.melody).first?.key {
            moved = Transposition(from: from, to: key).apply(song)
        }
        return SungWords.apply(to: moved)
    }

    /// What the engraver draws for each shown section of `song` (nil for a section without a tune).
    public static func notation(_ song: Song, key: Key? = nil, size: NotationSource.Size = .page) -> [NotationSource?] {
        shownSections(of: sung(song, key: key)).map { section in
            section.melody.map { NotationSource($0, name: NotationSource.name(section: section.id, melody: $0), size: size) }
        }
    }
}
