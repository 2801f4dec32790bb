import Foundation
import Notation
import SongArchive
import SongCore
import Songbook
import SongTesting
import Testing
@testable import SongServer

/// A song page's drawings kept on disk (`KeptParts`): another server (here, one with no engraver at all) shows them
/// without drawing, and never shows a drawing of words withdrawn since.
@Suite struct KeptDrawingTests {
    @Test func keptDrawingsAreShownWithoutTheEngraverButNotOnceTheWordsAreWithdrawn() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kept-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("archive.sqlite").path
        try ServerTests.demoArchive(path)
        let archive = try TourArchive(path: path)
        let kept = try KeptParts(path: path + ".kept")
        let id = try ServerTests.id(of: "Hush, the Harbour Sleeps", in: path)
        let (number, sha256, written) = try archive.numberedVersion(id)
        let song = try archive.publicSong(written)
        let page = NotationDrawings.pageKey(song: id, version: number, text: sha256, shown: song)

        let drawn = NotationDrawings.svgs(await NotationDrawings(onDisk: kept).drawings(song, page: page))
        #expect(drawn.compactMap { $0 }.count >= 2 && drawn.compactMap { $0 }.allSatisfy { $0.contains("<svg") })
        #expect(drawn.contains { $0?.contains(">Hush</text>") == true })
        #expect(kept.counts().drawings == Set(drawn.compactMap { $0 }).count)
        // Another server, with no engraver: the same drawings, from the disk.
        let elsewhere = NotationDrawings(engraver: NotationEngraver(program: nil), onDisk: kept)
        #expect(NotationDrawings.svgs(await elsewhere.drawings(song)) == drawn)
        // And by what the page shows, without laying its words on its tunes again.
        #expect(NotationDrawings.svgs(await elsewhere.drawings(song, page: page)) == drawn)
        #expect(kept.drawings(shownOn: page)?.count == drawn.count)
        // Not in another key or at another size: those are drawn when asked.
        #expect(NotationDrawings.svgs(await elsewhere.drawings(song, key: Key("G"))).allSatisfy { $0 == nil })
        #expect(NotationDrawings.svgs(await elsewhere.drawings(song, size: .largePrint)).allSatisfy { $0 == nil })

        // Verse lines 1–2 are Eileen's alone (c-ek11). Withdrawn, the verse's drawing would have other words, which
        // are not kept: it is not shown (this server cannot draw it), and her words are in no drawing shown.
        try archive.setConsent("c-ek11", .withdrawn)
        let after = try archive.publicSong(try archive.song(id))
        let pageAfter = NotationDrawings.pageKey(song: id, version: number, text: sha256, shown: after)
        #expect(pageAfter != page && kept.drawings(shownOn: pageAfter) == nil)
        let shown = NotationDrawings.svgs(await elsewhere.drawings(after, page: pageAfter))
        #expect(shown.count == drawn.count)
        #expect(!shown.contains { $0?.contains(">Hush</text>") == true })
        #expect(shown.contains { $0 == nil } && shown.contains { $0 != nil }, "\(shown.map { $0 == nil })")
        // Drawn afresh, the verse has the words that are left.
        let redrawn = NotationDrawings.svgs(await NotationDrawings(onDisk: kept).drawings(after))
        #expect(redrawn.allSatisfy { $0 != nil } == drawn.allSatisfy { $0 != nil } && !redrawn.contains { $0?.contains(">Hush</text>") == true })
    }

    @Test func aMergeThroughTheServerPreparesItsSongsPageBeforeAnyoneAsks() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let id = try ServerTests.id(of: "The Tide Comes In", in: server.archivePath)
        let kept = try KeptParts(path: server.archivePath + ".kept")
        #expect(kept.likeness(of: id) == nil && kept.counts().drawings == 0)
        let merged = try await server.request("POST", "/api/v1/songs/\(id)/merge", json: "{}")
        #expect(merged.status == 200, "\(String(decoding: merged.body, as: UTF8.self))")
        // In the background, at a low priority: waited for up to a minute (a loaded machine), then looked at.
        for _ in 0..<600 where kept.likeness(of: id) == nil { try await Task.sleep(for: .milliseconds(100)) }
        #expect(kept.likeness(of: id) != nil)
        let song = try TourArchive(path: server.archivePath).publicSong(try TourArchive(path: server.archivePath).song(id))
        let sources = SongSheet.notation(song).compactMap { $0 }
        #expect(!sources.isEmpty)
        #expect(kept.drawings(sources.map { KeptParts.digest(drawing: $0.abc, name: $0.name) }).count == Set(sources).count)
    }
}
