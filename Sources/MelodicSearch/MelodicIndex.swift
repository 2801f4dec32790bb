import Foundation

/// Tunes held for searching by melody: each tune's shape, and for every run of two, three and four steps
/// (interval n-grams) the tunes it occurs in. A search first scores every tune by the rarer runs it shares with the
/// query (the n-gram prefilter, a few posting lists), then aligns the query with the best thousand or so, each
/// about where its runs line up (`TuneAligner`), and ranks the best hundred of those again by how likely the query
/// is as each tune sung, slips and all (`TuneLikelihood`). Tunes held more than once (a song's versions mostly keep
/// their tune; a tune reused at another stop; one tune in two tunebooks) are indexed, voted for and aligned once, as
/// a form, and stand for all their entries. Immutable once built, so any number of searches may share it.
public struct MelodicIndex: Sendable {
    /// One tune: the group it belongs to (a song's versions and sections are one group, and a search gives at most
    /// one hit per group) and its shape. A hit names it by its place in `entries`.
    public struct Entry: Sendable, Hashable {
        public var group: Int64
        public var shape: TuneShape
        /// An entry.
        public init(group: Int64, shape: TuneShape) {
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
        /// N-gram prefilter, alignment, then the best few ranked again by likelihood: the search.
        case aligned
        /// N-gram prefilter, then alignment, ranked by the alignment's score alone: a baseline.
        case alignment
        /// The prefilter's own ranking: a baseline.
        case ngrams
        /// Local alignment of the up/down/repeat contour over every tune: a baseline.
        case contour
    }

    /// The tunes, in the order given.
    public let entries: [Entry]
    /// The different shapes among the entries (forms), each once, in the order of their first entry.
    private let forms: [TuneShape]
    /// Each form's entries, in ascending order.
    private let members: [[Int32]]
    /// Each entry's form.
    private let formOf: [Int32]
    /// For every run of steps, where it occurs: form << 20 | the step it starts at.
    private let postings: [Int: [UInt64]]
    /// For every run of steps, how many tunes (entries) hold it.
    private let holders: [Int: Int32]
    /// The fewest notes a query needs.
    public static let minimumNotes = 6
    /// How many query steps times tunes the prefilter hands to the alignment: a short query, cheap to align and
    /// the likeliest to be matched by chance, has more tunes aligned (1,714 for eight notes, 800 for sixteen). On
    /// the accuracy bench (`make bench-search`), with each scored about where the prefilter lined it up: the true
    /// tune among them for 92.0% of queries at 6,000 (MRR 0.760, median 6.0 ms), 95.8% at 12,000 (0.772, 9.2 ms),
    /// 97.6% at 24,000 (0.768, 15.9 ms): beyond this, more tunes bring more near misses too.
    public var candidates = 12_000
    /// The aligner's scores.
    public var aligner = TuneAligner()
    /// The model the alignment's best `rerank` tunes are ranked again by (nil: the alignment's ranking stands).
    /// On the accuracy bench (`make bench-search`), the alignment's ranking alone gave MRR 0.772, top-5 84.2%;
    /// ranked again by likelihood, 0.834 and 88.6% (even-note queries 0.679 → 0.774), for about 2 ms a query.
    public var likelihood: TuneLikelihood? = TuneLikelihood()
    /// How many of the alignment's best tunes (one per group) are ranked again by likelihood. On the bench (1,000
    /// queries of seed 7): 20 gave MRR 0.808, 50 0.813, 100 0.818, 200 0.824, 1,000 0.829; on 2,000 queries each
    /// of seeds 11 and 12, 50 gave 0.801 and 0.802, 100 0.806 and 0.806, 150 0.806 and 0.805. 100 costs about a
    /// millisecond a query more than 50.
    public var rerank = 100
    /// A tune whose alignment in its window scores less than this share of a perfect match is not a hit (nil: any
    /// tune may be): "tunes like this" shows only close likenesses, so its search stops aligning a tune as soon as
    /// it cannot reach one (`TuneAligner.score`'s floor).
    public var least: Double?
    /// Whether a candidate's alignment stops once it cannot win (`scoreEach`); off only to test that it changes nothing.
    var prunes = true
    /// How far beyond the query's own length, either side of where the prefilter lined it up, a candidate is
    /// scored (half the query's steps more): a tune's match lies where its shared runs put it, give or take the
    /// slips, and aligning a few dozen steps of each candidate rather than all of it is most of a search's time.
    public var windowSlack = 4
    /// What a tune's length costs a hit, per doubling of its steps: a long tune has more places for a query to match
    /// by chance (the expected best score of a local alignment grows with the log of the sequence's length).
    public var lengthCost = 2.0

