/// Votes for (tune, diagonal) pairs, made for one query: the prefilter adds up tens of thousands of them.
/// It starts small and doubles when half full: the votes of many tunes sharing a run often fall on few keys, and a
/// table made for every vote at once was mostly empty memory to clear (a third of a whole tune's search when
/// thousands of tunes share its runs).
struct DiagonalVotes {
    private var table: ProbedTable<Double>

    /// A table for up to `count` different keys: made for as many as a small search has, grown as needed.
    init(capacity count: Int) { table = ProbedTable(capacity: count, most: 1 << 16, smallest: 1024, blank: 0) }

    /// How many keys have votes.
    var count: Int { table.count }

    /// Adds `weight` to `key`'s votes.
    @inline(__always) mutating func add(_ key: UInt64, _ weight: Double) { table.update(key, new: weight) { $0 += weight } }

    /// `key`'s votes (0 when it has none).
    @inline(__always) func votes(_ key: UInt64) -> Double { table.value(key) ?? 0 }

    /// Calls `body` with every key and its votes.
    func forEach(_ body: (UInt64, Double) -> Void) { table.forEach(body) }
}
