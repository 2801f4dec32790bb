import Foundation
import SongArchive
import SongCore
import SongTesting
import Testing
@testable import SongServer

/// POST /api/v1/search/tune on a live server over a real archive file: a hummed take finds its song, a withdrawn
/// person's tune is found by nobody, too few notes and broken uploads are refused before any work.
@Suite struct TuneSearchRouteTests {
    /// The Tide Comes In, verse bars 1–4 (G major, 100 a minute), hummed a tone lower with a little vibrato.
    static let hummed: [(midi: Int, quarters: Double)] = [
        (60, 1), (65, 1), (65, 1), (67, 1), (69, 0.5), (67, 0.5), (65, 1), (65, 2),
        (69, 1), (69, 1), (70, 1), (69, 1), (67, 0.5), (65, 0.5), (67, 1), (60, 2),
    ]

    @Test func aHummedPhraseFindsItsSongAndAWithdrawnTuneIsFoundByNobody() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        var take = SungTake(notes: Self.hummed.map { ($0.midi, $0.quarters * 0.6) })
        take.vibratoCents = 20
        let reply = try await server.request("POST", "/api/v1/search/tune", headers: ["Content-Type": "audio/wav"], body: take.wav())
        #expect(reply.status == 200, "\(String(decoding: reply.body, as: UTF8.self))")
        let found = try #require(try reply.json() as? [String: Any])
        let hits = try #require(found["hits"] as? [[String: Any]])
        #expect(hits.first?["title"] as? String == "The Tide Comes In", "\(hits.map { $0["title"] ?? "" })")
        #expect((hits.first?["section"] as? String)?.hasPrefix("Verse") == true && hits.first?["firstBar"] as? Int == 1)
        #expect(found["close"] as? Bool == false && (found["queryNotes"] as? Int ?? 0) >= Self.hummed.count - 2, "\(found["queryNotes"] ?? "")")

        // Hush, the Harbour Sleeps: found by its tune, until the one who gave it withdraws.
        let phrase = #"{"abc": "K:F\nA2 A2 G2 F2 | G2 A2 F4 | d2 d2 c2 A2 |"}"#
        let before = try await server.request("POST", "/api/v1/search/tune", json: phrase)
        #expect(String(decoding: before.body, as: UTF8.self).contains("Hush, the Harbour Sleeps"))
        let withdrawn = try await server.request("PATCH", "/api/v1/contributors/c-ab14", json: #"{"consent": "withdrawn"}"#)
        #expect(withdrawn.status == 200)
        let after = try await server.request("POST", "/api/v1/search/tune", json: phrase)
        #expect(after.status == 200 && !String(decoding: after.body, as: UTF8.self).contains("Hush, the Harbour Sleeps"))
        // Nor on any song page's tunes like this.
        for song in try TourArchive(path: server.archivePath).list() {
            let page = try await server.get("/songs/\(song.id)")
            #expect(page.status == 200)
            #expect(song.title == "Hush, the Harbour Sleeps" || !String(decoding: page.body, as: UTF8.self).contains("Hush, the Harbour Sleeps"))
        }
    }

    @Test func tooFewNotesAndBrokenUploadsAreRefusedWithAReason() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let short = try await server.request("POST", "/api/v1/search/tune", json: #"{"abc": "GAB z4 c"}"#)
        #expect(short.status == 422 && String(decoding: short.body, as: UTF8.self).contains("at least 6 notes"))
        let rests = try await server.request("POST", "/api/v1/search/tune", json: #"{"abc": "z4 z4 | z8 |"}"#)
        #expect(rests.status == 422)
        let both = try await server.request("POST", "/api/v1/search/tune", json: #"{"abc": "GABcdef", "notes": [{"pitch": 60, "start": 0, "length": 1}]}"#)
        #expect(both.status == 400)
        let broken = try await server.request("POST", "/api/v1/search/tune", json: #"{"abc": "GA[[Bc"}"#)
        #expect(broken.status == 400 && String(decoding: broken.body, as: UTF8.self).contains("abc:1:"))
        let midi = try await server.request("POST", "/api/v1/search/tune", headers: ["Content-Type": "audio/midi"], body: Data("MThd\0\0\0\u{6}\0\0".utf8))
        #expect(midi.status == 422)
        let noise = try await server.request("POST", "/api/v1/search/tune", headers: ["Content-Type": "audio/wav"], body: Data(repeating: 7, count: 100))
        #expect(noise.status == 422)
        let form = try await server.request("POST", "/api/v1/search/tune", headers: ["Content-Type": "text/plain"], body: Data("GABcdef".utf8))
        #expect(form.status == 415)
        let huge = try await server.request("POST", "/api/v1/search/tune", headers: ["Content-Type": "audio/wav", "Content-Length": "\(SongLimits.takeBytes + 1)"], body: Data())
        #expect(huge.status == 413 || huge.status == 400)
    }

    @Test func searchesBeyondTheCapWaitTheirTurn() {
        let slots = BusySlots(most: 2)
        #expect(slots.enter() && slots.enter())
        #expect(!slots.enter())
        slots.leave()
        #expect(slots.enter())
    }
}
