import CIOPriority
import Foundation
import GRDB
import Logging
import SongTesting
@testable import SongServer
import Testing

/// A server reads its kept file and archive into memory as it starts (`FileWarmer`), when they fit in half of the
/// memory free, and never when they do not.
@Suite struct FileWarmerTests {
    @Test func filesAreReadWholeWhenTheyFitAndLeftWhenTheyDoNot() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("warm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.sqlite").path, wal = a + "-wal", b = folder.appendingPathComponent("b.kept").path
        try Data(count: 9 << 20 + 123).write(to: URL(fileURLWithPath: a))
        try Data(count: 4_096).write(to: URL(fileURLWithPath: wal))
        try Data(count: 1_000).write(to: URL(fileURLWithPath: b))
        let missing = folder.appendingPathComponent("none").path
        // Together 9 MB and a bit: chosen with 20 MB free, not with 18 MB (half is 9 MB); a missing file is left out.
        #expect(FileWarmer.chosen([a, wal, b, missing], available: 20 << 20, least: 0) == [a, wal, b])
        #expect(FileWarmer.chosen([a, wal, b], available: 18 << 20, least: 0).isEmpty)
        #expect(FileWarmer.chosen([a], available: nil, least: 0).isEmpty)
        // Files under the floor (64 MB unless given) are left to warm as they are read, whatever the memory.
        #expect(FileWarmer.chosen([a, wal, b], available: 1 << 40).isEmpty)
        // Where the memory free is known (Linux), every byte of the archive, its WAL and the kept file is read.
        let available = try #require(FileWarmer.availableMemory())
        #expect(available > 0)
        let read = await withCheckedContinuation { continuation in
            FileWarmer.warm([a, b, missing], least: 0, logger: Logger(label: "test")) { continuation.resume(returning: $0) }
        }
        #expect(read.bytes == (9 << 20) + 123 + 4_096 + 1_000)
        // At the idle I/O priority (Linux), which is the reading thread's alone.
        #expect(read.atIdlePriority)
        // At the lowest CPU priority too, which is again the reading thread's alone.
        #expect(read.niceness == FileWarmer.niceness)
        #expect(BackgroundThread.current() < FileWarmer.niceness)
        // And kept mapped, every page in memory (the kernel's own count, /proc/self/smaps), so that a kernel that
        // takes back unmapped cache ahead of need leaves them.
        #expect(read.mapped == read.bytes)
        #expect(Self.residentMapped(a) >= 9 << 20)
        #expect(Self.residentMapped(b) > 0)
        // Warmed again after the file grew: mapped again whole, once.
        let more = try FileHandle(forWritingTo: URL(fileURLWithPath: a))
        try more.seekToEnd()
        try more.write(contentsOf: Data(count: 2 << 20))
        try more.close()
        let again = await withCheckedContinuation { continuation in
            FileWarmer.warm([a], least: 0, logger: Logger(label: "test")) { continuation.resume(returning: $0) }
        }
        #expect(again.mapped == (11 << 20) + 123 + 4_096)
        #expect(Self.residentMapped(a) >= 11 << 20 && Self.residentMapped(a) < 12 << 20)
    }

    /// The resident bytes of every mapping of `path` in this process, as the kernel counts them (Rss in smaps).
    static func residentMapped(_ path: String) -> Int {
        // (Read to its end: String(contentsOfFile:) stops at 4 KB on a /proc file, which gives no size.)
        guard let data = try? FileHandle(forReadingAtPath: "/proc/self/smaps")?.readToEnd() else { return 0 }
        let smaps = String(decoding: data, as: UTF8.self)
        var total = 0
        var inFile = false
        for line in smaps.split(separator: "\n") {
            // A mapping's first line: "start-end perms offset dev inode   path"; its fields follow ("Rss:  9216 kB").
            if let first = line.first, first.isHexDigit, line.contains("-") && !line.hasSuffix(":") && line.split(separator: " ").count >= 5 {
                inFile = line.hasSuffix(" " + path)
            } else if inFile, line.hasPrefix("Rss:") {
                total += (Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0) * 1024
            }
        }
        return total
    }

    /// The warming thread lowers its own I/O priority and no one else's: a server's other threads keep theirs.
    @Test func onlyTheReadingThreadYieldsTheDisk() async throws {
        let before = songbridge_ioprio_class_of_this_thread()
        let (yielded, classThere) = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let yielded = FileWarmer.yieldDiskToOthers()
                continuation.resume(returning: (yielded, songbridge_ioprio_class_of_this_thread()))
            }
        }
        #expect(yielded)
        #expect(classThere == songbridge_ioprio_idle_class())
        #expect(before != songbridge_ioprio_idle_class())
        #expect(songbridge_ioprio_class_of_this_thread() == before)
    }

    /// Reading a file this process holds an SQLite lock on leaves the lock held: closing any descriptor of a file drops
    /// every POSIX lock the process holds on it, so a warmer that closed its descriptors let another program write
    /// beside the server (a test run saw "database disk image is malformed").
    @Test func warmingAnArchiveKeepsItsLocks() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("warm-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.sqlite").path
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true   // the transaction stays open while the file is read
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.inDatabase { db in try db.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
        func anotherProgramWrites() async throws -> Bool {
            let sqlite = try #require(CommandRunner.program("sqlite3"))
            let result = try await CommandRunner.run(URL(fileURLWithPath: sqlite), [path, "INSERT INTO t VALUES (2)"], in: folder)
            return result.status == 0
        }
        try queue.inDatabase { db in try db.execute(sql: "BEGIN EXCLUSIVE") }
        #expect(try await anotherProgramWrites() == false, "the lock holds before warming")
        let read = await withCheckedContinuation { continuation in
            FileWarmer.warm([path], least: 0, logger: Logger(label: "test")) { continuation.resume(returning: $0) }
        }
        #expect(read.bytes > 0)
        #expect(try await anotherProgramWrites() == false, "the lock still holds after warming")
        try queue.inDatabase { db in try db.execute(sql: "ROLLBACK") }
        #expect(try await anotherProgramWrites(), "and is let go when the transaction ends")
    }
}
