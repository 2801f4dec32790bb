import Foundation
import ZIPFoundation

/// A compressed MusicXML file (`.mxl`: a ZIP holding the score and `META-INF/container.xml`, which names it),
/// opened with care before anything is unpacked: at most `maximumEntries` entries, none whose path leaves the
/// archive or is a link, no entry declaring more than `maximumBytes` or a ratio over `maximumRatio`, and the
/// score itself unpacked with a running count that stops at `maximumBytes` whatever the headers claimed.
enum MXLArchive {
    static let maximumEntries = 200
    static let maximumBytes: UInt64 = 32 << 20
    static let maximumRatio: UInt64 = 200

    /// Whether `data` starts as a ZIP file does.
    static func isZip(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// The score inside, as bytes.
    static func score(in data: Data, name: String) throws(ScoreImportError) -> Data {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw ScoreImportError("\(name): not a compressed MusicXML file (.mxl): the ZIP inside does not open (\(error))")
        }
        var entries: [Entry] = []
        var declared: UInt64 = 0
        for entry in archive {
            entries.append(entry)
            guard entries.count <= maximumEntries else { throw ScoreImportError("\(name): the .mxl holds more than \(maximumEntries) files; refused") }
            let path = entry.path
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.hasPrefix("/") || path.hasPrefix("\\") || path.contains("\\") || parts.contains("..") || path.contains("\0") || path.utf8.count > 512 {
                throw ScoreImportError("\(name): the .mxl holds a file whose path leaves the archive (\(path.debugDescription)); refused")
            }
            if entry.type == .symlink { throw ScoreImportError("\(name): the .mxl holds a link (\(path)); refused") }
            declared += entry.uncompressedSize
            let ratio = entry.compressedSize == 0 ? (entry.uncompressedSize == 0 ? 0 : UInt64.max) : entry.uncompressedSize / entry.compressedSize
            if entry.uncompressedSize > maximumBytes || declared > maximumBytes || ratio > maximumRatio {
                throw ScoreImportError("\(name): the .mxl unpacks to too much (\(entry.path): \(entry.uncompressedSize) bytes from \(entry.compressedSize)); refused as a zip bomb")
            }
        }
        // The container names the score; without one, the first .musicxml or .xml outside META-INF.
        var rootPath: String?
        if let container = entries.first(where: { $0.path == "META-INF/container.xml" }) {
            let text = String(decoding: try unpack(container, from: archive, name: name), as: UTF8.self)
            if let range = text.range(of: "full-path=\"") {
                rootPath = String(text[range.upperBound...].prefix { $0 != "\"" })
            }
        }
        let root = rootPath.flatMap { path in entries.first { $0.path == path } }
            ?? entries.first { !$0.path.hasPrefix("META-INF/") && ($0.path.hasSuffix(".musicxml") || $0.path.hasSuffix(".xml")) }
        guard let root else { throw ScoreImportError("\(name): the .mxl holds no score (no META-INF/container.xml naming one, and no .musicxml file)") }
        return try unpack(root, from: archive, name: name)
    }

    /// One entry's bytes, counted as they come: more than `maximumBytes` stops it, whatever its header said.
    static func unpack(_ entry: Entry, from archive: Archive, name: String) throws(ScoreImportError) -> Data {
        var out = Data()
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024) { chunk in
                out.append(chunk)
                if UInt64(out.count) > maximumBytes { throw ScoreImportError("\(name): \(entry.path) unpacks to more than \(maximumBytes >> 20) MB; refused as a zip bomb") }
            }
        } catch let e as ScoreImportError {
            throw e
        } catch {
            throw ScoreImportError("\(name): \(entry.path) in the .mxl does not unpack (\(error))")
        }
        return out
    }
}
