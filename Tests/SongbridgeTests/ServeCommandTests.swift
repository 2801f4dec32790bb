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
        let server = try await ServeProcess(archiveName: "demo-archive.sqlite")
        defer { server.stop() }
        // The first line says where it is serving.
        #expect(server.announcement.hasPrefix("Songbridge is serving \(server.archive) at http://127.0.0.1:"), "\(server.announcement)")
        let (body, response) = try await URLSession.shared.data(from: server.base)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("The Tide Comes In"))
    }
}
