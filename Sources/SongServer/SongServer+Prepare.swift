import Foundation
import SongArchive

extension SongServer {
    /// What `preparePages` did.
    public struct Prepared: Sendable {
        /// Songs whose page parts are kept now, of `songs`.
        public var prepared: Int
        public var songs: Int
        /// Tunes drawn or found already kept.
        public var drawings: Int
        /// Where they are kept.
        public var path: String
    }

    /// Draws every song's notation, finds its likenesses, makes its page and its JSON, and keeps them in the file a
    /// server for `settings` keeps them in (`KeptParts`), so no song page has to be made when first asked.
    /// What is kept already is only read. `width` songs at a time (their drawings share the engraver's runs).
    /// Nothing else of a server's is touched: a server may be serving the archive meanwhile (its renders' folder,
    /// which a server's render queue empties as it starts, is left alone).
    public static func preparePages(_ settings: ServerSettings, width: Int = 4) async throws -> Prepared {
        let archive = try TourArchive.open(settings.archivePath, source: "songbridge prepare-pages", busyTimeout: settings.busyTimeout)
        let songs = try archive.songIDs()
        let kept = try KeptParts(path: settings.keptPath, mostDrawings: KeptParts.room(forSongs: songs.count))
        let notation = NotationDrawings(onDisk: kept)
        let pages = try await Pages.load()
        try archive.prepareTuneSearch()
        var prepared = 0, drawings = 0
        await withTaskGroup(of: Int?.self) { group in
            var next = songs.makeIterator()
            func start() -> Bool {
                guard let song = next.next() else { return false }
                group.addTask { await PagePreparer.prepare(song, archive: archive, notation: notation, kept: kept, pages: pages) }
                return true
            }
            for _ in 0..<max(1, width) { guard start() else { break } }
            while let result = await group.next() {
                if let result { prepared += 1; drawings += result }
                _ = start()
            }
        }
        return Prepared(prepared: prepared, songs: songs.count, drawings: drawings, path: kept.path)
    }
}
