import Foundation
import GRDB
import SongTesting
import Testing
@testable import SongServer

/// A body that names a member twice, or nests without end, is refused before any reader sees it; one that is not
/// JSON says so plainly.
@Suite struct JSONBodyTests {
    @Test(arguments: [
        (#"{"by":["a"],"by":["b"]}"#, "by"),
        (#"{"a":{"x":1,"y":2,"x":3}}"#, "x"),
        (#"{"kind":"lyrics","\u006bind":"idea"}"#, "kind"),
        (#"[{"p":1},{"p":2,"q":{"p":3,"p":4}}]"#, "p"),
    ])
    func aMemberNamedTwiceInOneObjectIsFound(_ body: String, _ name: String) {
        #expect(JSONBody.problem(in: Data(body.utf8)) == "the body names \"\(name)\" twice in one object; name each member once")
    }

    @Test(arguments: [
        #"{"by":["a","a"],"kind":"lyrics","payload":"\"kind\": \"by\", {\"by\":1}"}"#,
        #"{"a":{"x":1},"b":{"x":2}}"#, #"[{"p":1},{"p":2}]"#, #"{"s":"a\\","t":"\\\""}"#, "", "[]", #""by""#,
    ])
    func theSameNameInDifferentObjectsOrInsideAStringIsFine(_ body: String) {
        #expect(JSONBody.problem(in: Data(body.utf8)) == nil)
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: JSONBody.deepest + 1) + String(repeating: "]", count: JSONBody.deepest + 1)
        #expect(JSONBody.problem(in: Data(deep.utf8))?.contains("deeper than \(JSONBody.deepest)") == true)
        let fits = String(repeating: "[", count: JSONBody.deepest) + String(repeating: "]", count: JSONBody.deepest)
        #expect(JSONBody.problem(in: Data(fits.utf8)) == nil)
        // Garbage is left to the reader to refuse, without a fault here.
        for junk in ["\"", "{\"a", "}}}]]]", "{\"\\", String(repeating: "\\", count: 99)] { _ = JSONBody.problem(in: Data(junk.utf8)) }
    }

    @Test func overHTTPATwiceNamedContributorIsRefusedAndNothingIsKept() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let tide = try ServerTests.id(of: "The Tide Comes In", in: server.archivePath)
        let contributions = { try DatabaseQueue(path: server.archivePath).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contribution") } }
        let before = try contributions()
        let twice = try await server.request("POST", "/api/v1/songs/\(tide)/contributions",
                                             json: #"{"by":["c-mh01"],"kind":"lyrics","payload":"A line","by":["c-nobody"]}"#)
        #expect(twice.status == 400)
        #expect(twice.text.contains(#"names \"by\" twice"#), "\(twice.text)")
        let notJSON = try await server.request("POST", "/api/v1/songs/\(tide)/contributions", json: #"{"by":["c-mh01"],"#)
        #expect(notJSON.status == 400)
        #expect((try notJSON.json() as? [String: [String: String]])?["error"]?["message"] == "the body is not valid JSON")
        #expect(try contributions() == before)
    }
}
