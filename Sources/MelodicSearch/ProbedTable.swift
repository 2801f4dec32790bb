/// A table from keys to values made for one search: open addressing with linear probing and Fibonacci hashing,
/// started small and doubled when half full. The prefilter's votes (`DiagonalVotes`) and each tune's best diagonal
/// (`EntryBests`) are kept in it, where a Dictionary's hashing was a third of a search's time.
struct ProbedTable<Value> {
    private var keys: [UInt64]
    private var values: [Value]
    private var mask: Int
    private(set) var count = 0
    private let blank: Value
    /// The key no entry has (`UInt64.max`: the prefilter's keys are far below it).
    private static var empty: UInt64 { .max }

    /// A table for up to `count` keys: made for `most` of them at most (`smallest` slots at least), grown as needed.
    init(capacity count: Int, most: Int, smallest: Int, blank: Value) {
        var size = smallest
        while size < min(count, most) * 2 { size <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: size)
        values = [Value](repeating: blank, count: size)
        mask = size - 1
        self.blank = blank
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        // Fibonacci hashing: the top bits of the key times 2^64 / φ.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    /// Changes `key`'s value by `change`; a key not yet held is given `value`.
    @inline(__always) mutating func update(_ key: UInt64, new value: Value, _ change: (inout Value) -> Void) {
        var i = slot(key)
        while true {
            if keys[i] == key { change(&values[i]); return }
            if keys[i] == Self.empty {
                keys[i] = key
                values[i] = value
                count += 1
                if count * 2 > keys.count { grow() }
                return
            }
            i = (i + 1) & mask
        }
    }

    /// `key`'s value, if the table holds it.
    @inline(__always) func value(_ key: UInt64) -> Value? {
        var i = slot(key)
        while true {
            if keys[i] == key { return values[i] }
            if keys[i] == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    /// Calls `body` with every key and its value, in no order.
    func forEach(_ body: (UInt64, Value) -> Void) {
        for i in keys.indices where keys[i] != Self.empty { body(keys[i], values[i]) }
    }

    /// The table twice the size, with every key placed again.
    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        keys = [UInt64](repeating: Self.empty, count: oldKeys.count * 2)
        values = [Value](repeating: blank, count: oldKeys.count * 2)
        mask = keys.count - 1
        for i in oldKeys.indices where oldKeys[i] != Self.empty {
            var j = slot(oldKeys[i])
            while keys[j] != Self.empty { j = (j + 1) & mask }
            keys[j] = oldKeys[i]
            values[j] = oldValues[i]
        }
    }
}
