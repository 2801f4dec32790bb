import Foundation
import Synchronization

/// A SoundFont file Songbridge can render with.
public struct SoundFont: Sendable, Hashable, CustomStringConvertible {
    /// Where it is.
    public var url: URL
    /// Its name: the file name without extension (`TimGM6mb`, `FluidR3_GM`).
    public var name: String { url.deletingPathExtension().lastPathComponent }
    /// Size in bytes.
    public var size: Int

    /// A SoundFont at `url`.
    public init(url: URL) {
        self.url = url
        size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }

    public var description: String { "\(name) (\(url.path), \(size / 1_048_576) MB)" }

    /// What `read` finds in this file, read once for each version of it (its path, size and date) and kept in
    /// `cache`: the facts a render asks of its font (`samplesArePadded`, `sendsToChorus`) cost milliseconds to read.
    func readOnce<T: Sendable>(_ cache: borrowing Mutex<[String: T]>, _ read: () -> T) -> T {
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let key = "\(url.path)|\(size)|\(modified)"
        if let known = cache.withLock({ $0[key] }) { return known }
        let found = read()
        cache.withLock { $0[key] = found }
        return found
    }
}
