import Foundation
import MelodicSearch
import SongArchive
import SongTesting

extension TuneSearchBench {
    /// "Tunes like this" as a song page asks it (`MelodicIndex.forLikeness`) beside the full search, for `likeness`
    /// tunes drawn from the index, each whole tune the query (at most 500 notes, as a song's section is): how many of
    /// the full search's close likenesses (the page's rule: `TourArchive.likenessLeast`, `likenessNotes`, `likenessesShown`)
    /// the page's search finds too, and the time each takes.
    func compareLikeness(index: MelodicIndex, entries: [MelodicIndex.Entry], cheap: MelodicIndex) {
        var random = Mutator(seed: seed)
        var found = 0, wanted = 0, sameFirst = 0, withAny = 0
        var fullTimes: [Double] = [], cheapTimes: [Double] = []
        func close(_ hits: [MelodicIndex.Hit], excluding group: Int64) -> [Int64] {
            hits.filter { entries[$0.entry].group != group && $0.similarity >= TourArchive.likenessLeast && $0.tuneNotes.count >= TourArchive.likenessNotes }
                .prefix(TourArchive.likenessesShown).map { entries[$0.entry].group }
        }
        for _ in 0..<likeness {
            let tune = Int(random.next() % UInt64(entries.count))
            let shape = entries[tune].shape
            let query = shape.noteCount > 500 ? shape.notes(0..<500) : shape
            let group = entries[tune].group
            var t = Date()
            let full = close(index.search(query, limit: TourArchive.likenessesShown + 1), excluding: group)
            fullTimes.append(Date().timeIntervalSince(t) * 1000)
            t = Date()
            let quick = close(cheap.search(query, limit: TourArchive.likenessesShown + 1), excluding: group)
            cheapTimes.append(Date().timeIntervalSince(t) * 1000)
            wanted += full.count
            found += full.filter(quick.contains).count
            if !full.isEmpty {
                withAny += 1
                if quick.first == full.first { sameFirst += 1 }
            }
        }
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        func p99(_ xs: [Double]) -> Double { xs.sorted()[min(xs.count - 1, xs.count * 99 / 100)] }
        print(String(format: "tunes like this, %d whole tunes of %d: the full search finds %d close likenesses (in %d tunes); the page's search (candidates %d, visits %d) finds %.1f%% of them, the same best for %.1f%%",
                     likeness, entries.count, wanted, withAny, cheap.candidates, cheap.mostVisits,
                     100 * Double(found) / Double(max(1, wanted)), 100 * Double(sameFirst) / Double(max(1, withAny))))
        print(String(format: "   per tune: full search median %.1f ms, p99 %.1f ms; the page's median %.1f ms, p99 %.1f ms",
                     median(fullTimes), p99(fullTimes), median(cheapTimes), p99(cheapTimes)))
    }
}
