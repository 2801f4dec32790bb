import CIOPriority
import Foundation
import Logging
import Synchronization

/// Brings the files a server reads at every cold request (the kept parts' file and, on a laptop, the archive) into
/// the operating system's page cache as it starts, read once from end to end in large blocks on a thread of its
/// own (at the lowest CPU priority), as PostgreSQL's pg_prewarm does for its tables. Without it, a server started
/// over a central archive's kept file (6.3 GB at 100,000 songs) met each page's first ask with a dozen scattered
/// reads from the disk, and the first minutes of different pages at 500 a second queued behind them
/// (`make bench-scale`: p99 0.7 s on SQLite, 4.7 s on PostgreSQL; 3.3 ms once the files were read). Only files
/// that fit in half the memory free are read, so that a machine with other work is not made to drop it; elsewhere
/// they warm as they are asked. The thread reads at the idle I/O priority, so that the pages asked while it reads go first to the disk (on Linux, under the mq-deadline and BFQ
/// schedulers).
///
/// It reads them through a mapping of each file that it keeps for the process's life: pages a process maps count as
/// in use. A kernel that reclaims cold page cache ahead of need (DAMON's `pageout` scheme, which this project's own
/// test machine runs on unmapped file pages unused for a minute) otherwise took back a warmed 7 GB file within two
/// minutes, and the pages were cold again (`make bench-scale`, p99 187 ms). Mapped pages are still the kernel's to
/// take under real memory pressure: they are clean, and nothing is locked.
public enum FileWarmer {
    /// What a warming did: the bytes it read, the bytes of them it keeps mapped, whether it read them at the idle
    /// I/O priority, and the nice value of the thread that read them.
    public struct Warmed: Sendable, Equatable {
        public var bytes: Int
        public var mapped: Int
        public var atIdlePriority: Bool
        public var niceness: Int32 = 0
    }

    /// The warming thread's nice value: the lowest CPU priority, since copying a file already in memory costs a
    /// core about 0.3 s a GB, all in the first seconds after a start while the first requests are answered.
    static let niceness: Int32 = 19

    /// A file read: its descriptor, and the mapping it was read through (its address, as a number, and length).
    struct Held: Sendable {
        var descriptor: Int32
        var mapping: (address: UInt, length: Int)?
    }

    /// Puts the calling thread's disk reads behind everyone else's (Linux's idle I/O class); whether they now are.
    static func yieldDiskToOthers() -> Bool {
        songbridge_ioprio_idle_for_this_thread() == 0 && songbridge_ioprio_class_of_this_thread() == songbridge_ioprio_idle_class()
    }

    /// Each file read, by path: its descriptor is never closed (see `warm`); a file warmed again is mapped again
    /// at its new length.
    static let held = Mutex<[String: Held]>([:])
    static let oneAtATime = Mutex<Void>(())

    /// The memory the system could give without swapping (Linux's MemAvailable); nil where it is not known.
    static func availableMemory() -> Int? {
        // (Read to its end: String(contentsOfFile:) stops at 4 KB on a /proc file, which gives no size.)
        guard let data = try? FileHandle(forReadingAtPath: "/proc/meminfo")?.readToEnd() else { return nil }
        let text = String(decoding: data, as: UTF8.self)
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
        guard !files.isEmpty else { return done(Warmed(bytes: 0, mapped: 0, atIdlePriority: false)) }
        BackgroundThread.start(name: "warm", niceness: niceness) {
            let started = Date()
            let idle = yieldDiskToOthers()
            var warmed = Warmed(bytes: 0, mapped: 0, atIdlePriority: idle, niceness: BackgroundThread.current())
            for path in files {
                // (One file at a time in the process: a file warmed twice at once would be unmapped twice.)
                let (read, mapped) = oneAtATime.withLock { _ in warmOne(path) }
                warmed.bytes += read
                warmed.mapped += mapped
            }
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            let how = [idle ? "at the idle I/O priority" : nil, warmed.niceness > 0 ? "nice \(warmed.niceness)" : nil,
                       warmed.mapped > 0 ? "kept mapped" : nil].compactMap { $0 }
            logger.info("read \(warmed.bytes >> 20) MB of \(files.count) file(s) into memory in \(seconds) s\(how.isEmpty ? "" : " (" + how.joined(separator: ", ") + ")")")
            done(warmed)
        }
    }

