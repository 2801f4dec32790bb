import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SongArchive
import SongTesting
import Testing

/// The central server's PostgreSQL goes down under a live `songbridge serve --archive postgres://…`, as a crash or
/// a power cut would take it (immediate shutdown), and comes back. The PostgreSQL server is the test's own
/// (`PostgresCluster`), so stopping it disturbs no other test.
@Suite struct PostgresOutageSlowTests {
    static let token = "outage-test-token-0123456789abcdef"

    /// One request's answer: status, Retry-After and body.
    struct Answer {
        var status: Int
        var retryAfter: String?
        var body: String
    }

    static func ask(_ method: String, _ path: String, at base: URL, json: String? = nil) async throws -> Answer {
        var request = URLRequest(url: try #require(URL(string: path, relativeTo: base)))
        request.httpMethod = method
        request.timeoutInterval = 30
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return Answer(status: http.statusCode, retryAfter: http.value(forHTTPHeaderField: "Retry-After"), body: String(decoding: data, as: UTF8.self))
    }

    /// While PostgreSQL is down, every read and write is answered 503 with Retry-After and a JSON reason that says
    /// the archive cannot be reached, never 500 and never a hang; the reason names neither the database, its user
    /// nor its socket folder, and is not postgres-nio's empty placeholder. A write refused then is not half made.
    /// When PostgreSQL is back, the same server answers again by itself (no restart), and takes writes; so does a
    /// server started while PostgreSQL was down.
    @Test func aServerWhosePostgreSQLGoesDownAnswers503AndRecoversByItself() async throws {
        let gate = await RealTimeGate.shared.heavy()
        defer { gate.leave() }
        let cluster = try await PostgresCluster()
        defer { cluster.remove() }
        let server = try await ServeProcess(archiveURL: cluster.url, arguments: ["--token", Self.token])
        defer { server.stop() }
        let person = #"{"generation":"older-adult","consent":"first-name","name":"Morfudd"}"#
        let up = try await Self.ask("GET", "api/v1/songs/1", at: server.base)
        #expect(up.status == 200, "\(up.status) \(up.body)")
        let people = try TourArchive.open(cluster.url, source: "test").contributors().count

        try await cluster.stop()
        // A song never asked for (no kept answer), a page, a search, the stop list (a kept answer) and a write.
        let asked: [(String, String, String?)] = [
            ("GET", "api/v1/songs/2", nil), ("GET", "songs/3", nil), ("GET", "api/v1/songs?q=harbour", nil), ("GET", "api/v1/stops", nil),
            ("POST", "api/v1/contributors", person),
        ]
        for (method, path, json) in asked {
            let answer = try await Self.ask(method, path, at: server.base, json: json)
            #expect(answer.status == 503, "\(method) \(path): \(answer.status) \(answer.body)")
            #expect(answer.retryAfter == "5", "\(method) \(path)")
            let reason = try #require(((try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any])?["error"] as? [String: Any])["message"] as? String
            let said = try #require(reason, "\(answer.body)")
            #expect(said.contains("cannot be reached") || said.contains("does not answer"), "\(said)")
            for hidden in [cluster.folder.path, "archive@", "postgres://", "PSQLError", "Generic description"] {
                #expect(!said.contains(hidden), "\(method) \(path) told the client \(hidden): \(said)")
            }
        }

        // A server started meanwhile starts anyway, without the token check it cannot make yet (beyond loopback),
        // and answers 503 in the same way until it can open the archive.
        let late = try await ServeProcess(archiveURL: cluster.url, arguments: ["--host", "0.0.0.0"], demoSongs: false)
        defer { late.stop() }
        let waiting = try await Self.ask("GET", "api/v1/songs/1", at: late.base)
        #expect(waiting.status == 503 && waiting.retryAfter == "5", "\(waiting.status) \(waiting.body)")
        #expect(waiting.body.contains("cannot be reached") && !waiting.body.contains(cluster.folder.path), "\(waiting.body)")

        try await cluster.start()
        // Back by itself: the next requests connect again (a kept connection the restart ended is found dead and dropped).
        var back = try await Self.ask("GET", "api/v1/songs/2", at: server.base)
        for _ in 0..<20 where back.status != 200 {
            try await Task.sleep(for: .milliseconds(250))
            back = try await Self.ask("GET", "api/v1/songs/2", at: server.base)
        }
        #expect(back.status == 200, "\(back.status) \(back.body)")
        #expect(try await Self.ask("GET", "songs/3", at: server.base).status == 200)
        // The server started while PostgreSQL was down has opened the archive by itself (it tries every 2 s).
        var late200 = try await Self.ask("GET", "api/v1/songs/1", at: late.base)
        for _ in 0..<40 where late200.status != 200 {
            try await Task.sleep(for: .milliseconds(250))
            late200 = try await Self.ask("GET", "api/v1/songs/1", at: late.base)
        }
        #expect(late200.status == 200 && late200.body == up.body, "\(late200.status) \(late200.body)")
        let made = try await Self.ask("POST", "api/v1/contributors", at: server.base, json: person)
        #expect(made.status == 201, "\(made.status) \(made.body)")
        // The write refused while the server was down left nothing behind: one person more, the one made now.
        let after = try TourArchive.open(cluster.url, source: "test").contributors().count
        #expect(after == people + 1, "\(people) people before, \(after) after")
    }
}
