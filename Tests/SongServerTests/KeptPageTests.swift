import Foundation
import NIOCore
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

    /// A song's JSON is kept on disk too (`KeptParts.answer`): a second server with nothing in memory answers it
    /// from there, as the first made it, and a withdrawal made on the command line reaches it.
    @Test func aSongsJSONIsKeptOnDiskAndAWithdrawalReachesIt() async throws {
        let first = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { first.stop() }
        let ids = try TourArchive(path: first.archivePath).list().map(\.id)
        var made: [Int64: Data] = [:]
        for id in ids {
            let reply = try await first.get("/api/v1/songs/\(id)")
            #expect(reply.status == 200 && reply.headers["Content-Type"] == "application/json; charset=utf-8")
            made[id] = reply.body
        }
        let kept = try KeptParts(path: first.archivePath + ".kept")
        #expect(kept.counts().answers == ids.count)
        // One is doctored, so it shows whether it came from the disk.
        let doctored = try #require(ids.first)
        let archive = try TourArchive(path: first.archivePath)
        let (number, sha256) = try #require(try archive.newestVersionMark(doctored))
        let key = try API.keptKey("song json 1", doctored, number: number, sha256: sha256, people: try #require(kept.people(ofText: sha256)), archive: archive)
        let body = try #require(kept.answer(key))
        #expect(body == made[doctored])
        kept.keep(answer: Data(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\"title\":\"", with: "\"title\":\"Kept: ").utf8), under: key)
        let second = try await LiveServer { path in try Self.copy(of: first, to: path) }
        defer { second.stop() }
        for id in ids {
            let reply = try await second.get("/api/v1/songs/\(id)")
            #expect(reply.status == 200)
            if id == doctored { #expect(reply.text.contains("\"title\":\"Kept: ")) } else { #expect(reply.body == made[id], "song \(id)") }
        }
        // A withdrawal made elsewhere: the JSON is made afresh, without the withdrawn person's lines or name.
        let cwm = try ServerTests.id(of: "Cân y Cwm", in: first.archivePath)
        #expect(String(decoding: made[cwm] ?? Data(), as: UTF8.self).contains("bryn"))
        let third = try await LiveServer { path in
            try Self.copy(of: first, to: path)
            try TourArchive(path: path).setConsent("c-gj41", .withdrawn)
        }
        defer { third.stop() }
        let after = try await third.get("/api/v1/songs/\(cwm)").text
        #expect(!after.contains("bryn") && !after.contains("Gwilym") && after.contains("Cân y Cwm"))
    }

    /// A kept page is filled from bytes, each drawing's ids prefixed by its place on the way: the same page as one
    /// filled with the drawings as a fresh page places them (`Engraving.prefixingIDs`).
    @Test func aPageFilledFromKeptBytesIsThePageFilledFromDrawings() {
        let svgs = ["<svg><defs><path id=\"h\" d=\"M0 0\"/></defs><use href=\"#h\"/><use xlink:href=\"#h\"/></svg>",
                    "<svg id=\"top\"><text>Dŵr &amp; tân</text></svg>"]
        let skeleton = "<main>\(SongWordsHTML.mark(1))<p>Cân</p>\(SongWordsHTML.mark(0))\(SongWordsHTML.mark(2))</main>"
        let placed = svgs.enumerated().map { i, svg in Engraving(svg: svg, noteHeads: 1, texts: []).prefixingIDs("n\(i)-").svg }
        var filled = ByteBuffer()
        SongWordsHTML.fill(kept: Data(skeleton.utf8), drawings: svgs.map { Data($0.utf8) } + [nil], into: &filled)
        let page = String(buffer: filled)
        #expect(page == SongWordsHTML.fill(skeleton, drawings: placed + [nil]))
        #expect(page.contains("id=\"n0-h\"") && page.contains("href=\"#n0-h\"") && page.contains("id=\"n1-top\"") && page.contains("Dŵr"))
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
