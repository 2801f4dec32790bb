import Arrangement
import Notation
import SongArchive
import SongCore

/// The notation the pages show: each shown section's tune with its words as they are now (a verse without a tune
/// of its own on the tune it is sung to), drawn by the engraver and kept by what was drawn, so a page asks abcm2ps
/// once per tune, key and size. A failure that could pass (the engraver busy or slow) is not kept.
final class NotationDrawings: Sendable {
    let engraver: NotationEngraver
    let kept = BoundedCache<NotationSource, Result<Engraving, EngravingFailure>>(capacity: 2_048)

    init(engraver: NotationEngraver = NotationEngraver()) { self.engraver = engraver }

    /// `song` (the public projection) as it is sung, moved to `key` when one is asked for: the words laid on the tunes.
    static func sung(_ song: Song, key: Key? = nil) -> Song {
        var moved = song
        if let key, let from = song.metadata.key ?? song.sections.compactMap(\.melody).first?.key {
            moved = Transposition(from: from, to: key).apply(song)
        }
        return SungWords.apply(to: moved)
    }

    /// A drawing for each section a page shows (`SongJSON.shownSections`), in order; nil for one without a tune.
    /// Ids inside each drawing are prefixed by its place on the page, so the drawings of one page never clash.
    func drawings(_ song: Song, key: Key? = nil, size: NotationSource.Size = .page) async -> [Result<Engraving, EngravingFailure>?] {
        let sections = SongJSON.shownSections(of: Self.sung(song, key: key))
        let sources: [NotationSource?] = sections.map { section in
            section.melody.map { NotationSource($0, name: NotationSource.name(section: section.id, melody: $0), size: size) }
        }
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
