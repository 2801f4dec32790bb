/// Each tune's best diagonal and its votes, for the tunes one search's prefilter found: a table sized by the votes,
/// not by the index. Arrays as long as the index (two of them, made and cleared for every search) grew to megabytes
/// on a central archive's hundreds of thousands of tunes, mapped and faulted in afresh at every search.
struct EntryBests {
    private var table: ProbedTable<(score: Double, diagonal: Int)>

    /// A table for up to `count` tunes: made for 16,384 at most (under a megabyte), grown as needed. On the four
    /// tunebooks' 12,760 tunes a search takes as long as with the arrays (median 10.0 ms against 9.7–10.0 ms,
    /// the same MRR); made for 4,096 at first, the growing made it 10.7 ms.
    init(capacity count: Int) { table = ProbedTable(capacity: count, most: 1 << 14, smallest: 256, blank: (0, 0)) }

    /// Keeps `score` on `diagonal` as `entry`'s best if it beats the best so far.
    @inline(__always) mutating func offer(_ entry: Int, _ score: Double, diagonal: Int) {
        table.update(UInt64(entry), new: (score, diagonal)) { best in if score > best.score { best = (score, diagonal) } }
    }

    /// Every tune's best, in no order.
    var all: [(entry: Int, score: Double, diagonal: Int)] {
        var out: [(entry: Int, score: Double, diagonal: Int)] = []
        out.reserveCapacity(table.count)
        table.forEach { entry, best in out.append((Int(entry), best.score, best.diagonal)) }
        return out
    }
}
