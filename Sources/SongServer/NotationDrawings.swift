import Foundation
import Notation
import SongArchive
import SongCore
import Songbook

/// The notation the pages show: each shown section's tune with its words as they are now (a verse without a tune
/// of its own on the tune it is sung to), drawn by the engraver and kept by what was drawn, so a page asks abcm2ps
/// once per tune, key and size. A failure that could pass (the engraver busy or slow) is not kept.
/// A song page's drawings (its own key, the page's size) are also kept on disk (`KeptParts`), so a page that has
/// left memory, or one asked of a server just started, is not drawn again.
final class NotationDrawings: Sendable {
    let engraver: NotationEngraver
    let kept = BoundedCache<NotationSource, Result<Engraving, EngravingFailure>>(capacity: 2_048)
    let onDisk: KeptParts?

    init(engraver: NotationEngraver = NotationEngraver(), onDisk: KeptParts? = nil) {
        self.engraver = engraver
        self.onDisk = onDisk
    }

    /// A drawing for each section a page shows (`SongSheet.shownSections`), in order; nil for one without a tune.
    /// Ids inside each drawing are prefixed by its place on the page, so the drawings of one page never clash.
    /// `page`: what the song page shows (`pageKey`), under which the drawings it shows are kept on disk, so a page
    /// whose drawings are kept need not lay its words on its tunes again to know which they are.
    func drawings(_ song: Song, key: Key? = nil, size: NotationSource.Size = .page, page: Data? = nil) async -> [Result<Engraving, EngravingFailure>?] {
        let disk = key == nil && size == .page ? onDisk : nil
        if disk != nil, let page, let held = kept(shownOn: page) { return held }
        let sources = SongSheet.notation(song, key: key, size: size)
        let drawn = await draw(sources, at: Array(sources.indices), onDisk: disk)
        if let disk, let page {
            disk.keep(shownOn: page, digests: sources.map { $0.map { KeptParts.digest(drawing: $0.abc, name: $0.name) } })
        }
        return drawn
    }

    /// The drawings kept on disk for the page `page` (`pageKey`), placed as `drawings` places them; nil unless every
    /// one is kept.
    func kept(shownOn page: Data) -> [Result<Engraving, EngravingFailure>?]? {
        onDisk?.drawings(shownOn: page).map { held in
            held.enumerated().map { i, drawing in
                drawing.map { .success(Engraving(svg: $0.svg, noteHeads: $0.noteHeads, texts: $0.texts).prefixingIDs("n\(i)-")) }
            }
        }
    }

    /// Each drawing's SVG, nil where there is none or it failed.
    static func svgs(_ drawings: [Result<Engraving, EngravingFailure>?]) -> [String?] {
        drawings.map { if case .success(let drawing)? = $0 { drawing.svg } else { nil } }
    }

    /// What a song page of `song`'s version `number` shows, as a key for its drawings: the version's text (by its
    /// digest) and who of its people may be shown. For one version, consent is all that changes what is shown, and
    /// the projection takes out exactly the lines, tunes and chords of those who withdrew (everyone else is listed,
    /// by public id, in `shown`'s provenance), so two page views with one key show the same drawings.
    static func pageKey(song id: Int64, version number: Int, text sha256: String, shown: Song) -> Data {
        let people = shown.provenance.contributors.map(\.id).sorted().joined(separator: "\u{1F}")
        return Data(SHA256.digest(Array("song page drawings 1\u{0}\(id)\u{0}\(number)\u{0}\(sha256)\u{0}\(people)".utf8)))
    }

    /// The drawing of the shown section at `index` alone (nil when there is no such section or it has no tune):
    /// the other sections are not engraved.
    func drawing(_ song: Song, section index: Int, key: Key? = nil, size: NotationSource.Size = .page) async -> Result<Engraving, EngravingFailure>? {
        let sources = SongSheet.notation(song, key: key, size: size)
        guard sources.indices.contains(index) else { return nil }
        return await draw(sources, at: [index])[index]
    }

    /// `sources` drawn at `indices` (from the cache where it has them, the rest in one engraver run), prefixed by place.
    /// `onDisk`: kept drawings are read from there, and new ones kept there.
    private func draw(_ sources: [NotationSource?], at indices: [Int], onDisk: KeptParts? = nil) async -> [Result<Engraving, EngravingFailure>?] {
        var results = [Result<Engraving, EngravingFailure>?](repeating: nil, count: sources.count)
        for i in indices { results[i] = sources[i].flatMap { kept.get($0) } }
        var missing = indices.filter { sources[$0] != nil && results[$0] == nil }
        if let onDisk, !missing.isEmpty {
            let digests = missing.map { KeptParts.digest(drawing: sources[$0]!.abc, name: sources[$0]!.name) }
            let found = onDisk.drawings(digests)
            for (i, digest) in zip(missing, digests) {
                guard let drawing = found[digest] else { continue }
                let result = Result<Engraving, EngravingFailure>.success(Engraving(svg: drawing.svg, noteHeads: drawing.noteHeads, texts: drawing.texts))
                results[i] = result
                kept.put(sources[i]!, result)
            }
            missing = missing.filter { results[$0] == nil }
        }
        let drawn = await engraver.engrave(missing.map { sources[$0]! })
        var toKeep: [(digest: Data, drawing: KeptParts.Drawing)] = []
        for (i, result) in zip(missing, drawn) {
            results[i] = result
            if case .failure(let failure) = result, failure.isTransient { continue }
            kept.put(sources[i]!, result)
            if case .success(let engraving) = result, onDisk != nil {
                toKeep.append((KeptParts.digest(drawing: sources[i]!.abc, name: sources[i]!.name),
                               KeptParts.Drawing(svg: engraving.svg, noteHeads: engraving.noteHeads, texts: engraving.texts)))
            }
        }
        onDisk?.keep(drawings: toKeep)
        return results.enumerated().map { i, result in result.map { $0.map { $0.prefixingIDs("n\(i)-") } } }
    }
}