    /// Reads one file into memory through a mapping kept for the process's life, or, where it cannot be mapped and
    /// populated, with plain reads; the bytes read and the bytes of them mapped.
    static func warmOne(_ path: String) -> (read: Int, mapped: Int) {
        // Opened and never closed: these are SQLite files this process has open, and closing any descriptor of a
        // file drops every POSIX lock the process holds on it (fcntl(2)), SQLite's among them, which let another
        // program write beside the server and corrupted an archive in a test run ("database disk image is
        // malformed"; sqlite.org/howtocorrupt.html, 2.2). One descriptor a file, for the process's life. (Unmapping
        // drops no lock.)
        let found = held.withLock { held -> Held? in
            if let kept = held[path] { return kept }
            let opened = open(path, O_RDONLY | O_CLOEXEC)
            guard opened >= 0 else { return nil }
            held[path] = Held(descriptor: opened, mapping: nil)
            return held[path]
        }
        guard let found else { return (0, 0) }
        var status = stat()
        guard fstat(found.descriptor, &status) == 0 else { return (0, 0) }
        let size = Int(status.st_size)
        if let (address, length) = found.mapping, let old = UnsafeMutableRawPointer(bitPattern: address) { munmap(old, length) }
        held.withLock { $0[path]?.mapping = nil }
        if let base = mapAndPopulate(found.descriptor, size: size) {
            held.withLock { $0[path]?.mapping = (UInt(bitPattern: base), size) }
            return (size, size)
        }
        return (readBlocks(found.descriptor), 0)
    }

    /// Maps `size` bytes of the file and brings every page in, a block at a time: each block read first (pread, at the
    /// thread's I/O priority), then its pages mapped from the cache (madvise MADV_POPULATE_READ, Linux 5.14 and
    /// later: a page that cannot be read, as in a file cut short meanwhile, fails the call rather than raising
    /// SIGBUS). Populating holds the process's memory map lock, which a thread mapping fresh memory waits for, so
    /// it is never left waiting on the disk. The mapping, or nil (unmapped again) if any step fails.
    static func mapAndPopulate(_ descriptor: Int32, size: Int) -> UnsafeMutableRawPointer? {
        guard size > 0, let base = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0), base != MAP_FAILED else { return nil }
        let read = readBlocks(descriptor, upTo: size) { offset, length in madvise(base + offset, length, MADV_POPULATE_READ) == 0 }
        guard read == size else {
            munmap(base, size)
            return nil
        }
        return base
    }

    /// The warming reads 1 MB at a time.
    static let blockSize = 1 << 20

    /// Runs one read of a block, then rests as long as it took: the disk is left free half the time, so the pages
    /// asked meanwhile never queue behind more than one block. (The idle I/O priority alone did not do it here: a
    /// virtual disk's deep queue takes every read at once.) Reads from memory take microseconds, so a file already
    /// cached is read at full speed.
    static func paced<T>(_ read: () -> T) -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        let result = read()
        let took = DispatchTime.now().uptimeNanoseconds - started
        if took > 50_000 { usleep(useconds_t(min(took / 1_000, 1_000_000))) }
        return result
    }

    /// Reads the file from end to end in blocks (or its first `size` bytes), at offsets of its own (pread: a
    /// descriptor kept from an earlier warming may be read by two at once), giving each block read to `then`, which
    /// may stop the reading; the bytes read (and taken) until the end or a stop.
    static func readBlocks(_ descriptor: Int32, upTo size: Int = .max, then: (_ offset: Int, _ length: Int) -> Bool = { _, _ in true }) -> Int {
        var block = [UInt8](repeating: 0, count: blockSize)
        var offset = 0
        while offset < size {
            let length = min(block.count, size - offset)
            let read = paced { block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, off_t(offset)) } }
            guard read > 0, read == length || size == .max, then(offset, read) else { break }
            offset += read
        }
        return offset
    }
}
