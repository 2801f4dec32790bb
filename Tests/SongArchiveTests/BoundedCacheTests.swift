import Testing
@testable import SongArchive

@Suite struct BoundedCacheTests {
    @Test func keepsValuesByKeyAndNeverGrowsPastItsCapacity() {
        let cache = BoundedCache<Int, String>(capacity: 3)
        for n in 1...3 { cache.put(n, "v\(n)") }
        #expect((1...3).map { cache.get($0) } == ["v1", "v2", "v3"])
        cache.put(2, "two")
        #expect(cache.get(2) == "two")
        // A fourth key when full starts again: only the newest is kept.
        cache.put(4, "v4")
        #expect(cache.get(4) == "v4")
        #expect([1, 2, 3].allSatisfy { cache.get($0) == nil })
    }
}
