import Foundation

/// Song pages already rendered, keyed by the public projection they show (`SongJSON`): a new version, a change of
/// consent or a withdrawn line makes a different key, so a stale page is never served.
final class RenderedPages: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [SongJSON: String] = [:]
    private let capacity = 256

    func get(_ song: SongJSON) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return pages[song]
    }

    func put(_ song: SongJSON, _ html: String) {
        lock.lock()
        defer { lock.unlock() }
        if pages.count >= capacity { pages.removeAll(keepingCapacity: true) }
        pages[song] = html
    }
}
