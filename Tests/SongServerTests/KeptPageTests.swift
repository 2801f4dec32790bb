import Foundation
import Notation
import SongArchive
import SongCore
import SongText
import Testing
@testable import SongServer

/// Song pages kept whole on disk (`KeptParts`, without their drawings): another server finds them there, without
/// parsing or rendering, and shows exactly the page it would have made; once anything the page is made from
/// changes (a withdrawal above all), it is made afresh.
@Suite struct KeptPageTests {
    /// A copy of `server`'s archive and kept parts (with their write-ahead logs) at `path`: a second server on
    /// the same archive, starting with nothing in memory.
    static func copy(of server: LiveServer, to path: String) throws {
        for file in [server.archivePath, server.archivePath + ".kept"] {
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: file + suffix) {
                let target = (file == server.archivePath ? path : path + ".kept") + suffix
                try FileManager.default.copyItem(atPath: file + suffix, toPath: target)
            }
        }
    }

    /// The key the page of song `id` is kept under now.
    static func key(of id: Int64, archivePath: String) async throws -> Data {
        let archive = try TourArchive(path: archivePath)
        let kept = try KeptParts(path: archivePath + ".kept")
        let (number, sha256) = try #require(try archive.newestVersionMark(id))
        let people = try #require(kept.people(ofText: sha256))
        return try await Pages.load().keptPageKey(id, number: number, sha256: sha256, people: people, archive: archive)
    }

    @Test func aKeptPageIsThePageMadeAfreshAndIsShownFromTheDisk() async throws {
        let first = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { first.stop() }
        let ids = try TourArchive(path: first.archivePath).list().map(\.id)
        var made: [Int64: Data] = [:]
        for id in ids {
            let reply = try await first.get("/songs/\(id)")
            #expect(reply.status == 200)
            made[id] = reply.body
        }
        // (Notation is a figure of its own; every page has an SVG besides, its versions' family tree.)
        func notation(_ html: String) -> Bool { html.contains("\"notation\" data-index=\"0\"><svg") }
        #expect(made.values.contains { notation(String(decoding: $0, as: UTF8.self)) }, "no page has notation, so the drawings' places prove nothing")
        // Every page is kept, without its drawings (a mark where each goes).
        let kept = try KeptParts(path: first.archivePath + ".kept")
        for id in ids {
            let page = try #require(kept.page(try await Self.key(of: id, archivePath: first.archivePath)), "song \(id)")
            #expect(!notation(page.skeleton))
            #expect(page.skeleton.contains(SongWordsHTML.mark(0)) == notation(String(decoding: made[id] ?? Data(), as: UTF8.self)))
        }
        // One kept page is doctored, so it shows whether it came from the disk.
        let doctored = try #require(ids.first)
        let key = try await Self.key(of: doctored, archivePath: first.archivePath)
        var page = try #require(kept.page(key))
        page.skeleton = page.skeleton.replacingOccurrences(of: "</main>", with: "<p>kept on disk</p></main>")
        #expect(page.skeleton.contains("kept on disk"))
        kept.keep(page: page, under: key)

        // A second server on the same archive and kept parts, with nothing in memory: every page as the first made
        // it, and the doctored one as doctored.
        let second = try await LiveServer { path in try Self.copy(of: first, to: path) }
        defer { second.stop() }
        for id in ids {
            let reply = try await second.get("/songs/\(id)")
            #expect(reply.status == 200)
            if id == doctored {
                #expect(reply.text.contains("kept on disk"))
                #expect(reply.text.replacingOccurrences(of: "<p>kept on disk</p>", with: "") == String(decoding: made[id] ?? Data(), as: UTF8.self))
            } else {
                #expect(reply.body == made[id], "song \(id)")
            }
        }
    }

    /// With the page kept and no server holding anything in memory, a withdrawal made elsewhere (the command line)
    /// still reaches the page: it is looked up under what the projection reads of the people, which changed.
    @Test func aWithdrawalReachesAPageKeptOnDisk() async throws {
        let first = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { first.stop() }
        let cwm = try ServerTests.id(of: "Cân y Cwm", in: first.archivePath)
        let before = try await first.get("/songs/\(cwm)").text
        #expect(before.contains("bryn"))
        let second = try await LiveServer { path in
            try Self.copy(of: first, to: path)
            try TourArchive(path: path).setConsent("c-gj41", .withdrawn)
        }
        defer { second.stop() }
        let after = try await second.get("/songs/\(cwm)").text
        #expect(!after.contains("bryn") && !after.contains("Gwilym"))
        #expect(after.contains("Cân y Cwm"))
    }

    /// A kept page whose drawings have gone (the oldest go first) is made afresh, notation and all.
    @Test func aKeptPageWhoseDrawingsWentIsMadeAfresh() async throws {
        let first = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { first.stop() }
        let hush = try ServerTests.id(of: "Hush, the Harbour Sleeps", in: first.archivePath)
        let made = try await first.get("/songs/\(hush)").body
        #expect(String(decoding: made, as: UTF8.self).contains("\"notation\" data-index=\"0\"><svg"))
        let second = try await LiveServer { path in
            try Self.copy(of: first, to: path)
            // Keeping one more drawing in a file that keeps one lets every other go.
            try KeptParts(path: path + ".kept", mostDrawings: 1)
                .keep(drawings: [(KeptParts.digest(drawing: "X:1\nK:C\nC", name: "a stray tune"), KeptParts.Drawing(svg: "<svg/>", noteHeads: 1, texts: []))])
            #expect(try KeptParts(path: path + ".kept").counts().drawings == 1)
        }
        defer { second.stop() }
        #expect(try await second.get("/songs/\(hush)").body == made)
    }

    /// The mark where a drawing goes cannot be written by a contributor: their words are escaped, so a line that
    /// reads like a mark stays words and no drawing goes there.
    @Test func wordsThatReadLikeADrawingsMarkStayWords() throws {
        let text = """
            {title: Marks}
            {start_of_verse: Verse 1}
            <!--songbridge drawing 0--> on the [G]shore
            {end_of_verse}
            {start_of_abc: Verse 1}
            X:1
            L:1/4
            K:G
            G A B c|
            {end_of_abc}
            """
        let song = try #require(try ChordProReader.read(text, name: "marks").value.first)
        let json = SongJSON(id: 1, song: song)
        let drawing = Engraving(svg: "<svg>the tune</svg>", noteHeads: 4, texts: [])
        let skeleton = SongWordsHTML.render(json, drawings: [.success(drawing)], placeholders: true)
        #expect(skeleton.contains(SongWordsHTML.mark(0)) && !skeleton.contains("the tune"))
        let page = SongWordsHTML.fill(skeleton, drawings: [drawing.svg])
        #expect(page == SongWordsHTML.render(json, drawings: [.success(drawing)]))
        #expect(page.components(separatedBy: "<svg>the tune</svg>").count == 2)
        #expect(page.contains("&lt;!--songbridge drawing 0--&gt;"))
        // A mark with no drawing, or no such drawing, leaves nothing.
        #expect(SongWordsHTML.fill("a\(SongWordsHTML.mark(3))b", drawings: [drawing.svg]) == "ab")
        #expect(SongWordsHTML.fill("a<!--songbridge drawing x-->b", drawings: [drawing.svg]) == "a<!--songbridge drawing x-->b")
    }
}
