import Foundation

/// Tunes held for searching by melody: each tune's shape, and for every run of two, three and four steps
/// (interval n-grams) the tunes it occurs in. A search first scores every tune by the rarer runs it shares with the
/// query (the n-gram prefilter, a few posting lists), then aligns the query with the best few hundred
/// (`TuneAligner`) and ranks them by that. Immutable once built, so any number of searches may share it.
public struct MelodicIndex: Sendable {
    /// One tune: the caller's id for it, the group it belongs to (a song's versions and sections are one group,
    /// and a search gives at most one hit per group), and its shape.
    public struct Entry: Sendable, Hashable {
        public var id: Int64
        public var group: Int64
        public var shape: TuneShape
        /// An entry.
        public init(id: Int64, group: Int64, shape: TuneShape) {
            self.id = id
            self.group = group
            self.shape = shape
        }
    }

    /// A tune found, with how well it matched and where.
    public struct Hit: Sendable, Hashable {
        /// The entry's position in `entries`.
        public var entry: Int
        /// The alignment's score.
        public var score: Int32
        /// The score as a share of a perfect match of the whole query (0 to 1).
        public var similarity: Double
        /// The notes of the tune that matched (indices).
        public var tuneNotes: Range<Int>
        /// The notes of the query that matched (indices).
        public var queryNotes: Range<Int>
    }

    /// How a search ranks the tunes.
    public enum Method: String, Sendable, CaseIterable {
        /// N-gram prefilter, then alignment: the search.
        case aligned
        /// The prefilter's own ranking: a baseline.
        case ngrams
        /// Local alignment of the up/down/repeat contour over every tune: a baseline.
        case contour
    }

    /// The tunes, in the order given.
    public let entries: [Entry]
    private let postings: [Int: [Int32]]
    /// The fewest notes a query needs.
    public static let minimumNotes = 6
    /// How many tunes the prefilter hands to the alignment.
    public var candidates = 400
    /// The aligner's scores.
    public var aligner = TuneAligner()
    /// What a tune's length costs a hit, per doubling of its steps: a long tune has more places for a query to match
    /// by chance (the expected best score of a local alignment grows with the log of the sequence's length).
    public var lengthCost = 2.0
    /// How much the prefilter's score adds to a hit's.
    public var prefilterWeight = 0.0

    /// An index over `entries`.
    public init(entries: [Entry]) {
        self.entries = entries
        var postings: [Int: [Int32]] = [:]
        postings.reserveCapacity(entries.count * 8)
        for (index, entry) in entries.enumerated() {
            var seen = Set<Int>()
            MelodicIndex.forEachGram(entry.shape.intervals) { seen.insert($0) }
            for gram in seen { postings[gram, default: []].append(Int32(index)) }
        }
        self.postings = postings
    }

    /// Calls `body` with the key of every run of 2, 3 and 4 steps (the length in the top bits).
    static func forEachGram(_ steps: [Int8], _ body: (Int) -> Void) {
        let n = steps.count
        for start in 0..<n {
            var key = 0
            for length in 1...4 where start + length <= n {
                key = key << 6 | (Int(steps[start + length - 1]) + 32)
                if length >= 2 { body(length << 24 | key) }
            }
        }
    }

    /// How much a shared run of `length` steps says.
    private static func weight(length: Int) -> Double { length == 2 ? 0.5 : (length == 3 ? 1 : 1.5) }

    /// The tunes most like `query`, best first, at most one per group.
    public func search(_ query: TuneShape, limit: Int = 10, method: Method = .aligned) -> [Hit] {
        guard query.intervals.count >= MelodicIndex.minimumNotes - 1, !entries.isEmpty else { return [] }
        switch method {
        case .contour:
            let contourQuery = contourShape(query), aligner = contourAligner
            return best(of: entries.indices, limit: limit, perfect: aligner.perfect(contourQuery)) { i in
                aligner.align(contourQuery, in: contourShape(entries[i].shape))
            }
        case .ngrams, .aligned:
            let scores = prefilter(query)
            var order = scores.indices.filter { scores[$0] > 0 }
            order.sort { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            if method == .ngrams {
                var seen = Set<Int64>(), hits: [Hit] = []
                let top = order.first.map { scores[$0] } ?? 1
                for i in order where seen.insert(entries[i].group).inserted {
                    hits.append(Hit(entry: i, score: Int32(scores[i] * 100), similarity: scores[i] / max(top, 1e-9), tuneNotes: 0..<0, queryNotes: 0..<0))
                    if hits.count == limit { break }
                }
                return hits
            }
            return best(of: order.prefix(candidates), limit: limit, perfect: aligner.perfect(query), bonus: { Double(scores[$0]) * prefilterWeight }) { i in aligner.align(query, in: entries[i].shape) }
        }
    }

    /// The prefilter's score of every tune: for each distinct run of the query's steps, its weight times how rare
    /// it is (log of tunes over tunes holding it), summed over the runs a tune shares.
    func prefilter(_ query: TuneShape) -> [Double] {
        var scores = [Double](repeating: 0, count: entries.count)
        var grams = Set<Int>()
        MelodicIndex.forEachGram(query.intervals) { grams.insert($0) }
        let total = Double(entries.count)
        for gram in grams {
            guard let list = postings[gram] else { continue }
            let w = MelodicIndex.weight(length: gram >> 24) * log(1 + total / Double(list.count))
            for i in list { scores[Int(i)] += w }
        }
        return scores
    }

    /// Aligns each of `indices`, keeping the best hit of each group, best first.
    private func best(of indices: some Sequence<Int>, limit: Int, perfect: Int32, bonus: (Int) -> Double = { _ in 0 }, _ align: (Int) -> TuneAligner.Alignment?) -> [Hit] {
        var byGroup: [Int64: Hit] = [:]
        for i in indices {
            guard let a = align(i) else { continue }
            let adjusted = Int32((Double(a.score) + bonus(i) - lengthCost * log2(Double(max(2, entries[i].shape.intervals.count)))).rounded())
            let hit = Hit(entry: i, score: adjusted, similarity: min(1, Double(a.score) / Double(max(perfect, 1))), tuneNotes: a.tuneNotes, queryNotes: a.queryNotes)
            if let held = byGroup[entries[i].group], held.score >= adjusted { continue }
            byGroup[entries[i].group] = hit
        }
        var hits = Array(byGroup.values)
        hits.sort { $0.score != $1.score ? $0.score > $1.score : $0.entry < $1.entry }
        return Array(hits.prefix(limit))
    }

    private var contourAligner: TuneAligner {
        var a = TuneAligner()
        a.semitoneOff = -8
        a.toneOff = -8
        return a
    }

    private func contourShape(_ shape: TuneShape) -> TuneShape {
        TuneShape(intervals: shape.contour, rhythm: [Int8](repeating: 0, count: shape.intervals.count), bars: shape.bars)
    }
}
