import Foundation
import ZIPFoundation

/// A ZIP file from outside (a tablet's upload, a stick from another laptop), opened with care before anything
/// is unpacked: at most `maximumEntries` entries, none whose path leaves the folder or is a link, none declaring
/// more than `maximumBytes` (nor all of them together) or a compression ratio over `maximumRatio`; and each entry
/// unpacked with a running count that stops at `maximumBytes`, whatever its header claimed.
public struct ZipReader {
    /// What a ZIP file may hold.
    public struct Limits: Sendable {
        public var maximumEntries: Int
        public var maximumBytes: UInt64
        public var maximumRatio: UInt64

        public init(maximumEntries: Int, maximumBytes: UInt64, maximumRatio: UInt64) {
            self.maximumEntries = maximumEntries
            self.maximumBytes = maximumBytes
            self.maximumRatio = maximumRatio
        }
    }

    /// Why a ZIP file was refused, as the end of a sentence that begins with the file's name.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    private let archive: Archive
    private let entries: [Entry]
    private let limits: Limits
    /// The entries' paths, in the file's order.
    public var paths: [String] { entries.map(\.path) }

    /// Opens `data` and checks every entry's header; `kind` names the file in refusals (`the .mxl`, `the bundle`).
    public init(data: Data, limits: Limits, kind: String) throws(Refusal) {
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw Refusal(description: "\(kind) does not open as a ZIP file (\(error))")
        }
        self.limits = limits
        var entries: [Entry] = []
        var declared: UInt64 = 0
        for entry in archive {
            entries.append(entry)
            guard entries.count <= limits.maximumEntries else { throw Refusal(description: "\(kind) holds more than \(limits.maximumEntries) files; refused") }
            let path = entry.path
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.hasPrefix("/") || path.hasPrefix("\\") || path.contains("\\") || parts.contains("..") || path.contains("\0") || path.utf8.count > 512 {
                throw Refusal(description: "\(kind) holds a file whose path leaves the archive (\(path.debugDescription)); refused")
            }
            if entry.type == .symlink { throw Refusal(description: "\(kind) holds a link (\(path)); refused") }
            declared += entry.uncompressedSize
            let ratio = entry.compressedSize == 0 ? (entry.uncompressedSize == 0 ? 0 : UInt64.max) : entry.uncompressedSize / entry.compressedSize
            if entry.uncompressedSize > limits.maximumBytes || declared > limits.maximumBytes || ratio > limits.maximumRatio {
                throw Refusal(description: "\(kind) unpacks to too much (\(entry.path): \(entry.uncompressedSize) bytes from \(entry.compressedSize)); refused as a zip bomb")
            }
        }
        self.entries = entries
    }

    /// The bytes of the entry at `path`, or nil when there is none; counted as they come, and checked against
    /// the entry's CRC-32.
    public func contents(of path: String) throws(Refusal) -> Data? {
        guard let entry = entries.first(where: { $0.path == path }) else { return nil }
        var out = Data()
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024) { chunk in
                out.append(chunk)
                if UInt64(out.count) > limits.maximumBytes { throw Refusal(description: "\(entry.path) unpacks to more than \(limits.maximumBytes >> 20) MB; refused as a zip bomb") }
            }
        } catch let e as Refusal {
            throw e
        } catch {
            throw Refusal(description: "\(entry.path) is damaged and does not unpack (\(error)); refused")
        }
        return out
    }
}
