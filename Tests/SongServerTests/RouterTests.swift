import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import SongArchive
import SongTesting
import Testing
@testable import SongServer

/// The router in process, with no network: each request goes straight to the responder the server runs, with a
/// context on an embedded channel. Quick enough to go through every route and every refusal in a table.
@Suite struct RouterTests {
    struct Routed {
        let responder: any HTTPResponder<BasicRequestContext>
        let folder: URL

        init(host: String = "127.0.0.1") async throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("router-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("archive.sqlite").path
            try ServerTests.demoArchive(path)
            let settings = ServerSettings(archivePath: path, host: host, port: 0)
            let router = try await SongServer.buildRouter(archive: try Archive(path: path, source: "router test"), settings: settings)
            responder = router.buildResponder()
        }

        /// Status, content type and body of one request.
        func call(_ method: HTTPRequest.Method, _ path: String, json: String? = nil) async throws -> (Int, String, String) {
            var head = HTTPRequest(method: method, scheme: "http", authority: "127.0.0.1", path: path)
            if json != nil { head.headerFields[.contentType] = "application/json" }
            let request = Request(head: head, body: RequestBody(buffer: ByteBuffer(string: json ?? "")))
            let context = BasicRequestContext(source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: Logger(label: "router-test")))
            let response: Response
            do { response = try await responder.respond(to: request, context: context) } catch let error as any HTTPResponseError {
                response = try error.response(from: request, context: context)
            }
            let writer = Collector()
            _ = try await response.body.write(writer)
            return (response.status.code, response.headers[.contentType] ?? "", String(buffer: await writer.take()))
        }
    }

    /// Gathers a response body.
    final class Collector: ResponseBodyWriter, @unchecked Sendable {
        private var buffer = ByteBuffer()
        func write(_ buffer: ByteBuffer) async throws { self.buffer.writeImmutableBuffer(buffer) }
        func finish(_ trailingHeaders: HTTPFields?) async throws {}
        func take() async -> ByteBuffer { buffer }
    }

    @Test func everyRouteAnswersAndEveryRefusalIsA4xxWithAReason() async throws {
        let routed = try await Routed()
        defer { try? FileManager.default.removeItem(at: routed.folder) }
        let cases: [(HTTPRequest.Method, String, String?, Int)] = [
            (.get, "/api/v1/stops", nil, 200),
            (.get, "/api/v1/sessions", nil, 200),
            (.get, "/api/v1/contributors", nil, 200),
            (.get, "/api/v1/songs?limit=2&offset=1", nil, 200),
            (.get, "/api/v1/songs/1", nil, 200),
            (.get, "/api/v1/songs/1/versions", nil, 200),
            (.get, "/api/v1/songs/1/chordpro", nil, 200),
            (.get, "/api/v1/songs/1/abc", nil, 200),
            (.get, "/api/v1/songs/1/midi?karaoke=true", nil, 200),
            (.get, "/api/v1/lyrics/syllables?text=harbour", nil, 200),
            (.get, "/api/v1/lyrics/rhymes?word=sea", nil, 200),
            (.get, "/api/v1/openapi.json", nil, 200),
            (.post, "/api/v1/contributors", #"{"generation":"child"}"#, 201),
            (.post, "/api/v1/contributors", nil, 201),     // every field is optional, so is the body
            (.post, "/api/v1/sessions", #"{"stop":"machynlleth-2026-09"}"#, 201),
            (.get, "/", nil, 200),
            (.get, "/songs/1", nil, 200),
            (.get, "/songs/1/print?words=only", nil, 200),
            (.get, "/songs/1/capture", nil, 200),
            (.get, "/facilitator", nil, 200),
            (.get, "/search?q=cwm", nil, 200),
            (.get, "/songs?nation=wales&year=", nil, 200),
            (.get, "/songs?nation=atlantis", nil, 400),
            // Refusals, each a 4xx with a JSON reason.
            (.get, "/api/v1/songs/0", nil, 400),
            (.get, "/api/v1/songs/77", nil, 404),
            (.get, "/api/v1/songs?limit=201", nil, 400),
            (.get, "/api/v1/songs?year=26", nil, 400),
            (.get, "/api/v1/songs?generation=toddler", nil, 400),
            (.get, "/api/v1/lyrics/rhymes?word=sea&syllables=0", nil, 400),
            (.get, "/api/v1/renders/nothing", nil, 404),
            (.post, "/api/v1/songs/1/renders", #"{"format":"mp3"}"#, 400),
            (.post, "/api/v1/songs/1/renders", #"{"tempoScale":9}"#, 400),
            (.post, "/api/v1/songs/1/renders", #"{"key":"H#"}"#, 400),
            (.post, "/api/v1/songs/1/contributions", "[]", 400),
            (.post, "/api/v1/sessions", #"{"stop":"machynlleth-2026-09","date":"yesterday"}"#, 400),
            (.post, "/api/v1/facilitator", #"{"token":"nope"}"#, 401),
            (.delete, "/api/v1/stops", nil, 405),
            // Lengths count code points, as JSON Schema does: 150 thumbs with a skin tone are 300.
            (.post, "/api/v1/contributors", #"{"name":"\#(String(repeating: "👍🏻", count: 150))"}"#, 400),
            (.post, "/api/v1/songs/1/contributions", #"{"by":["c-gj41"],"kind":"idea","payload":"\#(String(repeating: "la ", count: 100_000))"}"#, 413),
        ]
        for (method, path, body, status) in cases {
            let (code, type, text) = try await routed.call(method, path, json: body)
            #expect(code == status, "\(method) \(path): \(code) \(text.prefix(200))")
            if code >= 400 {
                #expect(type.hasPrefix("application/json"), "\(method) \(path): \(type)")
                let reason = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                #expect((reason?["error"] as? [String: Any])?["message"] is String, "\(method) \(path): \(text)")
            }
        }
    }

    @Test func beyondLoopbackTheCapturePageAndWritesNeedAToken() async throws {
        let routed = try await Routed(host: "0.0.0.0")
        defer { try? FileManager.default.removeItem(at: routed.folder) }
        #expect(try await routed.call(.get, "/songs/1/capture").0 == 401)
        #expect(try await routed.call(.post, "/api/v1/contributors", json: "{}").0 == 401)
        #expect(try await routed.call(.get, "/songs/1").0 == 200)
        #expect(try await routed.call(.get, "/api/v1/contributors").0 == 200)
    }
}
