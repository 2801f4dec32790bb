import Foundation
import SongTesting
import SongText
import Testing

/// A writer killed with SIGKILL in the middle of a large import leaves an archive that passes
/// `PRAGMA integrity_check` and holds every song it had reported saved. (`scripts/kill-test.sh` runs more rounds.)
@Suite struct KillDuringImportSlowTests {
    /// Killed once the import has acknowledged `acknowledged` songs (read as they are printed, not after a sleep,
    /// so the kill lands mid-import however fast or slow the machine is).
    @Test(arguments: [20, 400])
    func nothingAcknowledgedIsLost(after acknowledged: Int) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString)")
        let songs = dir.appendingPathComponent("songs")
        try FileManager.default.createDirectory(at: songs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for n in 0..<1_500 {
            try ChordProWriter.write(SongGenerator.song(n)).write(to: songs.appendingPathComponent(String(format: "song-%05d.cho", n)), atomically: false, encoding: .utf8)
        }
        let archive = dir.appendingPathComponent("archive.sqlite").path
        let process = Process()
        process.executableURL = CommandRunner.productsFolder.appendingPathComponent("songbridge")
        process.arguments = ["import", songs.path, "--archive", archive]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = pipe.fileHandleForReading
        // Read and waited for on a thread of its own, off the cooperative threads the other tests need.
        let output = try await CommandRunner.beside { () -> Data in
            var output = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }  // the import ended by itself
                output.append(chunk)
                if output.reduce(0, { $1 == 10 ? $0 + 1 : $0 }) >= acknowledged {
                    kill(process.processIdentifier, SIGKILL)
                    break
                }
            }
            process.waitUntilExit()
            output.append(reader.readDataToEndOfFile())
            return output
        }
        let ackedIDs = Set(String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap { Int($0) })
        #expect(process.terminationReason == .uncaughtSignal, "the import finished before it could be killed; use more songs")
        let check = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [archive, "PRAGMA integrity_check;"], in: dir)
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        let stored = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [archive, "SELECT id FROM song;"], in: dir)
        let storedIDs = Set(stored.stdout.split(separator: "\n").compactMap { Int($0) })
        #expect(ackedIDs.count >= acknowledged && ackedIDs.count < 1_500)
        #expect(ackedIDs.isSubset(of: storedIDs), "lost: \(ackedIDs.subtracting(storedIDs).sorted().prefix(10))")
    }
}
