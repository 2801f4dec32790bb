import Hummingbird
import NIOCore
import SongArchive
import Testing
@testable import SongServer

/// What the server keeps of its answers stays within its budget, and an answer is kept only under its own key.
@Suite struct AnswerCacheTests {
    static func answer(_ bytes: Int) -> AnswerCache.Answer {
        AnswerCache.Answer(headers: [.contentType: "text/html"], body: ByteBuffer(repeating: 0x61, count: bytes))
    }

    @Test func answersAreKeptWithinTheBudgetWhateverComes() {
        let cache = AnswerCache()
        // Given a hundred answers of the largest size kept, three times the budget
        for n in 0..<100 {
            cache.put(AnswerCache.Key(viewer: .nobody, target: "/songs/\(n)", generation: "7"), Self.answer(AnswerCache.largest))
            #expect(cache.bytesKept <= AnswerCache.budget, "after \(n + 1)")
        }
        // Then the last is kept, and the cache holds no more than its budget
        #expect(cache.get(AnswerCache.Key(viewer: .nobody, target: "/songs/99", generation: "7")) != nil)
        #expect(cache.get(AnswerCache.Key(viewer: .nobody, target: "/songs/0", generation: "7")) == nil)
        // And the same key kept again does not count twice
        let before = cache.bytesKept
        cache.put(AnswerCache.Key(viewer: .nobody, target: "/songs/99", generation: "7"), Self.answer(AnswerCache.largest))
        #expect(cache.bytesKept == before)
    }

    @Test func anAnswerIsKeptForItsReaderTargetAndGenerationOnly() {
        let cache = AnswerCache()
        let key = AnswerCache.Key(viewer: .nobody, target: "/api/v1/songs/1", generation: "3")
        cache.put(key, Self.answer(10))
        #expect(cache.get(key)?.body.readableBytes == 10)
        var other = key
        other.generation = "4"
        #expect(cache.get(other) == nil, "a write since: made again")
        other = key
        other.viewer = .home
        #expect(cache.get(other) == nil, "another reader, who may see more")
        other = key
        other.target = "/api/v1/songs/1?x=1"
        #expect(cache.get(other) == nil)
    }

    /// One answer is kept a target: the one made under a newer generation takes the older's place (and its bytes).
    @Test func aNewerAnswerTakesTheOldersPlace() {
        let cache = AnswerCache()
        let old = AnswerCache.Key(viewer: .nobody, target: "/songs/1", generation: "3")
        #expect(!cache.holds(old.place))
        cache.put(old, Self.answer(100))
        let bytes = cache.bytesKept
        var new = old
        new.generation = "4"
        cache.put(new, Self.answer(100))
        #expect(cache.holds(old.place) && cache.bytesKept == bytes)
        #expect(cache.get(old) == nil && cache.get(new) != nil)
        #expect(!cache.holds(AnswerCache.Place(viewer: .home, target: "/songs/1")))
    }
}
