import Foundation
import GRDB
import SongArchive
import SongCore
import SongTesting
import SongText
import Testing
@testable import SongServer

/// A take sent to a real server on loopback: transcribed, kept as personal data, made into a contribution after a
/// facilitator's nudge, and erased when its singer withdraws. Every refusal is a 4xx with a reason, and keeps nothing.
@Suite(.serialized) struct TakeRouteTests {
    /// A tune in G, sung cleanly at 120 quarters a minute.
    static let tune: [(midi: Int, seconds: Double)] = [(67, 0.5), (69, 0.5), (71, 0.5), (72, 0.5), (74, 1.0), (71, 0.5), (69, 0.5), (67, 1.0)]

    func post(_ server: LiveServer, _ song: Int64, query: String, type: String, body: Data) async throws -> LiveServer.Reply {
        try await server.request("POST", "/api/v1/songs/\(song)/takes?\(query)", headers: ["Content-Type": type], body: body)
    }

    func message(_ reply: LiveServer.Reply) -> String {
        ((try? reply.json() as? [String: Any])?["error"] as? [String: Any])?["message"] as? String ?? reply.text
    }

    @Test func aSungTakeBecomesANudgedTuneAndItsVoiceGoesOnWithdrawal() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let song = try ServerTests.id(of: "Cân y Cwm", in: server.archivePath)
        let reply = try await post(server, song, query: "by=c-gj41&section=Chorus&tempo=120&meter=4/4&key=G", type: "audio/wav", body: SungTake(notes: Self.tune).wav())
        #expect(reply.status == 201, "\(reply.text)")
        let heard = try #require(try reply.json() as? [String: Any])
        let take = try #require(heard["take"] as? String)
        let notes = try #require(heard["notes"] as? [[String: Any]])
        #expect(notes.compactMap { $0["pitch"] as? Int } == Self.tune.map(\.midi))
        // Placed at 120: each half-second note is a quarter, starting where the tune puts it.
        #expect(notes.compactMap { $0["start"] as? Double } == [0, 1, 2, 3, 4, 6, 7, 8])
        #expect(notes.allSatisfy { (($0["confidence"] as? Double) ?? -1) > 0.5 })
        #expect((heard["abc"] as? String)?.contains("K:G") == true)

        // The facilitator nudges the last note up a step, and saves it as the chorus tune, from the take.
        var edited = notes.map { ["pitch": $0["pitch"]!, "start": $0["start"]!, "length": $0["length"]!] }
        edited[edited.count - 1]["pitch"] = 69
        let tuneJSON = try JSONSerialization.data(withJSONObject: ["tempo": 120, "meter": "4/4", "key": "G", "upbeat": 0, "notes": edited])
        let body = #"{"by": ["c-gj41"], "kind": "melody", "section": "Chorus", "take": "\#(take)", "tune": \#(String(decoding: tuneJSON, as: UTF8.self))}"#
        let made = try await server.request("POST", "/api/v1/songs/\(song)/contributions", json: body)
        #expect(made.status == 201, "\(made.text)")
        let contribution = try #require((try made.json() as? [String: Any])?["id"] as? Int)
        let row = try await Self.contribution(contribution, in: server.archivePath)
        #expect(row.take == take)
        let melody = try #require(try ABCReader.read(row.payload).value.tunes.first?.melody)
        #expect(melody.notes.compactMap { $0.pitches.first?.midiNumber } == Self.tune.dropLast().map(\.midi) + [69])

        // Withdrawal erases the voice; the tune made from it stays in the log.
        let withdrawn = try await server.request("PATCH", "/api/v1/contributors/c-gj41", json: #"{"consent": "withdrawn"}"#)
        #expect(withdrawn.status == 200)
        let archive = try TourArchive(path: server.archivePath)
        #expect(try archive.takes(song: song).isEmpty)
        let after = try await Self.contribution(contribution, in: server.archivePath)
        #expect(after.take == nil && after.payload == row.payload)
    }

    @Test func whatIsNotASungTakeIsRefusedAndNothingIsKept() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let song = try ServerTests.id(of: "Cân y Cwm", in: server.archivePath)
        let sung = SungTake(notes: Self.tune).wav()
        let cases: [(String, String, Data, Int)] = [
            ("by=c-gj41", "text/plain", Data("la la la".utf8), 415),
            ("by=c-gj41", "application/json", Data("{}".utf8), 415),
            ("by=c-gj41", "audio/wav", Data(), 422),
            ("by=c-gj41", "audio/wav", Data("RIFF this is not a wave file at all".utf8), 422),
            ("by=c-gj41", "audio/wav", sung.prefix(30), 422),
            ("by=c-gj41", "audio/wav", SungTake(notes: []).wav(), 422),   // silence
            ("section=Chorus", "audio/wav", sung, 400),
            ("by=c-gj41&tempo=9000", "audio/wav", sung, 400),
            ("by=c-gj41&meter=x", "audio/wav", sung, 400),
            ("by=c-nobody", "audio/wav", sung, 404),
            ("by=c-gj41", "audio/wav", Data(count: SongLimits.takeBytes + 1), 413),
        ]
        for (query, type, body, status) in cases {
            let reply = try await post(server, song, query: query, type: type, body: body)
            #expect(reply.status == status, "\(query) \(type) \(body.count) bytes: \(reply.status) \(reply.text)")
            #expect(!message(reply).isEmpty)
        }
        #expect(try await post(server, 9_999, query: "by=c-gj41", type: "audio/wav", body: sung).status == 404)
        #expect(try TourArchive(path: server.archivePath).takes(song: song).isEmpty)
        // A take in another sample rate is resampled, not refused.
        var other = SungTake(notes: Self.tune)
        other.sampleRate = 22_050
        let resampled = try await post(server, song, query: "by=c-gj41&tempo=120", type: "audio/x-wav", body: other.wav())
        #expect(resampled.status == 201, "\(resampled.text)")
        #expect(((try resampled.json() as? [String: Any])?["notes"] as? [[String: Any]])?.compactMap { $0["pitch"] as? Int } == Self.tune.map(\.midi))

        // The people page counts each person's recordings and offers to erase them; erasing on request keeps consent.
        let people = try await server.get("/people").text
        #expect(people.contains(#"data-takes="1">1 <button type="button" class="erase-takes">Erase Gwilym Jones"#))
        let erased = try await server.request("POST", "/api/v1/contributors/c-gj41/erase-takes", json: "{}")
        let count = (try erased.json() as? [String: Any])?["erased"] as? Int
        #expect(erased.status == 200 && count == 1, "\(erased.text)")
        #expect(try TourArchive(path: server.archivePath).takes(song: song).isEmpty)
        #expect(try TourArchive(path: server.archivePath).contributor("c-gj41").consent == .fullName)
        let after = try await server.get("/people").text
        #expect(!after.contains(#"data-takes="1""#) && !after.contains("erase-takes"))
        #expect(try await server.request("POST", "/api/v1/contributors/c-nobody/erase-takes", json: "{}").status == 404)
    }

    static func contribution(_ id: Int, in path: String) async throws -> (payload: String, take: String?) {
        try await DatabaseQueue(path: path).read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT payload, takeId FROM contribution WHERE id = ?", arguments: [id]))
            return (row["payload"], row["takeId"])
        }
    }
}
