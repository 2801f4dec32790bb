import Foundation
import SongTesting
import Testing
@testable import SongServer

/// Songbooks from a live server: the browse page offers the songs it shows as a songbook, the API prints it as a
/// PDF through the consent projection, and an empty choice is a 4xx with a reason.
@Suite struct SongbookRouteTests {
    @Test func theBrowsePagesSongsComeAsAPrintedSongbook() async throws {
        let gate = await RealTimeGate.shared.heavy()
        defer { gate.leave() }
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let browse = try await server.get("/songs?nation=wales").text
        let links = browse.components(separatedBy: "href=\"/api/v1/songbook?").dropFirst().map { "/api/v1/songbook?" + $0.prefix { $0 != "\"" } }
        #expect(links.count == 3, "\(browse)")
        let largePrint = try #require(links.first { $0.contains("profile=large-print") })
        #expect(largePrint.contains("nation=wales"))
        let reply = try await server.get(largePrint.replacingOccurrences(of: "&amp;", with: "&"))
        #expect(reply.status == 200 && reply.contentType == "application/pdf")
        #expect(reply.body.starts(with: Array("%PDF".utf8)))
        let pdf = server.folder.appendingPathComponent("wales.pdf")
        try reply.body.write(to: pdf)
        let pdftotext = try #require(CommandRunner.program("pdftotext"), "poppler-utils is missing: make test installs it")
        let text = try await CommandRunner.run(URL(fileURLWithPath: pdftotext), [pdf.path, "-"], in: server.folder).stdout
        #expect(text.contains("Cân y Cwm") && text.contains("Mae'r haul yn codi dros y cwm") && text.contains("Songs from Wales"))
        #expect(!text.contains("The Tide Comes In"))
    }

    @Test func nothingChosenOrNothingFoundIsRefusedWithAReason() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        for (path, status) in [("/api/v1/songbook", 400), ("/api/v1/songbook?stop=atlantis-2026-01", 404), ("/api/v1/songbook?q=zzzqqq", 404),
                               ("/api/v1/songbook?all=true&profile=poster", 400)] {
            let reply = try await server.get(path)
            #expect(reply.status == status, "\(path): \(reply.status)")
            #expect((try? reply.json() as? [String: Any])?["error"] != nil, "\(path)")
        }
    }
}
