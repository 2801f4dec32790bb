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

    /// Draws every song's notation and finds its likenesses, as its page shows them, and keeps both in the file a
    /// server for `settings` keeps them in (`KeptParts`), so no song page has to work them out when first asked.
    /// What is kept already is only read. `width` songs at a time (their drawings share the engraver's runs);
    /// `progress` is told each song done and how many there are.
    public static func preparePages(_ settings: ServerSettings, width: Int = 4, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Prepared {
        let archive = try TourArchive.open(settings.archivePath, source: "songbridge prepare-pages", busyTimeout: settings.busyTimeout)
        let kept = try KeptParts(path: settings.keptPath)
        let api = API(archive: archive, renders: RenderJobs(folder: URL(fileURLWithPath: settings.renderFolder), cacheBytes: settings.renderCacheBytes),
                      settings: settings, kept: kept)
        let songs = try archive.songIDs()
        try archive.prepareTuneSearch()
        var prepared = 0, drawings = 0, done = 0
        try await withThrowingTaskGroup(of: Int?.self) { group in
            var next = songs.makeIterator()
            for _ in 0..<max(1, width) {
                guard let song = next.next() else { break }
                group.addTask { await PagePreparer.prepare(song, api) }
            }
            while let result = try await group.next() {
                done += 1
                if let result { prepared += 1; drawings += result }
                progress(done, songs.count)
                if let song = next.next() { group.addTask { await PagePreparer.prepare(song, api) } }
            }
        }
        return Prepared(prepared: prepared, songs: songs.count, drawings: drawings, path: kept.path)
    }
}
