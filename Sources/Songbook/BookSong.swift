import Foundation
import Notation
import SongCore

/// One song as a songbook prints it: the public projection (consent applied today), its archive id (for its link),
/// and, for the musician's book, each shown section's notation.
public struct BookSong: Sendable {
    public var id: Int64
    public var song: Song
    /// One per shown section (`SongSheet.shownSections`), nil where there is no tune; empty when not drawn.
    public var notation: [Result<Engraving, EngravingFailure>?]

    public init(id: Int64, song: Song, notation: [Result<Engraving, EngravingFailure>?] = []) {
        self.id = id
        self.song = song
        self.notation = notation
    }

    /// Its title, or a stand-in.
    var title: String { song.metadata.title ?? "Untitled" }

    /// The first line of its words, as its first shown section has it (nil for a tune without words).
    var firstLine: String? {
        for section in SongSheet.shownSections(of: song) {
            for line in section.lines {
                if case .lyrics(let segments) = line {
                    let text = segments.map(\.text).joined().trimmingCharacters(in: .whitespaces)
                    if !text.isEmpty { return text }
                }
            }
        }
        return nil
    }
}
