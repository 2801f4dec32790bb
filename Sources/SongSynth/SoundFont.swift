import Foundation

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
}
