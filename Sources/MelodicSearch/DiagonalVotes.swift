/// Votes for (tune, diagonal) pairs, in an open-addressing table made for one query: the prefilter adds up tens of
/// thousands of them, where a Dictionary's hashing was a third of a search's time.
/// It starts small and doubles when half full: the votes of many tunes sharing a run often fall on few keys, and a
/// table made for every vote at once was mostly empty memory to clear (a third of a whole tune's search when
/// thousands of tunes share its runs).
struct DiagonalVotes {
    private var keys: [UInt64]
    private var values: [Double]
    private var mask: Int
    private(set) var count = 0
    /// A key no vote has: entry and diagonal are both far below 2^63.
    private static let empty = UInt64.max

    /// A table for up to `count` different keys: made for as many as a small search has, grown as needed.
    init(capacity count: Int) {
        var size = 1024
        while size < min(count, 1 << 16) * 2 { size <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: size)
        values = [Double](repeating: 0, count: size)
        mask = size - 1
    }

    /// The table twice the size, with every key placed again.
    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        keys = [UInt64](repeating: Self.empty, count: oldKeys.count * 2)
        values = [Double](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        for i in oldKeys.indices where oldKeys[i] != Self.empty {
            var j = slot(oldKeys[i])
            while keys[j] != Self.empty { j = (j + 1) & mask }
            keys[j] = oldKeys[i]
            values[j] = oldValues[i]
        }
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        // Fibonacci hashing: the top bits of the key times 2^64 / φ.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    /// Adds `weight` to `key`'s votes.
    @inline(__always) mutating func add(_ key: UInt64, _ weight: Double) {
        var i = slot(key)
        while true {
            if keys[i] == key { values[i] += weight; return }
            if keys[i] == Self.empty {
                keys[i] = key
                values[i] = weight
                count += 1
                if count * 2 > keys.count { grow() }
                return
            }
            i = (i + 1) & mask
        }
    }

    /// `key`'s votes (0 when it has none).
    @inline(__always) func votes(_ key: UInt64) -> Double {
        var i = slot(key)
        while true {
            if keys[i] == key { return values[i] }
            if keys[i] == Self.empty { return 0 }
            i = (i + 1) & mask
        }
    }

    /// Calls `body` with every key and its votes.
    func forEach(_ body: (UInt64, Double) -> Void) {
        for i in keys.indices where keys[i] != Self.empty { body(keys[i], values[i]) }
    }
}
