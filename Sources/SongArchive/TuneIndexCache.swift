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
    }

    private let loaded = Mutex<Loaded?>(nil)

    /// The index at `generation`, made by `load` when the one held is older.
    func index(at generation: Int64, load: () throws -> Loaded) rethrows -> Loaded {
        try loaded.withLock { held in
            if let held, held.generation == generation { return held }
            let fresh = try load()
            held = fresh
            return fresh
        }
    }
}
