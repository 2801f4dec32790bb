import Foundation
import SongText
import SongCore
import MusicXMLFiles
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import OpenAPIKit
import SongArchive
import SongTesting
import Testing
@testable import SongServer

/// The router in process, with no network: each request goes straight to the responder the server runs, with a
/// context on an embedded channel. Quick enough to go through every route and every refusal in a table.
@Suite struct RouterTests {
    /// What a route that takes a file is sent: a score for one that takes MusicXML, else a tune sung cleanly.
    static func upload(for route: APIRoute) -> Data {
        if route.uploads.contains(MXLPackage.mediaType) {
            var melody = Melody(key: Key(NoteName(.g)), meter: .fourFour)
            melody.elements = [.note(Note(pitches: [Pitch(NoteName(.g), octave: 4)], duration: .half, lyrics: [.syllable("Sing", continuesWord: false)])), .bar(.final)]
            return Data(MusicXMLWriter.write(Song(blocks: [.section(Section(kind: .chorus, label: "Chorus", melody: melody))])).utf8)
        }
        return SungTake(notes: [(67, 0.5), (71, 0.5), (74, 1)]).wav()
    }

    struct Routed {
        let responder: any HTTPResponder<SongRequestContext>
        let folder: URL

        init(host: String = "127.0.0.1", token: String? = nil) async throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("router-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("archive.sqlite").path
            try ServerTests.demoArchive(path)
            let settings = ServerSettings(archivePath: path, host: host, port: 0, token: token)
            responder = try await SongServer.buildResponder(archive: try TourArchive(path: path, source: "router test"), settings: settings)
        }

        /// Status, content type and body of one request.
        func call(_ method: HTTPRequest.Method, _ path: String, json: String? = nil) async throws -> (Int, String, String) {
            let (status, type, text, _) = try await request(method, path, json: json)
            return (status, type, text)
        }

        /// The same, with the Host (authority) and headers given as they are; no content type unless given.
        func request(_ method: HTTPRequest.Method, _ path: String, json: String? = nil, authority: String = "127.0.0.1",
                     headers: [HTTPField.Name: String]? = nil, bytes: Data? = nil) async throws -> (Int, String, String, HTTPFields) {
            var head = HTTPRequest(method: method, scheme: "http", authority: authority, path: path)
            if let headers {
                for (name, value) in headers { head.headerFields[name] = value }
                let request = Request(head: head, body: RequestBody(buffer: bytes.map { ByteBuffer(bytes: $0) } ?? ByteBuffer(string: json ?? "")))
                return try await respond(request)
            }
            // A JSON client: every change is sent as JSON, with or without a body (the CSRF rule refuses changes
            // of no type; RouterTests' access test checks that refusal).
            if json != nil || method != .get { head.headerFields[.contentType] = "application/json" }
            return try await respond(Request(head: head, body: RequestBody(buffer: ByteBuffer(string: json ?? ""))))
        }

