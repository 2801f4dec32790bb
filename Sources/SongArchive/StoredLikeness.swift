import Foundation

/// A song's "tunes like this" as found by the melodic search, kept (`KeptParts`) so a cold song page need not
/// search again: for each different tune of the song, the hits in the search's order, each naming the index row it
/// matched. `tunes` is a digest of the tunes searched (as the public saw them), `upTo` the newest index row there
/// was: rows added since are searched on their own and joined in (`TourArchive.tunesLike`).
public struct StoredLikeness: Sendable, Hashable {
    /// One tune found: the melodic index's row, a check of that row's tune, and how and where it matched.
    public struct Hit: Sendable, Hashable {
        public var row: Int64
        public var check: UInt64
        public var similarity: Double
        public var tuneNotes: Range<Int>
        public var queryNotes: Range<Int>
    }

    public var tunes: Data
    public var upTo: Int64
    public var hits: [[Hit]]

    public init(tunes: Data, upTo: Int64, hits: [[Hit]]) {
        self.tunes = tunes
        self.upTo = upTo
        self.hits = hits
    }

    /// Read back from the kept bytes (nil when they are not such).
    init?(tunes: Data, upTo: Int64, hits bytes: Data) {
        let b = [UInt8](bytes)
        var i = 0
        func word(_ n: Int) -> UInt64? {
            guard i + n <= b.count else { return nil }
            var v: UInt64 = 0
            for k in 0..<n { v |= UInt64(b[i + k]) << (8 * UInt64(k)) }
            i += n
            return v
        }
        guard let count = word(2) else { return nil }
        var hits: [[Hit]] = []
        for _ in 0..<count {
            guard let n = word(2) else { return nil }
            var list: [Hit] = []
            for _ in 0..<n {
                guard let row = word(8), let check = word(8), let similarity = word(8),
                      let t0 = word(4), let t1 = word(4), let q0 = word(4), let q1 = word(4), t0 <= t1, q0 <= q1 else { return nil }
                list.append(Hit(row: Int64(bitPattern: row), check: check, similarity: Double(bitPattern: similarity),
                                tuneNotes: Int(t0)..<Int(t1), queryNotes: Int(q0)..<Int(q1)))
            }
            hits.append(list)
        }
        guard i == b.count else { return nil }
        self.init(tunes: tunes, upTo: upTo, hits: hits)
    }

    /// The hits as kept: counts (2 bytes), then each hit's row, check and similarity (8 bytes each) and its
    /// ranges' ends (4 bytes each), little-endian.
    var encodedHits: Data {
        var out: [UInt8] = []
        func put(_ v: UInt64, _ n: Int) { for k in 0..<n { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) } }
        put(UInt64(hits.count), 2)
        for list in hits {
            put(UInt64(list.count), 2)
            for hit in list {
                put(UInt64(bitPattern: hit.row), 8)
                put(hit.check, 8)
                put(hit.similarity.bitPattern, 8)
                for end in [hit.tuneNotes.lowerBound, hit.tuneNotes.upperBound, hit.queryNotes.lowerBound, hit.queryNotes.upperBound] { put(UInt64(end), 4) }
            }
        }
        return Data(out)
    }

    /// A check of a tune's shape that stays the same from run to run (FNV-1a over its bytes): a kept hit is shown
    /// only while its row still holds the tune it matched.
    static func check(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
