import Foundation
import SongTesting
import Testing
@testable import SongServer

/// GET /api/v1/songs/{id}/musicxml on a live server: a valid MusicXML 4.0 score (xmllint, the official schema),
/// made through the consent projection with today's consent.
@Suite struct MusicXMLRouteTests {
    @Test func theScoreIsValidAndAWithdrawnPersonsWordsLeaveIt() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let id = try ServerTests.id(of: "Hush, the Harbour Sleeps", in: server.archivePath)
        let before = try await server.get("/api/v1/songs/\(id)/musicxml")
        #expect(before.status == 200)
        let xml = String(decoding: before.body, as: UTF8.self)
        let schema = Fixtures.root.appendingPathComponent("Tests/Fixtures/musicxml-4.0/musicxml.xsd")
        let file = server.folder.appendingPathComponent("hush.musicxml")
        try before.body.write(to: file)
        let xmllint = try #require(CommandRunner.program("xmllint"))
        let checked = try await CommandRunner.runBeside(URL(fileURLWithPath: xmllint), ["--nonet", "--noout", "--schema", schema.path, file.path], in: server.folder)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(xml.contains("<text>Hush</text>") && xml.contains("<creator type=\"composer\">Aoife Byrne</creator>"))
        // Verse lines 1–2 are Eileen's alone (c-ek11): withdrawn, her words leave the score; the tune stays.
        #expect(try await server.request("PATCH", "/api/v1/contributors/c-ek11", json: #"{"consent": "withdrawn"}"#).status == 200)
        let after = String(decoding: try await server.get("/api/v1/songs/\(id)/musicxml").body, as: UTF8.self)
        #expect(!after.contains("<text>Hush</text>") && after.contains("<pitch>"), "\(after.prefix(2000))")
    }
}
