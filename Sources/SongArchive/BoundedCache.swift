import Synchronization

/// A small thread-safe cache for values that never go stale under their key (a parsed version, a page rendered
/// from exactly what it shows). Bounded simply: when full it starts again, which suits a tour's few busy songs.
/// Its table sits in a `Mutex`, so the compiler checks it is `Sendable`.
public final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])
    private let capacity: Int

    /// A cache of at most `capacity` values.
    public init(capacity: Int) { self.capacity = capacity }

    /// The value kept under `key`, if any.
    public func get(_ key: Key) -> Value? {
        values.withLock { $0[key] }
    }

    /// Keeps `value` under `key`.
    public func put(_ key: Key, _ value: Value) {
        values.withLock { table in
            if table.count >= capacity, table[key] == nil { table.removeAll(keepingCapacity: true) }
            table[key] = value
        }
    }
}
