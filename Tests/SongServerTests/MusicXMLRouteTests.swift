import Foundation
import MusicXMLFiles
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
        let checked = try await CommandRunner.run(URL(fileURLWithPath: xmllint), ["--nonet", "--noout", "--schema", schema.path, file.path], in: server.folder)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(xml.contains("<text>Hush</text>") && xml.contains("<creator type=\"composer\">Aoife Byrne</creator>"))
        // Verse lines 1–2 are Eileen's alone (c-ek11): withdrawn, her words leave the score; the tune stays.
        #expect(try await server.request("PATCH", "/api/v1/contributors/c-ek11", json: #"{"consent": "withdrawn"}"#).status == 200)
        let after = String(decoding: try await server.get("/api/v1/songs/\(id)/musicxml").body, as: UTF8.self)
        #expect(!after.contains("<text>Hush</text>") && after.contains("<pitch>"), "\(after.prefix(2000))")
    }

    /// The compressed download reads back as the plain one; a musician's score sent back comes in as a melody
    /// contribution; a hostile or broken one is a 422 naming what is wrong, and nothing is added.
    @Test func scoresGoOutCompressedAndComeBackAsContributions() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let id = try ServerTests.id(of: "The Tide Comes In", in: server.archivePath)
        let plain = try await server.get("/api/v1/songs/\(id)/musicxml")
        let packed = try await server.get("/api/v1/songs/\(id)/musicxml?format=mxl")
        #expect(packed.status == 200 && packed.contentType == "application/vnd.recordare.musicxml" && packed.body.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let fromPlain = try MusicXMLReader.read(plain.body, name: "plain").melody, fromPacked = try MusicXMLReader.read(packed.body, name: "packed").melody
        #expect(fromPlain.notes == fromPacked.notes && fromPlain.notes.count > 20)

        // Sent back as a musician would, compressed, for another song's chorus.
        let other = try ServerTests.id(of: "Cân y Cwm", in: server.archivePath)
        let sent = try await server.request("POST", "/api/v1/songs/\(other)/musicxml?by=c-gj41&section=Chorus",
                                            headers: ["Content-Type": "application/vnd.recordare.musicxml"], body: packed.body)
        #expect(sent.status == 201, "\(sent.text)")
        let made = try #require(try sent.json() as? [String: Any])
        #expect(made["notes"] as? Int == fromPlain.notes.count)
        let abc = try #require(made["abc"] as? String)
        #expect(abc.contains("K:G") && abc.contains("w:We walked the prom"))
        let contributionID = try #require(made["id"] as? Int)
        #expect(try await server.request("PATCH", "/api/v1/contributions/\(contributionID)", json: #"{"status":"accepted"}"#).status == 200)

        // Hostile and wrong: refused with a reason, nothing added.
        let xxe = #"<?xml version="1.0"?><!DOCTYPE score-partwise [<!ENTITY x SYSTEM "file:///etc/passwd">]><score-partwise version="4.0"><part id="P1"><measure><note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration><lyric><text>&x;</text></lyric></note></measure></part></score-partwise>"#
        for (body, type, status, says) in [(Data(xxe.utf8), "application/vnd.recordare.musicxml+xml", 422, "entities"),
                                           (Data("PK\u{3}\u{4}broken".utf8), "application/vnd.recordare.musicxml", 422, "does not open"),
                                           (Data("<score-timewise/>".utf8), "application/xml", 422, "timewise"),
                                           (Data("hello".utf8), "text/plain", 415, "send the file as one of")] {
            let reply = try await server.request("POST", "/api/v1/songs/\(other)/musicxml?by=c-gj41", headers: ["Content-Type": type], body: body)
            #expect(reply.status == status, "\(type): \(reply.status) \(reply.text)")
            #expect(reply.text.contains(says) && !reply.text.contains("root:"), "\(reply.text)")
        }
        // Nothing was added: the next contribution takes the next id.
        let next = try await server.request("POST", "/api/v1/songs/\(other)/musicxml?by=c-gj41", headers: ["Content-Type": "application/vnd.recordare.musicxml+xml"], body: plain.body)
        #expect((try next.json() as? [String: Any])?["id"] as? Int == contributionID + 1)
    }
}
