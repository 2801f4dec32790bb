import Foundation
import SongArchive
import SongCore
import Synchronization

/// Works out a song page's costly parts before the page is asked for, and keeps them (`KeptParts`): its tunes'
/// drawings and its "tunes like this". The server asks it after each merge through the API, so the first visitor of
/// a new version finds them ready; `songbridge prepare-pages` asks it for every song (after a bulk import, or on a
/// central server that has just been given the tour's archive).
///
/// At most one song is prepared at a time, at utility priority, so visitors' pages come first; songs asked for
/// while it works wait their turn (each once, however often asked; at most `mostWaiting`).
final class PagePreparer: Sendable {
    private let queue = Mutex<(waiting: [Int64], asked: Set<Int64>, running: Bool)>(([], [], false))
    static let mostWaiting = 10_000

    /// Prepares `song` soon, in the background, with `api`'s archive, drawings and kept parts.
    func prepareSoon(_ song: Int64, _ api: API) {
        let start = queue.withLock { state -> Bool in
            guard state.asked.count < Self.mostWaiting, state.asked.insert(song).inserted else { return false }
            state.waiting.append(song)
            if state.running { return false }
            state.running = true
            return true
        }
        guard start else { return }
        // (On PostgreSQL, on the threads a request's archive work runs on: its statements wait on the network, which
        // must not hold one of Swift's cooperative threads.)
        Task.detached(executorPreference: api.archive.isRemote ? ArchiveWork.threads : nil, priority: .utility) { [self] in
            while let next = queue.withLock({ state -> Int64? in
                guard !state.waiting.isEmpty else { state.running = false; return nil }
                let next = state.waiting.removeFirst()
                state.asked.remove(next)
                return next
            }) {
                _ = await Self.prepare(next, archive: api.archive, notation: api.notation, kept: api.kept)
            }
        }
    }

    /// Draws `song`'s tunes as its page shows them and finds its likenesses, keeping both; with `pages`, makes and
    /// keeps the whole page and the song's JSON too. How many tunes it drew (nil when the song has no version the
    /// public may see, or cannot be read).
    static func prepare(_ song: Int64, archive: TourArchive, notation: NotationDrawings, kept: KeptParts?, pages: Pages? = nil) async -> Int? {
        guard let (number, text, full, _) = try? archive.newestPublicVersion(song) else { return nil }
        if let pages {
            _ = try? await pages.song(song, archive: archive, notation: notation, kept: kept)
            _ = try? API.songJSON(song, archive: archive, kept: kept)
        }
        let drawings = await notation.drawings(full, page: NotationDrawings.pageKey(song: song, version: number, text: text, shown: full))
        _ = try? archive.reading { () throws(ArchiveError) in try archive.tunesLike(song: song, shown: full, kept: kept) }
        return drawings.count { if case .success? = $0 { true } else { false } }
    }
}