    /// An index over `entries`.
    public init(entries: [Entry]) {
        self.entries = entries
        var formNumbers: [TuneShape: Int32] = [:]
        var forms: [TuneShape] = [], members: [[Int32]] = [], formOf: [Int32] = []
        formOf.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            if let form = formNumbers[entry.shape] {
                members[Int(form)].append(Int32(index))
                formOf.append(form)
            } else {
                formNumbers[entry.shape] = Int32(forms.count)
                formOf.append(Int32(forms.count))
                forms.append(entry.shape)
                members.append([Int32(index)])
            }
        }
        var postings: [Int: [UInt64]] = [:]
        var holders: [Int: Int32] = [:]
        postings.reserveCapacity(1 << 16)
        for (form, shape) in forms.enumerated() {
            var seen = Set<Int>()
            let held = Int32(members[form].count)
            MelodicIndex.forEachGram(shape.intervals) { gram, position in
                postings[gram, default: []].append(UInt64(form) << 20 | UInt64(min(position, 0xFFFFF)))
                if seen.insert(gram).inserted { holders[gram, default: 0] += held }
            }
        }
        self.forms = forms
        self.members = members
        self.formOf = formOf
        self.postings = postings
        self.holders = holders
    }

    /// How many different tunes the index holds (its forms: entries with one shape are one).
    public var formCount: Int { forms.count }

    /// Calls `body` with the key of every run of 2, 3 and 4 steps (the length in the top bits) and the step it
    /// starts at.
    static func forEachGram(_ steps: [Int8], _ body: (Int, Int) -> Void) {
        let n = steps.count
        for start in 0..<n {
            var key = 0
            for length in 1...4 where start + length <= n {
                key = extending(key, with: steps[start + length - 1])
                if length >= 2 { body(length << 24 | key, start) }
            }
        }
    }

    /// A run's key with one more step: six bits a step (−31…31 as 1…63).
    @inline(__always) static func extending(_ key: Int, with step: Int8) -> Int { key << 6 | (Int(step) + 32) }

    /// The key of `run` (2 to 4 steps), as `forEachGram` gives it.
    static func key(of run: ArraySlice<Int8>) -> Int { run.count << 24 | run.reduce(0, extending) }

    /// How much a run of the query with one slip undone counts against a run it has as sung (0: none are looked
    /// for). A short query with a slip or two keeps few runs as sung, and the true tune shares none of them often
    /// enough to be missed: on the accuracy bench (`make bench-search`) the true tune was among the candidates for
    /// 85.6% of the queries without these runs and 92.0% with them (MRR 0.726 → 0.762, top-5 78.6% → 82.6%).
    /// With runs of two to four steps: 0.758 at 0.25, 0.767 at 0.5, 0.762 at 1.0.
    public var slipScale = 0.5

    /// The shortest run looked for with a slip undone: four steps. Runs of two or three as well gave MRR 0.767 for
    /// 0.762 but made the slowest searches far slower (p99 20.7 → 36.1 ms in process with three), their postings
    /// being far longer.
    static let shortestSlipRun = 4