        func respond(_ request: Request) async throws -> (Int, String, String, HTTPFields) {
            let context = SongRequestContext(source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: Logger(label: "router-test")))
            let response: Response
            do { response = try await responder.respond(to: request, context: context) } catch let error as any HTTPResponseError {
                response = try error.response(from: request, context: context)
            }
            let writer = Collector()
            _ = try await response.body.write(writer)
            return (response.status.code, response.headers[.contentType] ?? "", String(buffer: await writer.take()), response.headers)
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
            (.get, "/api/v1/songs/1/latest", nil, 200),
            (.get, "/api/v1/export?nation=wales", nil, 200),
            (.get, "/people", nil, 200),
            (.patch, "/api/v1/contributors/c-gj41", #"{"consent":"initials","guardian":false}"#, 200),
            (.patch, "/api/v1/contributors/nobody", #"{"consent":"initials"}"#, 404),
            (.patch, "/api/v1/contributors/c-gj41", #"{"consent":"maybe"}"#, 400),
            (.patch, "/api/v1/contributors/c-gj41", #"{"guardian":true}"#, 400),
            (.get, "/api/v1/export?year=26", nil, 400),
            (.get, "/api/v1/songs/77/latest", nil, 404),
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
            // Bodies are checked against the schemas the document shows (schemathesis found two it did not check).
            (.post, "/api/v1/sessions", #"{"stop":"machynlleth-2026-09","notes":"\#(String(repeating: "n", count: 10_001))"}"#, 400),
            (.post, "/api/v1/songs/1/contributions", #"{"by":["c-gj41"],"kind":"lyrics","payload":"la","section":"\#(String(repeating: "s", count: 201))"}"#, 400),
            (.post, "/api/v1/songs/1/contributions", #"{"by":[],"kind":"lyrics","payload":"la"}"#, 400),
            (.post, "/api/v1/songs/1/contributions", #"{"by":["c-gj41"],"kind":"lyrics","payload":"la","line":0}"#, 400),
            (.post, "/api/v1/songs/1/contributions", #"{"by":["c-gj41"],"kind":"lyrics","payload":"   "}"#, 400),
            (.post, "/api/v1/songs/1/contributions", #"{"by":["c-gj41"],"kind":"lyrics"}"#, 400),
            (.post, "/api/v1/songs/1/contributions", #"{"by":["c-gj41"],"kind":"lyrics","payload":"la","session":null,"line":null}"#, 201),
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
        #expect(try await routed.call(.get, "/people").0 == 401)
        #expect(try await routed.call(.patch, "/api/v1/contributors/c-gj41", json: #"{"consent":"withdrawn"}"#).0 == 401)
        #expect(try await routed.call(.post, "/api/v1/contributors", json: "{}").0 == 401)
        #expect(try await routed.call(.get, "/songs/1").0 == 200)
        #expect(try await routed.call(.get, "/api/v1/contributors").0 == 200)
    }

    /// The document's examples are what a newcomer tries first, so each must work on the demo archive: every route
    /// whose path it can name is called with its example id, every example query value and its example body (the
    /// writes first, in the table's order, so there is a session to list and a captured line to merge), and answers
    /// 2xx; a list finds something; the render finishes.
    @Test func everyExampleInTheDocumentWorksOnTheDemoArchive() async throws {
        let token = "router-test-token-0123456789abcdef"
        let routed = try await Routed(token: token)
        defer { try? FileManager.default.removeItem(at: routed.folder) }
        var tried = 0
        let routes = APIRoute.all.filter(\.writes) + APIRoute.all.filter { !$0.writes }
        for route in routes where route.method != .post || route.path != "api/v1/facilitator" {
            // Every body has an example (but a token's: none works until one is made).
            #expect(route.body == nil || route.example != nil, "\(route.openAPIPath) has no example body")
            if route.path.contains(":id") && route.exampleID == nil { continue }
            let path = "/" + route.path.replacingOccurrences(of: ":id", with: route.exampleID ?? "")
            let query = route.query.compactMap { p in
                p.example.map { "\(p.name)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" }
            }.joined(separator: "&")
            let method = HTTPRequest.Method(rawValue: route.method.rawValue.uppercased())!
            let target = query.isEmpty ? path : path + "?" + query
            // A route that takes only a recording is sent one: a tune sung cleanly (one that takes JSON too, its example).
            // A sync route needs the token even on loopback; it is sent (the refusal without it is tested on its own).
            let (code, _, text) = route.access == .sync
                ? try await { let r = try await routed.request(method, target, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], bytes: route.example.map { Data($0.utf8) }); return (r.0, r.1, r.2) }()
                : route.uploads.isEmpty || route.body != nil ? try await routed.call(method, target, json: route.example)
                : try await { let r = try await routed.request(method, target, headers: [.contentType: route.uploads[0]], bytes: Self.upload(for: route)); return (r.0, r.1, r.2) }()
            tried += 1
            #expect((200..<300).contains(code), "\(route.method) \(path)?\(query): \(code) \(text.prefix(300))")
            if route.method == .get, text.hasPrefix("[") {
                #expect(text != "[]", "\(route.method) \(path)?\(query) finds nothing")
            }
            if route.path == "api/v1/songs/:id/renders" {
                let render = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                let id = try #require(render["id"] as? String)
                var status = render["status"] as? String ?? ""
                for _ in 0..<600 where status != "done" && status != "failed" {
                    try await Task.sleep(for: .milliseconds(100))
                    let (_, _, now) = try await routed.call(.get, "/api/v1/renders/\(id)")
                    status = (try JSONSerialization.jsonObject(with: Data(now.utf8)) as? [String: Any])?["status"] as? String ?? ""
                }
                #expect(status == "done", "the example render: \(status)")
            }
        }
        #expect(tried >= 15)
        // And the document shows them.
        let (_, _, document) = try await routed.call(.get, "/api/v1/openapi.json")
        #expect(document.contains("a'r afon fach yn canu'n iach"))
        #expect(document.contains(#""example" : "machynlleth-2026-09""#))
    }

    /// A song from a Welsh stop is often in both languages: lines that read as Welsh are marked so, for a screen
    /// reader to say them in Welsh; English lines are left to the page's English.
    @Test func welshLinesAreMarkedAsWelsh() async throws {
        let routed = try await Routed()
        defer { try? FileManager.default.removeItem(at: routed.folder) }
        for path in ["/songs/1", "/songs/1/print"] {
            let (code, _, html) = try await routed.call(.get, path)
            #expect(code == 200)
            #expect(html.contains(#"<h1 lang="cy">Cân y Cwm</h1>"#), "\(path)")
            let lines = html.components(separatedBy: "<p class=\"line\"").dropFirst().map { String($0.prefix(400)) }
            let haul = try #require(lines.first { $0.contains("haul yn codi") })
            let valley = try #require(lines.first { $0.contains("sing it in the") })
            #expect(haul.contains(#"lang="cy""#), "\(path): \(haul)")
            #expect(!valley.contains("lang="), "\(path): \(valley)")
        }
    }
}

/// The OpenAPI document, built as OpenAPIKit values, passes OpenAPIKit's own validation (paths, operations,
/// unique operation ids, references that resolve), and reads back as the same document.
@Suite struct OpenAPIDocumentTests {
    @Test func theDocumentIsValidAndReadsBack() throws {
        let warnings = try OpenAPIDocument.document.validate()
        #expect(warnings.isEmpty, "\(warnings)")
        let decoded = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(OpenAPIDocument.json.utf8))
        #expect(decoded.paths.count == Set(APIRoute.all.map(\.openAPIPath)).count)
        #expect(decoded.openAPIVersion == .v3_1_1)
    }
}
