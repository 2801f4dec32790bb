import Foundation
import SongTesting
import Testing

/// A draft encoded as Ogg Vorbis on both cores (two encoders spliced into one stream) is one ordinary stream to a
/// real player: headless Chromium reads its length from it and plays it to the end.
@Suite(.serialized) struct OggInChromiumSlowTests {
    @Test func chromiumPlaysASplicedOggDraftToItsEnd() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-ogg-chromium-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ogg = dir.appendingPathComponent("draft.ogg")
        // The Tide Comes In at twice its speed: about 45 seconds, long enough to be encoded in two halves.
        let render = try await CommandRunner.songbridge(["render", Fixtures.songs.appendingPathComponent("the-tide-comes-in.cho").path, "--tempo-scale", "2", "--audio", ogg.path])
        #expect(render.status == 0, "\(render.stderr)")
        let seconds = try #require(render.stdout.split(separator: " ").firstIndex(of: "s").map { Double(render.stdout.split(separator: " ")[$0 - 1]) } ?? nil)
        #expect(seconds > 25)
        let page = dir.appendingPathComponent("play.html")
        try """
        <!doctype html><audio id="a" src="draft.ogg" muted></audio><script>
        const a = document.getElementById('a'); window.log = {};
        a.addEventListener('loadedmetadata', () => { log.duration = a.duration; a.playbackRate = 16; a.play().catch(e => { log.error = String(e); }); });
        a.addEventListener('ended', () => { log.ended = a.currentTime; });
        a.addEventListener('error', () => { log.error = 'media error ' + a.error.code; });
        </script>
        """.write(to: page, atomically: true, encoding: .utf8)
        let browser = try Chromium(arguments: ["--autoplay-policy=no-user-gesture-required", "--allow-file-access-from-files"])
        defer { browser.shutDown() }
        try await browser.open(page)
        _ = try await browser.waitFor("window.log.ended !== undefined || window.log.error !== undefined")
        let error = try await browser.evaluate("window.log.error || ''") as? String
        #expect(error == "")
        let duration = try #require(try await browser.evaluate("window.log.duration") as? Double)
        let ended = try #require(try await browser.evaluate("window.log.ended") as? Double)
        #expect(abs(duration - seconds) < 0.2, "Chromium reads \(duration) s; the render made \(seconds) s")
        #expect(abs(ended - duration) < 0.2, "it stopped at \(ended) s of \(duration)")
    }
}