    /// Calls `body` with the key of every run of `shortestSlipRun` to 4 steps that the query would have without
    /// one slip, and the step it starts at: one note sung a semitone or a tone off (two steps off by as much either
    /// way), or a note put in (two steps that are the tune's one). Only runs that cover the slip: the rest are the
    /// query's own. (A note left out would need the tune's steps joined in the index: not looked for.)
    static func forEachSlipGram(_ steps: [Int8], _ body: (Int, Int) -> Void) {
        let n = steps.count
        guard n >= 2 else { return }
        func clamped(_ x: Int) -> Int8 { Int8(max(-31, min(31, x))) }
        // Each run of `window` (which starts at the query's step `origin`) from `start` for `length` steps.
        func runs(in window: [Int8], origin: Int, starts: ClosedRange<Int>, covering last: Int) {
            for start in starts {
                for length in max(shortestSlipRun, last - start + 1)...4 where start - origin + length <= window.count {
                    body(key(of: window[(start - origin)..<(start - origin + length)]), start)
                }
            }
        }
        for i in 0..<(n - 1) {
            // One note off: steps i and i + 1 each off by d, the other way (only the steps a run covering both can
            // reach are copied).
            let origin = max(0, i - 2)
            var window = Array(steps[origin..<min(n, i + 4)])
            for d in [-2, -1, 1, 2] {
                window[i - origin] = clamped(Int(steps[i]) + d)
                window[i + 1 - origin] = clamped(Int(steps[i + 1]) - d)
                runs(in: window, origin: origin, starts: origin...i, covering: i + 1)
            }
            // A note put in: steps i and i + 1 joined.
            let from = max(0, i - 3)
            let joined = Array(steps[from..<i]) + [clamped(Int(steps[i]) + Int(steps[i + 1]))] + Array(steps[(i + 2)..<min(n, i + 5)])
            runs(in: joined, origin: from, starts: from...i, covering: i)
        }
    }

    /// The most places in the posting lists one search's prefilter visits (see `prefilter`): above what any phrase
    /// on the four tunebooks needs (172,000 at most), so the accuracy bench is as it was. On a 20,000-song archive
    /// made from five tunes, a song page's "tunes like this" (cold) took 80 ms at 1,000,000, 35 ms at this (before
    /// a tune held many times was indexed once: now such an archive holds a handful of forms).
    public var mostVisits = 300_000

    /// The search "tunes like this" makes for each tune of a song (a song page's, cold): a whole tune as the query,
    /// where only a close likeness counts, so the rarer runs it shares with another tune find that tune without the
    /// commonest, and a few candidates are enough. On the four tunebooks (`songbridge-dev tune-search --likeness
    /// 1000`: 1,000 of the 12,760 tunes, each asked whole), of the full search's 469 close likenesses this finds
    /// 96.4% (98.9% with the full search's budget; the rest differ by its likelihood ranking of short tunes), the
    /// same best for 97.9% of the tunes, in a median 8.8 ms against 39.7 ms (p99 16 against 61 ms). Twice the
    /// candidates or visits find 97.0 or 96.8% in 12–13 ms; 3,000 and 20,000 found 91% (on 300 tunes).
    /// With `least` (a song page gives its own bar, 0.6), a candidate is no longer aligned once it cannot reach that
    /// share of a perfect match in its window: on the same bench 95.7% of the close likenesses against 95.9%
    /// without (one of 469 lost, its window's score below the bar where the whole tune's is above), the same best
    /// for 97.2% either way, in a median 7.7 ms against 9.5–10.2 ms (p99 11.8 against 16.5–19 ms); a song page
    /// cold at 2,000 songs, 20–22 ms of the server's time against 24–27 ms.
    public func forLikeness(candidates: Int = MelodicIndex.likenessCandidates, visits: Int = MelodicIndex.likenessVisits, least: Double? = nil) -> MelodicIndex {
        var index = self
        index.candidates = candidates
        index.mostVisits = visits
        index.likelihood = nil
        index.least = least
        return index
    }

    /// The candidates' budget (query steps times tunes) and the prefilter's bound for `forLikeness`.
    public static let likenessCandidates = 3_000
    public static let likenessVisits = 50_000

    /// How much a shared run of `length` steps says.
    private static func weight(length: Int) -> Double { length == 2 ? 0.5 : (length == 3 ? 1 : 1.5) }

