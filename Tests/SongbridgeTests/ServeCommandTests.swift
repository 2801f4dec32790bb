import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SongTesting
import Testing

/// The README's `songbridge serve` line, run as shown (with a free port): it prints its address and serves.
@Suite struct ServeCommandTests {
    @Test func serveRunsAsTheReadmeShows() async throws {
        let readme = Fixtures.text(Fixtures.root.appendingPathComponent("README.md"))
        #expect(readme.contains("songbridge serve --archive out/demo-archive.sqlite"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = folder.appendingPathComponent("demo-archive.sqlite").path
        #expect(try CommandRunner.songbridge(["import", "Songs", "--archive", archive]).status == 0)

        let process = Process()
        process.executableURL = CommandRunner.productsFolder.appendingPathComponent("songbridge")
        process.arguments = ["serve", "--archive", archive, "--port", "0"]
        process.currentDirectoryURL = Fixtures.root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        // The first line says where it is serving.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasPrefix("Songbridge is serving \(archive) at http://127.0.0.1:"), "\(text)")
        let address = try #require(text.components(separatedBy: " at ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        let (body, response) = try await URLSession.shared.data(from: try #require(URL(string: address)))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("The Tide Comes In"))
    }
}
