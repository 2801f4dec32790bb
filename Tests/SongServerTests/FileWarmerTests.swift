import Foundation
import Logging
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
        #expect(FileWarmer.chosen([a, wal, b, missing], available: 20 << 20) == [a, wal, b])
        #expect(FileWarmer.chosen([a, wal, b], available: 18 << 20).isEmpty)
        #expect(FileWarmer.chosen([a], available: nil).isEmpty)
        // Where the memory free is known (Linux), every byte of the archive, its WAL and the kept file is read.
        let available = try #require(FileWarmer.availableMemory())
        #expect(available > 0)
        let read = await withCheckedContinuation { continuation in
            FileWarmer.warm([a, b, missing], logger: Logger(label: "test")) { continuation.resume(returning: $0) }
        }
        #expect(read == (9 << 20) + 123 + 4_096 + 1_000)
    }
}
