import Foundation

/// A small thread-safe cache for values that never go stale under their key (a parsed version, a page rendered
/// from exactly what it shows). Bounded simply: when full it starts again, which suits a tour's few busy songs.
public final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]
    private let capacity: Int

    /// A cache of at most `capacity` values.
    public init(capacity: Int) { self.capacity = capacity }

    /// The value kept under `key`, if any.
    public func get(_ key: Key) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return values[key]
    }

    /// Keeps `value` under `key`.
    public func put(_ key: Key, _ value: Value) {
        lock.lock()
        defer { lock.unlock() }
        if values.count >= capacity, values[key] == nil { values.removeAll(keepingCapacity: true) }
        values[key] = value
    }
}
