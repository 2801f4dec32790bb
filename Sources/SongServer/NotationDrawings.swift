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

    /// A drawing for each section a page shows (`SongSheet.shownSections`), in order; nil for one without a tune.
    /// Ids inside each drawing are prefixed by its place on the page, so the drawings of one page never clash.
    func drawings(_ song: Song, key: Key? = nil, size: NotationSource.Size = .page) async -> [Result<Engraving, EngravingFailure>?] {
        let sources = SongSheet.notation(song, key: key, size: size)
        return await draw(sources, at: Array(sources.indices))
    }

    /// The drawing of the shown section at `index` alone (nil when there is no such section or it has no tune):
    /// the other sections are not engraved.
    func drawing(_ song: Song, section index: Int, key: Key? = nil, size: NotationSource.Size = .page) async -> Result<Engraving, EngravingFailure>? {
        let sources = SongSheet.notation(song, key: key, size: size)
        guard sources.indices.contains(index) else { return nil }
        return await draw(sources, at: [index])[index]
    }

    /// `sources` drawn at `indices` (from the cache where it has them, the rest in one engraver run), prefixed by place.
    private func draw(_ sources: [NotationSource?], at indices: [Int]) async -> [Result<Engraving, EngravingFailure>?] {
        var results = [Result<Engraving, EngravingFailure>?](repeating: nil, count: sources.count)
        for i in indices { results[i] = sources[i].flatMap { kept.get($0) } }
        let missing = indices.filter { sources[$0] != nil && results[$0] == nil }
        let drawn = await engraver.engrave(missing.map { sources[$0]! })
        for (i, result) in zip(missing, drawn) {
            results[i] = result
            if case .failure(let failure) = result, failure.isTransient { continue }
            kept.put(sources[i]!, result)
        }
        return results.enumerated().map { i, result in result.map { $0.map { $0.prefixingIDs("n\(i)-") } } }
    }
}
