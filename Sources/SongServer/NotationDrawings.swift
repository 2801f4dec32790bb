import Notation
import SongArchive
import SongCore
import Songbook

/// The notation the pages show: each shown section's tune with its words as they are now (a verse without a tune
/// of its own on the tune it is sung to), drawn by the engraver and kept by what was drawn, so a page asks abcm2ps
/// once per tune, key and size. A failure that could pass (the engraver busy or slow) is not kept.
final class NotationDrawings: Sendable {
    let engraver: NotationEngraver
    let kept = BoundedCache<NotationSource, Result<Engraving, EngravingFailure>>(capacity: 2_048)

    init(engraver: NotationEngraver = NotationEngraver()) { self.engraver = engraver }

    /// A drawing for each section a page shows (`SongJSON.shownSections`), in order; nil for one without a tune.
    /// Ids inside each drawing are prefixed by its place on the page, so the drawings of one page never clash.
    func drawings(_ song: Song, key: Key? = nil, size: NotationSource.Size = .page) async -> [Result<Engraving, EngravingFailure>?] {
        let sources = SongSheet.notation(song, key: key, size: size)
        var results: [Result<Engraving, EngravingFailure>?] = sources.map { $0.flatMap { kept.get($0) } }
        let missing = sources.indices.filter { sources[$0] != nil && results[$0] == nil }
        let drawn = await engraver.engrave(missing.map { sources[$0]! })
        for (i, result) in zip(missing, drawn) {
            results[i] = result
            if case .failure(let failure) = result, failure.isTransient { continue }
            kept.put(sources[i]!, result)
        }
        return results.enumerated().map { i, result in result.map { $0.map { $0.prefixingIDs("n\(i)-") } } }
    }
}
