import Foundation
import SongTesting
import SongText
import Testing

/// A writer killed with SIGKILL in the middle of a large import leaves an archive that passes
/// `PRAGMA integrity_check` and holds every song it had reported saved. (`scripts/kill-test.sh` runs more rounds.)
@Suite struct KillDuringImportTests {
    @Test(arguments: [0.25, 0.6])
    func nothingAcknowledgedIsLost(after seconds: Double) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString)")
        let songs = dir.appendingPathComponent("songs")
        try FileManager.default.createDirectory(at: songs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for n in 0..<1_500 {
            try ChordProWriter.write(SongGenerator.song(n)).write(to: songs.appendingPathComponent(String(format: "song-%05d.cho", n)), atomically: false, encoding: .utf8)
        }
        let archive = dir.appendingPathComponent("archive.sqlite").path
        let acked = dir.appendingPathComponent("acked.txt")
        _ = FileManager.default.createFile(atPath: acked.path, contents: nil)
        let process = Process()
        process.executableURL = CommandRunner.productsFolder.appendingPathComponent("songbridge")
        process.arguments = ["import", songs.path, "--archive", archive]
        process.standardOutput = try FileHandle(forWritingTo: acked)
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the import finished before it could be killed; use more songs")
        let ackedIDs = Set(try String(contentsOf: acked, encoding: .utf8).split(separator: "\n").compactMap { Int($0) })
        let check = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [archive, "PRAGMA integrity_check;"], in: dir)
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        let stored = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [archive, "SELECT id FROM song;"], in: dir)
        let storedIDs = Set(stored.stdout.split(separator: "\n").compactMap { Int($0) })
        #expect(!ackedIDs.isEmpty)
        #expect(ackedIDs.isSubset(of: storedIDs), "lost: \(ackedIDs.subtracting(storedIDs).sorted().prefix(10))")
    }
}
