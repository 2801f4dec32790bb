import CIOPriority
import Foundation
import Logging
import Synchronization

/// Brings the files a server reads at every cold request (the kept parts' file and, on a laptop, the archive) into
/// the operating system's page cache as it starts, read once from end to end in large blocks on a thread of its
/// own, as PostgreSQL's pg_prewarm does for its tables. Without it, a server started over a central archive's kept
/// file (6.3 GB at 100,000 songs) met each page's first ask with a dozen scattered reads from the disk, and the
/// first minutes of different pages at 500 a second queued behind them (`make bench-scale`: p99 0.7 s on SQLite, 4.7 s
/// on PostgreSQL; 3.3 ms once the files were read). Only files that fit in half the memory free are read, so that a
/// machine with other work is not made to drop it; elsewhere they warm as they are asked. The thread reads at the idle
/// I/O priority, so that the pages asked while it reads go first to the disk (on Linux, under the mq-deadline and BFQ
/// schedulers).
public enum FileWarmer {
    /// What a warming did: the bytes it read, and whether it read them at the idle I/O priority.
    public struct Warmed: Sendable, Equatable {
        public var bytes: Int
        public var atIdlePriority: Bool
    }

    /// Puts the calling thread's disk reads behind everyone else's (Linux's idle I/O class); whether they now are.
    static func yieldDiskToOthers() -> Bool {
        songbridge_ioprio_idle_for_this_thread() == 0 && songbridge_ioprio_class_of_this_thread() == songbridge_ioprio_idle_class()
    }

    /// The descriptor of each file read, by path, never closed (see `warm`): a file warmed again reads through it.
    static let held = Mutex<[String: Int32]>([:])

    /// The memory the system could give without swapping (Linux's MemAvailable); nil where it is not known.
    static func availableMemory() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            // "MemAvailable:   23675164 kB"
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, let kilobytes = Int(fields[1]) { return kilobytes * 1024 }
        }
        return nil
    }

    /// Which of `paths` are read: those that exist, when all of them together fit in half of `available` and come to
    /// at least `least` (smaller files warm soon enough as they are read: a test's scratch archive is left alone).
    static func chosen(_ paths: [String], available: Int?, least: Int = 64 << 20) -> [String] {
        let sizes = paths.compactMap { path -> (String, Int)? in
            guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 0 else { return nil }
            return (path, size)
        }
        let total = sizes.reduce(0) { $0 + $1.1 }
        guard let available, total <= available / 2, total >= least else { return [] }
        return sizes.map(\.0)
    }

    /// Reads `paths` (with their `-wal` files), if they fit, on a thread of its own; returns at once. `done` is
    /// called once all are read (the tests wait for it).
    public static func warm(_ paths: [String], least: Int = 64 << 20, logger: Logger, done: @escaping @Sendable (Warmed) -> Void = { _ in }) {
        let files = chosen(paths.flatMap { [$0, $0 + "-wal"] }, available: availableMemory(), least: least)
        guard !files.isEmpty else { return done(Warmed(bytes: 0, atIdlePriority: false)) }
        Thread.detachNewThread {
            let started = Date()
            let idle = yieldDiskToOthers()
            var total = 0
            var block = [UInt8](repeating: 0, count: 8 << 20)
            for path in files {
                // Opened and never closed: these are SQLite files this process has open, and closing any descriptor
                // of a file drops every POSIX lock the process holds on it (fcntl(2)), SQLite's among them, which let
                // another program write beside the server and corrupted an archive in a test run ("database disk
                // image is malformed"; sqlite.org/howtocorrupt.html, 2.2). One descriptor a file, for the process's life.
                let descriptor = FileWarmer.held.withLock { held in
                    if let kept = held[path] { return kept }
                    let opened = open(path, O_RDONLY | O_CLOEXEC)
                    if opened >= 0 { held[path] = opened }
                    return opened
                }
                guard descriptor >= 0 else { continue }
                // At offsets of its own (pread): a descriptor kept from an earlier warming may be read by two at once.
                var offset = 0
                while true {
                    let read = block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
                    guard read > 0 else { break }
                    offset += read
                }
                total += offset
            }
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            logger.info("read \(total >> 20) MB of \(files.count) file(s) into memory in \(seconds) s\(idle ? " (at the idle I/O priority)" : "")")
            done(Warmed(bytes: total, atIdlePriority: idle))
        }
    }
}
