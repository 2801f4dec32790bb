import Foundation
import SongArchive
import ZipFiles

/// A sync bundle: one laptop's changes on a stick, for a laptop with no network. A ZIP holding
/// `songbridge-sync.json` (what the bundle is: its format, tour, archive, when it was made, and the size and
/// SHA-256 of the changes) and `changes.json` (the changes). A bundle that is damaged, partial, or not what its
/// manifest says is refused whole, before anything is taken in.
public enum SyncBundle {
    static let manifestName = "songbridge-sync.json"
    static let changesName = "changes.json"
    /// The largest bundle read: a whole tour's words and tunes fit many times over.
    public static let maximumBytes = 256 << 20
    static let limits = ZipReader.Limits(maximumEntries: 2, maximumBytes: UInt64(maximumBytes), maximumRatio: 1_000)

    /// What the bundle says about itself.
    struct Manifest: Codable {
        var kind = "songbridge sync bundle"
        var format: Int
        var tour: String
        var archive: String
        var madeAt: String
        var records: Int
        var changesBytes: Int
        var changesSHA256: String
    }

    /// Why a bundle was refused.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// The bundle's bytes for `changes`.
    public static func pack(_ changes: SyncChanges) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = try encoder.encode(changes)
        let manifest = Manifest(format: changes.format, tour: changes.tour, archive: changes.archive, madeAt: changes.madeAt, records: changes.count,
                                changesBytes: body.count, changesSHA256: SHA256.hex(bytes: Array(body)))
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        var zip = ZipWriter(modified: Date())
        try zip.add(ZipWriter.Entry(path: manifestName, data: try encoder.encode(manifest)))
        try zip.add(ZipWriter.Entry(path: changesName, data: body))
        return try zip.finish()
    }

    /// The changes in a bundle, after checking it whole: it opens as a ZIP with exactly the two files, its
    /// manifest reads, and the changes are the size and SHA-256 it names and say the same tour and archive.
    public static func unpack(_ data: Data) throws(Refusal) -> SyncChanges {
        guard data.count <= maximumBytes else { throw Refusal(description: "the bundle is larger than \(maximumBytes >> 20) MB; refused") }
        let zip: ZipReader
        let manifestBytes: Data?, body: Data?
        do {
            zip = try ZipReader(data: data, limits: limits, kind: "the bundle")
            guard Set(zip.paths) == [manifestName, changesName], zip.paths.count == 2 else {
                throw Refusal(description: "the bundle does not hold exactly \(manifestName) and \(changesName) (it holds \(zip.paths.prefix(5).map(\.debugDescription).joined(separator: ", "))); refused")
            }
            manifestBytes = try zip.contents(of: manifestName)
            body = try zip.contents(of: changesName)
        } catch let refusal as ZipReader.Refusal {
            throw Refusal(description: refusal.description)
        } catch let refusal as Refusal {
            throw refusal
        } catch {
            throw Refusal(description: "the bundle does not open (\(error)); refused")
        }
        guard let manifestBytes, let body, let manifest = try? JSONDecoder().decode(Manifest.self, from: manifestBytes), manifest.kind == "songbridge sync bundle" else {
            throw Refusal(description: "the bundle's \(manifestName) does not read as a Songbridge sync manifest; refused")
        }
        guard manifest.format == SyncChanges.currentFormat else {
            throw Refusal(description: "the bundle is in sync format \(manifest.format), this Songbridge reads format \(SyncChanges.currentFormat); update Songbridge. Refused")
        }
        guard body.count == manifest.changesBytes, SHA256.hex(bytes: Array(body)) == manifest.changesSHA256 else {
            throw Refusal(description: "the bundle is damaged: its changes are not the \(manifest.changesBytes) bytes its manifest checksums; refused, nothing was changed")
        }
        let changes: SyncChanges
        do { changes = try JSONDecoder().decode(SyncChanges.self, from: body) } catch {
            throw Refusal(description: "the bundle's changes do not read (\(error)); refused")
        }
        guard changes.tour == manifest.tour, changes.archive == manifest.archive, changes.count == manifest.records else {
            throw Refusal(description: "the bundle's changes are not those its manifest describes; refused")
        }
        return changes
    }
}
