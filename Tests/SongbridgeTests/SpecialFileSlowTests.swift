import Foundation
import SongCore
import SongTesting
import SongText
import Testing

@Suite struct SpecialFileSlowTests {
    /// As root, renaming a finished file over `/dev/full` or `/dev/null` replaced the device with a plain file (and
    /// `sync export` still did, until it wrote through `AtomicFile` as the other commands do). The
    /// test makes its own special files (a null device node, a FIFO, a folder) in a scratch folder, so a regression
    /// here can never break the machine's own devices.
    @Test func aDeviceFIFOOrFolderIsNeverReplacedByAnOutputFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("special-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let device = folder.appendingPathComponent("null").path, fifo = folder.appendingPathComponent("fifo").path
        let sub = folder.appendingPathComponent("folder").path
        // A character device like /dev/null (1, 3); CI runs as root, as the attack did.
        // glibc's makedev(1, 3) for small numbers: major << 8 | minor.
        #expect(mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0, "mknod: \(String(cString: strerror(errno)))")
        #expect(mkfifo(fifo, 0o644) == 0)
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: false)
        // An archive for the commands that read one.
        let archive = folder.appendingPathComponent("archive.sqlite").path
        #expect(try await CommandRunner.songbridge(["import", "Songs", "--archive", archive]).status == 0)
        let commands: [(String) -> [String]] = [
            { ["transpose", "Songs/the-tide-comes-in.cho", "--to", "A", "-o", $0] },
            { ["simplify", "Songs/the-tide-comes-in.cho", "--triads", "--output", $0] },
            { ["musicxml", "Songs/the-tide-comes-in.cho", "--output", $0] },
            // Wrote its bundle with Foundation's atomic write, which renamed it over a device (found on /dev/full).
            { ["sync", "export", $0, "--archive", archive] },
            { ["export", "--all", "--zip", $0, "--archive", archive] },
            { ["render", "Songs/the-tide-comes-in.cho", "--style", "none", "--midi", $0] },
            { ["render", "Songs/the-tide-comes-in.cho", "--style", "none", "--midi", folder.appendingPathComponent("t.mid").path, "--audio", $0 + ".wav"] },
        ]
        for target in [device, fifo, sub] {
            for command in commands {
                let arguments = command(target)
                // The audio case names target.wav: make that the special file too.
                let path = arguments.last!
                if path.hasSuffix(".wav"), !FileManager.default.fileExists(atPath: path) { #expect(symlink(target, path) == 0) }
                var before = stat()
                #expect(lstat(path, &before) == 0)
                let result = try await CommandRunner.songbridge(arguments)
                #expect(result.status != 0, "\(arguments.joined(separator: " ")): \(result.stdout)")
                #expect(result.stderr.contains("not a regular file"), "\(arguments.joined(separator: " ")): \(result.stderr)")
                var after = stat()
                #expect(lstat(path, &after) == 0)
                #expect(after.st_mode & S_IFMT == before.st_mode & S_IFMT && after.st_ino == before.st_ino, "\(path) was replaced")
            }
        }
    }
}
