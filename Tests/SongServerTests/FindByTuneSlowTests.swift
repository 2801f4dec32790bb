import Foundation
import SongArchive
import SongTesting
import Testing
@testable import SongServer

/// The find-by-tune page in a real browser (headless Chromium) against a live server: a phrase typed in ABC finds
/// its song with the matched bars lit (one hummed is below, with the other microphone tests); and a song page draws
/// its family tree.
@Suite(.serialized) struct FindByTuneSlowTests {
    static let page = "document.querySelector('.find-tune')"

    @Test func aTypedPhraseFindsItsSongWithTheBarsLit() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let browser = try Chromium()
        defer { browser.shutDown() }
        try await browser.open("/search/tune", on: server)
        // The Tide Comes In, verse bars 3–4, typed in A.
        _ = try await browser.evaluate("(f => { f.elements.abc.value = 'K:A\\nc2 c2 d2 c2 | BA B2 E4 |'; f.querySelector('button').click(); return true })(\(Self.page).querySelector('form.by-abc'))")
        let count = try await browser.waitFor("\(Self.page).querySelectorAll('.tune-hits .hit').length || (\(Self.page).querySelector('.find-status').textContent.startsWith('Looking') ? 0 : \(Self.page).querySelector('.find-status').textContent)")
        #expect((count as? Int ?? 0) >= 1, "\(count)")
        #expect(try await browser.evaluate("\(Self.page).querySelector('.tune-hits .hit .title').textContent") as? String == "The Tide Comes In")
        let lit = try await browser.evaluate("[...\(Self.page).querySelectorAll('.tune-hits .hit')[0].querySelectorAll('.bar.lit')].map(b => b.textContent).join(',')") as? String
        #expect(lit == "3,4", "\(lit ?? "")")
        #expect(try await browser.evaluate("\(Self.page).querySelector('.tune-hits .hit a').getAttribute('href')") as? String != nil)
        // Too few notes: the reason, and no hits.
        _ = try await browser.evaluate("(f => { f.elements.abc.value = 'GAB'; f.querySelector('button').click(); return true })(\(Self.page).querySelector('form.by-abc'))")
        let said = try await browser.waitFor("\(Self.page).querySelector('.find-status').textContent.includes('at least 6') ? \(Self.page).querySelector('.find-status').textContent : ''")
        #expect((said as? String)?.contains("at least 6 notes") == true)
        #expect(try await browser.evaluate("\(Self.page).querySelectorAll('.tune-hits .hit').length") as? Int == 0)
    }

    @Test func aSongPageDrawsItsFamilyTreeWithAnAccessibleName() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let browser = try Chromium()
        defer { browser.shutDown() }
        let id = try ServerTests.id(of: "The Tide Comes In", in: server.archivePath)
        try await browser.open("/songs/\(id)", on: server)
        let tree = "document.querySelector('.family svg.family-tree')"
        #expect(try await browser.evaluate("\(tree).getAttribute('role')") as? String == "img")
        #expect(try await browser.evaluate("document.getElementById(\(tree).getAttribute('aria-labelledby').split(' ')[0]).textContent.length > 0") as? Bool == true)
        #expect(try await browser.evaluate("\(tree).querySelectorAll('g.version').length") as? Int == 1)
        // Drawn, not empty: the browser laid it out.
        #expect(try await browser.evaluate("\(tree).getBoundingClientRect().height > 50") as? Bool == true)
    }
}

/// A phrase hummed into Chromium's fake microphone on the find page finds its song. With the capture page's
/// microphone test, in its serialized suite: two browsers recording in real time at once made each other drop
/// samples (an extra note heard).
extension CaptureByEarSlowTests {
    @Test func aHummedPhraseFindsItsSong() async throws {
        let gate = await RealTimeGate.shared.listening()
        defer { gate.leave() }
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        var hummed = SungTake(notes: TuneSearchRouteTests.hummed.map { ($0.midi, $0.quarters * 0.6) })
        hummed.vibratoCents = 20
        let file = server.folder.appendingPathComponent("hummed.wav")
        try hummed.wav().write(to: file)
        let browser = try Chromium(arguments: ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                                               "--use-file-for-fake-audio-capture=\(file.path)%noloop"])
        defer { browser.shutDown() }
        try await browser.open("/search/tune", on: server)
        _ = try await browser.evaluate("\(FindByTuneSlowTests.page).querySelector('.sing').click(); true")
        _ = try await browser.waitFor("\(FindByTuneSlowTests.page).querySelector('.sing').getAttribute('aria-pressed') === 'true' || \(FindByTuneSlowTests.page).querySelector('.find-status').textContent.startsWith('No tune')")
        try await Task.sleep(for: .seconds(hummed.samples.count / Int(hummed.sampleRate) + 1))
        _ = try await browser.evaluate("\(FindByTuneSlowTests.page).querySelector('.sing').click(); true")
        let first = try await browser.waitFor("\(FindByTuneSlowTests.page).querySelector('.tune-hits .hit .title')?.textContent || (\(FindByTuneSlowTests.page).querySelector('.find-status').textContent.startsWith('Looking') ? '' : \(FindByTuneSlowTests.page).querySelector('.find-status').textContent)")
        #expect(first as? String == "The Tide Comes In")
    }
}
