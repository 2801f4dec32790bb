import Foundation
import SongCore

/// Versions read and parsed, kept by song and number: a version never changes once written, so a parsed copy
/// is always right. Reading a song page parsed its ChordPro every time (a quarter of the page's cost).
final class VersionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var songs: [VersionKey: Song] = [:]
    private let capacity: Int

    struct VersionKey: Hashable {
        var song: Int64
        var number: Int
    }

    init(capacity: Int = 512) { self.capacity = capacity }

    func get(_ song: Int64, _ number: Int) -> Song? {
        lock.lock()
        defer { lock.unlock() }
        return songs[VersionKey(song: song, number: number)]
    }

    func put(_ song: Int64, _ number: Int, _ value: Song) {
        lock.lock()
        defer { lock.unlock() }
        // Simple and bounded: when full, start again (a tour's busy songs come back at once).
        if songs.count >= capacity { songs.removeAll(keepingCapacity: true) }
        songs[VersionKey(song: song, number: number)] = value
    }
}
