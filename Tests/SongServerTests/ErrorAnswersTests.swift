import Foundation
import SongTesting
import Testing
@testable import SongServer

/// Refusals say why, to a script as JSON and to a browser as a page: a path nothing serves, a song that is not
/// there, an id that is not one.
@Suite struct ErrorAnswersTests {
    @Test func aPathNothingServesSaysSoInJSON() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        for path in ["/nothing", "/api/v1/nothing", "/api/v1/songs/1/versions/1/extra", "/public/nothing.js"] {
            let reply = try await server.get(path)
            #expect(reply.status == 404, "\(path)")
            #expect(reply.contentType.hasPrefix("application/json"), "\(path): \(reply.contentType)")
            let message = try #require((try reply.json() as? [String: [String: String]])?["error"]?["message"], "\(path): \(reply.text)")
            #expect(message.contains(path), "\(path): \(message)")
        }
    }

    @Test func aSongThatIsNotThereIsNotCalledUnmerged() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        for path in ["/api/v1/songs/999", "/songs/999"] {
            let reply = try await server.get(path)
            #expect(reply.status == 404)
            #expect(reply.text.contains("no song 999"), "\(path): \(reply.text)")
            #expect(!reply.text.contains("merge it first"), "\(path): \(reply.text)")
        }
        // Pages and the API read an id by one rule: a positive number, or a 400 that repeats what was given.
        for given in ["-1", "0", "abc", "99999999999999999999"] {
            for path in ["/api/v1/songs/\(given)", "/songs/\(given)", "/songs/\(given)/print"] {
                let reply = try await server.get(path)
                #expect(reply.status == 400, "\(path): \(reply.status)")
                #expect(reply.text.contains("'\(given)' is not an id"), "\(path): \(reply.text)")
            }
        }
    }

    @Test func aBrowserIsShownAPageWithTheReasonEscaped() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let browser = ["Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"]
        let missing = try await server.request("GET", "/songs/999", headers: browser)
        #expect(missing.status == 404)
        #expect(missing.contentType.hasPrefix("text/html"))
        #expect(missing.text.contains("<h1>Not found</h1>") && missing.text.contains("no song 999") && missing.text.contains(#"<a href="/">"#))
        // What the path says is text on the page, never markup.
        // (URLSession escapes < and > in a path itself; & and ' go out as written.)
        let hostile = try await server.request("GET", "/songs/a&b'c", headers: browser)
        #expect(hostile.status == 400 && hostile.contentType.hasPrefix("text/html"), "\(hostile.status)")
        #expect(!hostile.text.contains("a&b'c") && hostile.text.contains("a&amp;b&apos;c"), "\(hostile.text)")
        // The API and a script's fetch (which asks */*) keep the JSON.
        let api = try await server.request("GET", "/api/v1/songs/999", headers: browser)
        #expect(api.status == 404 && api.contentType.hasPrefix("application/json"))
        let script = try await server.request("GET", "/songs/999", headers: ["Accept": "*/*"])
        #expect(script.status == 404 && script.contentType.hasPrefix("application/json"))
    }

    @Test func anUnservedPathIsRepeatedShortAndWithoutControlCharacters() {
        #expect(ErrorAnswers.shown("/a\u{7}b\u{1B}[31mc") == "/ab[31mc")
        let long = "/" + String(repeating: "x", count: 5_000)
        #expect(ErrorAnswers.shown(long).count == ErrorAnswers.pathShown + 1)
    }
}