    /// The tunes most like `query`, best first, at most one per group.
    public func search(_ query: TuneShape, limit: Int = 10, method: Method = .aligned) -> [Hit] {
        guard query.intervals.count >= MelodicIndex.minimumNotes - 1, !entries.isEmpty else { return [] }
        switch method {
        case .contour:
            let contourQuery = contourShape(query), aligner = contourAligner
            return best(of: entries.indices, limit: limit, perfect: aligner.perfect(contourQuery)) { form in
                aligner.align(contourQuery, in: contourShape(forms[form]))
            }
        case .ngrams:
            let ranked = prefilter(query, keep: limit * 4)
            var seen = Set<Int64>(), hits: [Hit] = []
            let top = ranked.first?.score ?? 1
            for (i, score, _) in ranked where seen.insert(entries[i].group).inserted {
                hits.append(Hit(entry: i, score: Int32(score * 100), similarity: score / max(top, 1e-9), tuneNotes: 0..<0, queryNotes: 0..<0))
                if hits.count == limit { break }
            }
            return hits
        case .aligned, .alignment:
            // A small archive (a tour's own songs) is aligned whole; only a large one needs the prefilter.
            let keep = candidates / max(1, query.intervals.count)
            // Each form scored alone first, about where the prefilter found it (a small archive's whole); the best
            // few aligned in full (where the match lies), each group's best.
            let windows: [(form: Int, steps: Range<Int>)] = forms.count <= keep
                ? forms.indices.map { ($0, 0..<forms[$0].intervals.count) }
                : prefilterForms(query, keep: keep).map { ($0.form, window(around: $0.diagonal, of: query, in: forms[$0.form])) }
            // The best few are ranked again by how likely the query is as each tune sung (a phrase only: a whole
            // tune given as the query is longer than the passage it is found in).
            let reranking = method == .aligned && query.intervals.count <= aligner.phraseSteps ? likelihood : nil
            let pool = reranking == nil ? limit : max(limit, rerank)
            var scored = scoreEach(windows, query: query, keeping: pool)
            // (Forms are numbered in the order of their first entries, so ties by form are ties by first entry.)
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.form < $1.form }
            // The alignment scores as the ranking did, so each group's first in it is its best.
            let finalists = firstOfEachGroup(scored, most: pool)
            let perfect = aligner.perfect(query)
            guard let reranking else {
                return best(of: finalists, limit: limit, perfect: perfect) { form in aligner.align(query, in: forms[form]) }
            }
            // (A tune too long to follow whole is followed where the alignment finds the query in it; that
            // alignment is kept for its hit.) Each form once, however many finalists share it.
            var byForm: [Int32: (odds: Double, aligned: TuneAligner.Alignment?)] = [:]
            let ranked = finalists.map { (i: Int) -> (entry: Int, odds: Double, aligned: TuneAligner.Alignment?) in
                let form = formOf[i]
                if let known = byForm[form] { return (i, known.odds, known.aligned) }
                let shape = forms[Int(form)]
                let aligned = shape.noteCount > TuneLikelihood.longest ? aligner.align(query, in: shape) : nil
                let odds = reranking.logLikelihood(query, in: shape, around: aligned?.tuneNotes)
                byForm[form] = (odds, aligned)
                return (entry: i, odds: odds, aligned: aligned)
            }
            .sorted { $0.odds != $1.odds ? $0.odds > $1.odds : $0.entry < $1.entry }
            return ranked.prefix(limit).compactMap { r in
                (r.aligned ?? aligner.align(query, in: entries[r.entry].shape)).map { hit(r.entry, $0, perfect: perfect) }
            }
        }
    }

    /// Each candidate form scored by its alignment with `query` in its window, less what its length costs; those
    /// scoring nothing are left out. Only the best `keeping` groups go on (`firstOfEachGroup`), so once that many
    /// groups have scored, a form's alignment is stopped as soon as it cannot beat the last of them
    /// (`TuneAligner.score`'s floor): its figure is then below theirs, and what goes on is the same. A form's score
    /// counts for every group it holds. Candidates come best first from the prefilter, so the bar rises early.
    private func scoreEach(_ windows: [(form: Int, steps: Range<Int>)], query: TuneShape, keeping: Int) -> [(form: Int, score: Int32)] {
        let reach = aligner.reach(query)
        // Below `least`, a tune is no hit at all.
        let least = self.least.map { Int32((Double(aligner.perfect(query)) * $0).rounded(.up)) }
        // The best groups so far with their scores, best first: at most `keeping`.
        var top: [(group: Int64, score: Int32)] = []
        top.reserveCapacity(keeping + 1)
        func note(_ group: Int64, _ score: Int32) {
            if let k = top.firstIndex(where: { $0.group == group }) {
                guard score > top[k].score else { return }
                top.remove(at: k)
            } else if top.count == keeping, score <= top[keeping - 1].score {
                return
            }
            top.insert((group, score), at: top.firstIndex { $0.score < score } ?? top.endIndex)
            if top.count > keeping { top.removeLast() }
        }
        var scored: [(form: Int, score: Int32)] = []
        scored.reserveCapacity(windows.count)
        for (form, steps) in windows {
            let cost = cost(ofForm: form)
            // Beating the last of the best groups needs a score above theirs (ties go to the earlier form, which the
            // last one may be): a figure below it can be left unfinished.
            let bar = prunes && top.count == keeping ? top[keeping - 1].score + cost : nil
            let floor = least.map { least in bar.map { max($0, least) } ?? least } ?? bar
            let raw = aligner.score(query, in: forms[form], steps: steps, floor: floor, reach: reach)
            if let least, raw < least { continue }
            let score = raw - cost
            guard score > 0 else { continue }
            scored.append((form, score))
            if bar == nil || score >= top[keeping - 1].score {
                for entry in members[form] { note(entries[Int(entry)].group, score) }
            }
        }
        return scored
    }

    /// The entries of `scored` forms (best first, ties by their first entry) in the order of their score and then
    /// their place, as if each entry had been scored alone: the first of each group, up to `most`.
    private func firstOfEachGroup(_ scored: [(form: Int, score: Int32)], most: Int) -> [Int] {
        var groups = Set<Int64>(), finalists: [Int] = []
        var k = scored.startIndex
        while k < scored.endIndex, finalists.count < most {
            // Forms of one score: their entries in order (nearly always one form, its entries in order already).
            var end = k + 1
            while end < scored.endIndex, scored[end].score == scored[k].score { end += 1 }
            let tied = end - k == 1 ? members[scored[k].form] : scored[k..<end].flatMap { members[$0.form] }.sorted()
            for entry in tied where groups.insert(entries[Int(entry)].group).inserted {
                finalists.append(Int(entry))
                if finalists.count == most { break }
            }
            k = end
        }
        return finalists
    }

    /// The prefilter: the query's runs of steps found in each tune, counted on the diagonal they fall on (the
    /// tune's step less the query's), so only runs that line up as the query's do add up, as in FASTA's word
    /// matching (Pearson and Lipman 1988). Each run weighs its length times how rare it is (log of tunes over
    /// tunes holding it); a tune scores its best diagonal with the two beside it (a note left out or put in shifts
    /// the rest of the query by one). A run held by more than a third of the tunes says too little to count.
    /// Gives the entries of the best `keep` forms (tunes held once or more) with their scores and best diagonals,
    /// best first.
    public func prefilter(_ query: TuneShape, keep: Int) -> [(entry: Int, score: Double, diagonal: Int)] {
        var out: [(entry: Int, score: Double, diagonal: Int)] = []
        for form in prefilterForms(query, keep: keep) {
            for entry in members[form.form] { out.append((Int(entry), form.score, form.diagonal)) }
        }
        out.sort { $0.score != $1.score ? $0.score > $1.score : $0.entry < $1.entry }
        return out
    }

    /// The prefilter over forms: the best `keep` forms, best first (ties by their first entry).
    func prefilterForms(_ query: TuneShape, keep: Int) -> [(form: Int, score: Double, diagonal: Int)] {
        let total = Double(entries.count)
        // The runs that count, with their weights, first: then the table is made once, big enough.
        var runs: [(list: [UInt64], position: Int, weight: Double)] = []
        var visits = 0
        func count(_ gram: Int, at position: Int, scale: Double) {
            guard let list = postings[gram], let held = holders[gram], Double(held) * 3 <= total else { return }
            runs.append((list, position, scale * MelodicIndex.weight(length: gram >> 24) * log(total / Double(held))))
            visits += list.count
        }
        MelodicIndex.forEachGram(query.intervals) { count($0, at: $1, scale: 1) }
        if slipScale > 0 {
            var seen = Set<Int>()
            MelodicIndex.forEachSlipGram(query.intervals) { gram, position in
                if seen.insert(gram << 16 | position).inserted { count(gram, at: position, scale: slipScale) }
            }
        }
        // Bounded whatever the archive holds: past `mostVisits`, the commonest runs (which weigh least) are left
        // out until the rest fit. A phrase on the four tunebooks visits 56,000 places (at most 172,000); an archive
        // of many different tunes sharing the commonest runs, far more.
        if visits > mostVisits {
            runs.sort { $0.list.count < $1.list.count }
            while visits > mostVisits, let common = runs.popLast() { visits -= common.list.count }
        }
        // (entry << 21 | diagonal + 2^20) → votes.
        var votes = DiagonalVotes(capacity: visits)
        for run in runs {
            for p in run.list {
                votes.add((p >> 20) << 21 | UInt64(Int(p & 0xFFFFF) - run.position + (1 << 20)), run.weight)
            }
        }
        var best = EntryBests(capacity: min(votes.count, forms.count))
        votes.forEach { key, v in
            let around = v + votes.votes(key - 1) + votes.votes(key + 1)
            if around > 0 { best.offer(Int(key >> 21), around, diagonal: Int(key & 0x1FFFFF) - (1 << 20)) }
        }
        // Only the best `keep` are sorted: the rest fall below the keep-th best score.
        let found = best.all
        var scores = found.map(\.score)
        guard !scores.isEmpty, keep > 0 else { return [] }
        let floor = scores.count > keep ? Self.largest(keep, of: &scores) : 0
        var ranked = found.filter { $0.score >= floor }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.entry < $1.entry }
        return ranked.prefix(keep).map { (form: $0.entry, score: $0.score, diagonal: $0.diagonal) }
    }

    /// The `k`-th largest of `values` (1 ≤ k ≤ count), found by quickselect (Hoare's FIND), which leaves `values`
    /// in another order: for cutting the prefilter's ranking without sorting all of it.
    static func largest(_ k: Int, of values: inout [Double]) -> Double {
        var low = 0, high = values.count - 1
        let target = k - 1
        while low < high {
            let pivot = values[(low + high) / 2]
            var i = low, j = high
            while i <= j {
                while values[i] > pivot { i += 1 }
                while values[j] < pivot { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if target <= j { high = j } else if target >= i { low = i } else { break }
        }
        return values[target]
    }

    /// The steps of `tune` a candidate is scored over, about `diagonal` (the tune's step less the query's where
    /// the prefilter lined them up): the query's length, and half of it plus `windowSlack` either side.
    func window(around diagonal: Int, of query: TuneShape, in tune: TuneShape) -> Range<Int> {
        let steps = query.intervals.count, reach = steps / 2 + windowSlack
        let lower = min(tune.intervals.count, max(0, diagonal - reach))
        return lower..<max(lower, min(tune.intervals.count, diagonal + steps + reach))
    }

    /// What entry `i`'s length costs its score.
    private func cost(of i: Int) -> Int32 { cost(ofForm: Int(formOf[i])) }

    /// What form `f`'s length costs its score.
    private func cost(ofForm f: Int) -> Int32 { Int32((lengthCost * log2(Double(max(2, forms[f].intervals.count)))).rounded()) }

    /// Entry `i` as a hit, found by alignment `a`: its score less what the tune's length costs, and its share of
    /// the query's `perfect` score.
    private func hit(_ i: Int, _ a: TuneAligner.Alignment, perfect: Int32) -> Hit {
        Hit(entry: i, score: a.score - cost(of: i), similarity: min(1, Double(a.score) / Double(max(perfect, 1))), tuneNotes: a.tuneNotes, queryNotes: a.queryNotes)
    }

    /// Aligns each of `indices` (entries) by its form (`align` is given the form: each form is aligned once),
    /// keeping the best hit of each group, best first.
    private func best(of indices: some Sequence<Int>, limit: Int, perfect: Int32, _ align: (Int) -> TuneAligner.Alignment?) -> [Hit] {
        var byGroup: [Int64: Hit] = [:]
        var aligned: [Int32: TuneAligner.Alignment?] = [:]
        for i in indices {
            let form = formOf[i]
            let alignment = aligned[form] ?? align(Int(form))
            aligned[form] = .some(alignment)
            guard let a = alignment else { continue }
            let found = hit(i, a, perfect: perfect)
            if let held = byGroup[entries[i].group], held.score >= found.score { continue }
            byGroup[entries[i].group] = found
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
