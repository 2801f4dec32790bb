import MelodicSearch
import Synchronization

/// The melodic index as last read from the archive, with the generation it was read at: searches share it until a
/// write (from this process or another) moves the archive's generation on, then the next search reads it again.
final class TuneIndexCache: Sendable {
    /// Where each entry of the index came from.
    struct Origin: Sendable, Hashable {
        var song: Int64?
        var version: Int?
        var section: String?
        var referenceTune: Int64?
    }

    struct Loaded: Sendable {
        var generation: Int64
        var index: MelodicIndex
        var origins: [Origin]
        /// Each entry's row in `tuneShape`, newest (highest) first, as the entries are.
        var rows: [Int64] = []
        /// The entry of each row.
        var entryOfRow: [Int64: Int] = [:]
        /// Each song's entries (every version's tunes).
        var entriesOfSong: [Int64: [Int]] = [:]

        init(generation: Int64, index: MelodicIndex, origins: [Origin], rows: [Int64] = []) {
            self.generation = generation
            self.index = index
            self.origins = origins
            self.rows = rows
            for (entry, row) in rows.enumerated() { entryOfRow[row] = entry }
            for (entry, origin) in origins.enumerated() { if let song = origin.song { entriesOfSong[song, default: []].append(entry) } }
        }

        /// The newest row (0 when there is none).
        var newestRow: Int64 { rows.first ?? 0 }

        /// How many entries have rows newer than `row`: they are the first that many entries.
        func count(newerThan row: Int64) -> Int {
            var low = 0, high = rows.count
            while low < high {
                let mid = (low + high) / 2
                if rows[mid] > row { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }

    private let loaded = Mutex<Loaded?>(nil)
    /// Indexes of the newest entries alone (`newest`), by the generation and the count.
    private let newestIndexes = Mutex<[Key: MelodicIndex]>([:])
    private struct Key: Hashable { var generation: Int64; var count: Int }

    /// The index at `generation`, made by `load` when the one held is older.
    func index(at generation: Int64, load: () throws -> Loaded) rethrows -> Loaded {
        try loaded.withLock { held in
            if let held, held.generation == generation { return held }
            let fresh = try load()
            held = fresh
            return fresh
        }
    }

    /// An index of `loaded`'s first `count` entries alone (the rows added since a song's likenesses were kept), its
    /// entries numbered as there. Kept for the generation: the pages of many songs kept at one moment ask for the same.
    func newest(_ count: Int, of loaded: Loaded) -> MelodicIndex {
        let key = Key(generation: loaded.generation, count: count)
        if let held = newestIndexes.withLock({ $0[key] }) { return held }
        let index = MelodicIndex(entries: Array(loaded.index.entries.prefix(count)))
        newestIndexes.withLock { table in
            table = table.filter { $0.key.generation == loaded.generation }
            if table.count >= 8 { table.removeAll() }
            table[key] = index
        }
        return index
    }
}
