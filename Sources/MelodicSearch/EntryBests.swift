/// Each tune's best diagonal and its votes, for the tunes one search's prefilter found: an open-addressing table
/// sized by the votes, not by the index. Arrays as long as the index (two of them, made and cleared for every
/// search) grew to megabytes on a central archive's hundreds of thousands of tunes, mapped and faulted in afresh at
/// every search.
struct EntryBests {
    private var entries: [Int]
    private var scores: [Double]
    private var diagonals: [Int]
    private var mask: Int
    private(set) var count = 0
    private static let empty = -1

    /// A table for up to `count` tunes: made for 16,384 at most (under a megabyte), grown as needed. On the four
    /// tunebooks' 12,760 tunes a search takes as long as with the arrays (median 10.0 ms against 9.7–10.0 ms,
    /// the same MRR); made for 4,096 at first, the growing made it 10.7 ms.
    init(capacity count: Int) {
        var size = 256
        while size < min(count, 1 << 14) * 2 { size <<= 1 }
        entries = [Int](repeating: Self.empty, count: size)
        scores = [Double](repeating: 0, count: size)
        diagonals = [Int](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always) private func slot(_ entry: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(entry) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    /// Keeps `score` on `diagonal` as `entry`'s best if it beats the best so far.
    @inline(__always) mutating func offer(_ entry: Int, _ score: Double, diagonal: Int) {
        var i = slot(entry)
        while true {
            if entries[i] == entry {
                if score > scores[i] { scores[i] = score; diagonals[i] = diagonal }
                return
            }
            if entries[i] == Self.empty {
                entries[i] = entry
                scores[i] = score
                diagonals[i] = diagonal
                count += 1
                if count * 2 > entries.count { grow() }
                return
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let (oldEntries, oldScores, oldDiagonals) = (entries, scores, diagonals)
        entries = [Int](repeating: Self.empty, count: oldEntries.count * 2)
        scores = [Double](repeating: 0, count: oldEntries.count * 2)
        diagonals = [Int](repeating: 0, count: oldEntries.count * 2)
        mask = entries.count - 1
        for i in oldEntries.indices where oldEntries[i] != Self.empty {
            var j = slot(oldEntries[i])
            while entries[j] != Self.empty { j = (j + 1) & mask }
            entries[j] = oldEntries[i]
            scores[j] = oldScores[i]
            diagonals[j] = oldDiagonals[i]
        }
    }

    /// Every tune's best, in no order.
    var all: [(entry: Int, score: Double, diagonal: Int)] {
        var out: [(entry: Int, score: Double, diagonal: Int)] = []
        out.reserveCapacity(count)
        for i in entries.indices where entries[i] != Self.empty { out.append((entries[i], scores[i], diagonals[i])) }
        return out
    }
}
