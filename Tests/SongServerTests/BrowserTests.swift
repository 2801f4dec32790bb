import Foundation
import Testing
@testable import SongServer

/// The song page in a real browser: headless Chromium (Debian's `chromium`, installed by `make test`) opens a
/// song's listen link against a live server; the page's own script asks for a render, follows its progress and
/// loads the audio. `--virtual-time-budget` lets the page's timers run until the budget is spent, and
/// `--dump-dom` prints the page as the script left it.
@Suite struct BrowserTests {
    static func chromium(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--mute-audio", "--autoplay-policy=no-user-gesture-required",
                             "--virtual-time-budget=600000", "--dump-dom", url.absoluteString]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func theSongPageRendersAndLoadsTheDraft() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let id = try ServerTests.id(of: "The Tide Comes In", in: server.folder.appendingPathComponent("archive.sqlite").path)
        let url = try #require(URL(string: "/songs/\(id)#listen", relativeTo: server.base)?.absoluteURL)
        let dom = try await Task.detached { try Self.chromium(url) }.value
        let player = try #require(dom.components(separatedBy: "<section class=\"listen\"").dropFirst().first?.components(separatedBy: "</section>").first,
                                  "no player in the page: \(dom.prefix(300))")
        #expect(player.contains(">Ready<"), "\(player)")
        // The audio element points at the finished render, and the browser read its length.
        #expect(player.contains("src=\"/api/v1/renders/"))
        let duration = try #require(player.components(separatedBy: "data-duration=\"").dropFirst().first?.split(separator: "\"").first.flatMap { Double($0) },
                                    "the browser never loaded the audio: \(player)")
        #expect(duration > 10, "a whole song lasts longer than \(duration) s")
        // The server has the same job, done.
        let job = try #require(player.components(separatedBy: "/api/v1/renders/").dropFirst().first?.split(separator: "/").first)
        let status = try #require(try await server.get("/api/v1/renders/\(job)").json() as? [String: Any])
        #expect(status["status"] as? String == "done")
    }
}
