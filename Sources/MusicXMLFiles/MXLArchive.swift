import Foundation
import ZipFiles

/// A compressed MusicXML file (`.mxl`: a ZIP holding the score and `META-INF/container.xml`, which names it),
/// opened with care (`ZipReader`) before anything is unpacked.
enum MXLArchive {
    static let limits = ZipReader.Limits(maximumEntries: 200, maximumBytes: 32 << 20, maximumRatio: 200)

    /// Whether `data` starts as a ZIP file does.
    static func isZip(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// The score inside, as bytes.
    static func score(in data: Data, name: String) throws(ScoreImportError) -> Data {
        do {
            let zip = try ZipReader(data: data, limits: limits, kind: "the .mxl")
            // The container names the score; without one, the first .musicxml or .xml outside META-INF.
            var rootPath: String?
            if let container = try zip.contents(of: "META-INF/container.xml") {
                let text = String(decoding: container, as: UTF8.self)
                if let range = text.range(of: "full-path=\"") {
                    rootPath = String(text[range.upperBound...].prefix { $0 != "\"" })
                }
            }
            let root = rootPath.flatMap { path in zip.paths.first { $0 == path } }
                ?? zip.paths.first { !$0.hasPrefix("META-INF/") && ($0.hasSuffix(".musicxml") || $0.hasSuffix(".xml")) }
            guard let root, let score = try zip.contents(of: root) else {
                throw ScoreImportError("\(name): the .mxl holds no score (no META-INF/container.xml naming one, and no .musicxml file)")
            }
            return score
        } catch let refusal as ZipReader.Refusal {
            throw ScoreImportError("\(name): \(refusal)")
        } catch let e as ScoreImportError {
            throw e
        } catch {
            throw ScoreImportError("\(name): \(error)")
        }
    }
}
