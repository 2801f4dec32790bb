import Foundation
import GRDB
import SongArchive
import Testing
@testable import SongServer

/// TourArchive refusals answered by their kind, in one place (`ArchiveError+HTTP`), never by reading their message.
@Suite struct ErrorKindTests {
    /// Another program holds the archive's write lock: the write is answered 503 with Retry-After and a JSON reason
    /// (it was 400 when refusals were told apart by message), and nothing is changed.
    @Test func aLockedArchiveAnswers503WithRetryAfterAndChangesNothing() async throws {
        let server = try await LiveServer(busyTimeout: 0.2, prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let before = try TourArchive(path: server.archivePath).contributors().count
        var config = Configuration()
        config.allowsUnsafeTransactions = true  // the lock is held across the request, as another program would
        let other = try DatabaseQueue(path: server.archivePath, configuration: config)
        try other.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        let reply = try await server.request("POST", "/api/v1/contributors", json: #"{"generation":"child"}"#)
        try other.inDatabase { db in try db.execute(sql: "ROLLBACK") }
        #expect(reply.status == 503, "\(reply.status) \(reply.text)")
        #expect(reply.headers["Retry-After"] == "5")
        let message = try #require(((try reply.json() as? [String: Any])?["error"] as? [String: Any])?["message"] as? String)
        #expect(message.contains("locked by another program"))
        // Where the archive file is stays on the server: a tablet on the room's network is not told the path.
        #expect(!message.contains(server.archivePath) && !message.contains(server.folder.path), "\(message)")
        #expect(try TourArchive(path: server.archivePath).contributors().count == before)
        // Free again, the same request is taken.
        #expect(try await server.request("POST", "/api/v1/contributors", json: #"{"generation":"child"}"#).status == 201)
    }

    /// Refusals made for real through the API answer by kind: an unknown song 404, chords that do not read 400,
    /// a merge of a song that is not there 404.
    @Test func refusalsAnswerByKind() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let missing = try await server.request("GET", "/api/v1/songs/999")
        #expect(missing.status == 404, "\(missing.text)")
        #expect(try await server.request("POST", "/api/v1/songs/999/merge", json: "{}").status == 404)
        let person = try #require(try await server.request("POST", "/api/v1/contributors", json: #"{"generation":"child"}"#).json() as? [String: Any])
        let id = try #require(person["id"] as? String)
        let empty = #"{"by":["\#(id)"],"kind":"chords","payload":"G Hm7 D"}"#
        let refused = try await server.request("POST", "/api/v1/songs/1/contributions", json: empty)
        #expect(refused.status == 400, "\(refused.status) \(refused.text)")
        #expect(refused.text.contains("the chords do not read"))
    }
}
