import Foundation

/// `songbridge serve` as its own process (as `make run` starts it), over a scratch archive of the demo songs, on a
/// free loopback port. The heavy whole-system tests (the API fuzzer, the load test) use it, so the server has its
/// own threads and is not slowed by the other test suites running beside it in the test process.
public final class ServeProcess: Sendable {
    /// Where it serves (from the line it prints first).
    public let base: URL
    /// Its scratch folder.
    public let folder: URL
    /// The archive it serves.
    public let archive: String
    /// The first line it printed.
    public let announcement: String
    private let process: Process

    /// Imports `Songs/` (unless `demoSongs` is false) into a scratch archive named `archiveName` (or the archive at
    /// `archiveURL`, a PostgreSQL database), lets `prepare` change it (given its path), and serves it with
    /// `arguments` added (`--host 0.0.0.0`, say).
    public init(archiveName: String = "archive.sqlite", archiveURL: String? = nil, arguments: [String] = [], demoSongs: Bool = true,
                prepare: (String) async throws -> Void = { _ in }) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        archive = archiveURL ?? folder.appendingPathComponent(archiveName).path
        if demoSongs {
            let imported = try await CommandRunner.songbridge(["import", "Songs", "--archive", archive])
            guard imported.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: imported.stderr]) }
        }
        try await prepare(archive)
        process = Process()
        process.executableURL = CommandRunner.productsFolder.appendingPathComponent("songbridge")
        process.arguments = ["serve", "--archive", archive, "--port", "0"] + arguments
        process.currentDirectoryURL = Fixtures.root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Its first line says where it is serving.
        let text = try await CommandRunner.firstLine(of: out.fileHandleForReading)
        announcement = text
        guard let address = text.components(separatedBy: " at ").last?.trimmingCharacters(in: .whitespacesAndNewlines), let url = URL(string: address), url.port != nil else {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "songbridge serve said: \(text)"])
        }
        // An address for every interface is reached on this machine's loopback.
        base = URL(string: address.replacingOccurrences(of: "//0.0.0.0:", with: "//127.0.0.1:").replacingOccurrences(of: "//[::]:", with: "//127.0.0.1:")) ?? url
    }

    /// Stops it and removes the scratch folder.
    public func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }
}
