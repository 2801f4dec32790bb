import Foundation
import SongArchive
import Songbook
import SongCore
import SongTesting
import Testing
@testable import SongServer

/// Notation on a live server: each shown section's tune drawn on the song page and the large-print sheet, one
/// section's drawing from the API in another key, and a withdrawal taking a person's words out of the drawings
/// even while the earlier drawings are kept.
@Suite struct NotationRouteTests {
    /// The drawings in a page, in order.
    static func figures(_ html: String) -> [String] {
        html.components(separatedBy: "<figure class=\"notation\"").dropFirst().map { $0.components(separatedBy: "</figure>")[0] }
    }

    @Test func theSongPageDrawsEachTuneAndAWithdrawnPersonsWordsLeaveTheDrawing() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let id = try ServerTests.id(of: "Hush, the Harbour Sleeps", in: server.archivePath)
        let page = String(decoding: try await server.get("/songs/\(id)").body, as: UTF8.self)
        let figures = Self.figures(page)
        let archive = try TourArchive(path: server.archivePath)
        let song = try archive.publicSong(try archive.song(id))
        // Every shown section that is sung has a drawing: its own tune, or the tune it is sung to.
        let sung = SongSheet.sung(song)
        #expect(figures.count == SongSheet.shownSections(of: sung).filter { $0.melody != nil }.count)
        #expect(figures.count >= 2)
        #expect(figures.allSatisfy { $0.contains("<svg") && $0.contains(#"role="img""#) && $0.contains("aria-label=\"The tune of ") })
        #expect(figures[0].contains(">Hush</text>"), "\(figures[0].prefix(400))")
        // Glyph ids differ from drawing to drawing, so one page holds them all.
        #expect(figures[0].contains(#"id="n0-hd""#) && figures[1].contains(#"id="n1-"#))

        // Verse lines 1–2 are Eileen's alone (c-ek11): withdrawn, her words leave the drawing; the notes stay.
        #expect(try await server.request("PATCH", "/api/v1/contributors/c-ek11", json: #"{"consent": "withdrawn"}"#).status == 200)
        let after = Self.figures(String(decoding: try await server.get("/songs/\(id)").body, as: UTF8.self))
        #expect(!after.isEmpty && !after.joined().contains(">Hush</text>") && after[0].contains("-hd\""))
        let sheet = String(decoding: try await server.get("/songs/\(id)/print").body, as: UTF8.self)
        #expect(!Self.figures(sheet).isEmpty && !sheet.contains(">Hush</text>"))
        let alone = try await server.get("/api/v1/songs/\(id)/notation?section=0")
        #expect(!String(decoding: alone.body, as: UTF8.self).contains(">Hush</text>"))
    }

    @Test func oneSectionsDrawingComesInTheKeyAskedForAndCanRunNothing() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let id = try ServerTests.id(of: "Hush, the Harbour Sleeps", in: server.archivePath)
        let written = try await server.get("/api/v1/songs/\(id)/notation?section=0")
        #expect(written.status == 200)
        #expect(written.headers["Content-Type"]?.hasPrefix("image/svg+xml") == true)
        #expect(written.headers["Content-Security-Policy"]?.contains("default-src 'none'") == true)
        let inF = String(decoding: written.body, as: UTF8.self)
        // Hush is in F: its B♭ chords become C in G.
        #expect(inF.hasPrefix("<svg") && inF.contains(">B♭</text>"))
        let moved = try await server.get("/api/v1/songs/\(id)/notation?section=0&key=G")
        let inG = String(decoding: moved.body, as: UTF8.self)
        #expect(moved.status == 200 && !inG.contains(">B♭</text>") && inG.contains(">C</text>"))
        #expect(try await server.get("/api/v1/songs/\(id)/notation?section=0&size=large-print").status == 200)
        // The large-print sheet moves too: its chords and its notation in G.
        let sheet = try await server.get("/songs/\(id)/print?key=G").text
        #expect(sheet.contains("In G") && !sheet.contains(">B♭</text>") && !sheet.contains(">Bb<") && sheet.contains("<figure class=\"notation\">"))
        #expect(try await server.get("/songs/\(id)/print?key=H").status == 400)
        let fitted = try await server.get("/api/v1/songs/\(id)/notation?section=0&fit=child")
        #expect(fitted.status == 200)

        // Bad asks: a clear 4xx with a JSON reason.
        for (path, status) in [("section=0&key=H", 400), ("section=400", 404), ("section=999", 400), ("section=-1", 400), ("key=G", 400), ("section=0&fit=dragons", 400)] {
            let reply = try await server.get("/api/v1/songs/\(id)/notation?\(path)")
            #expect(reply.status == status, "\(path): \(reply.status)")
            #expect((try? reply.json() as? [String: Any])?["error"] != nil, "\(path)")
        }
        #expect(try await server.get("/api/v1/songs/99999/notation?section=0").status == 404)
    }
}
