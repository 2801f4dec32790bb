import Foundation
import Notation
import SongCore

/// A songbook made: songs chosen from the archive (each through the consent projection, with today's consent),
/// laid out for a profile and printed to PDF. The musician's book draws each tune; a tune the engraver cannot
/// draw is printed as words and chords, and named in `problems`, and the book goes on.
public struct Songbook: Sendable {
    public var engraver: NotationEngraver
    public var printer: SongbookPrinter

    public init(engraver: NotationEngraver = NotationEngraver(), printer: SongbookPrinter = SongbookPrinter()) {
        self.engraver = engraver
        self.printer = printer
    }

    /// What a book holds and what went wrong on the way.
    public struct Made: Sendable {
        public var pdf: Data
        public var html: String
        /// A line for each tune not drawn, naming it.
        public var problems: [String]
    }

    /// The book's HTML, with each tune drawn where the profile wants notation.
    public func html(_ songs: [(id: Int64, song: Song)], options: SongbookOptions) async -> (html: String, problems: [String]) {
        var book: [BookSong] = []
        var problems: [String] = []
        if options.profile == .musician {
            // One engraver run for the whole book: every section's source, then shared out again.
            let sources = songs.map { SongSheet.notation($0.song, size: .page) }
            let flat = sources.flatMap { $0.compactMap { $0 } }
            var drawn = await engraver.engrave(flat).makeIterator()
            for (song, list) in zip(songs, sources) {
                let notation: [Result<Engraving, EngravingFailure>?] = list.map { source in source == nil ? nil : drawn.next() }
                for (section, result) in zip(SongSheet.shownSections(of: song.song), notation) {
                    if case .failure(let failure)? = result { problems.append("\(song.song.metadata.title ?? "Untitled"), \(section.id): the notation could not be drawn (\(failure))") }
                }
                book.append(BookSong(id: song.id, song: song.song, notation: notation))
            }
        } else {
            book = songs.map { BookSong(id: $0.id, song: $0.song) }
        }
        return (SongbookHTML.document(book, options: options), problems)
    }

    /// The book as a PDF.
    public func make(_ songs: [(id: Int64, song: Song)], options: SongbookOptions) async throws(SongbookPrinter.Failure) -> Made {
        let (html, problems) = await html(songs, options: options)
        return Made(pdf: try await printer.pdf(html), html: html, problems: problems)
    }
}
