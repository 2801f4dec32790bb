import Foundation
import GRDB
import HTTPTypes
import Hummingbird
@testable import SongArchive
import SongTesting
import Testing
@testable import SongServer

/// Attacks on who may see and change what, tried on purpose: a path written another way, another site's Host or
/// page, a guessed token, a sign-in link that leaves the site. Each test failed on the main branch before this one.
@Suite struct AccessHardeningTests {
    /// Private names in the demo archive: a child without a guardian's consent, and a withdrawn man.
    static let privateNames = ["Kai Lin", "Tomos Price", "Harold Ashworth"]

    /// A request for every route, with an id the demo archive has and a body that route takes.
    static func plainRequests() -> [(method: HTTPRequest.Method, path: String, body: String?, access: RouteAccess)] {
        func filled(_ path: String) -> String {
            "/" + path.replacingOccurrences(of: "contributors/:id", with: "contributors/c-gj41").replacingOccurrences(of: "renders/:id", with: "renders/none")
                .replacingOccurrences(of: ":id", with: "1")
        }
        var requests = APIRoute.all.map { route -> (HTTPRequest.Method, String, String?, RouteAccess) in
            let method = HTTPRequest.Method(rawValue: route.method.rawValue.uppercased())!
            // A render that is refused (no render starts), and a wrong token (no sign-in).
            let body = route.path.hasSuffix("/renders") ? #"{"format":"mp3"}"# : route.path == "api/v1/facilitator" ? #"{"token":"nope"}"# : route.example
            return (method, filled(route.path), method == .get ? nil : body ?? "{}", route.access)
        }
        requests += PageRoute.all.map { (.get, filled($0.path), nil, $0.access) }
        return requests
    }

    /// The ways a router may be asked for `path` that mean the same route.
    static func variants(of path: String) -> [String] {
        let segments = path.split(separator: "/").map(String.init)
        guard let first = segments.first else { return ["//", "/./", "/a/../", "/%2E/"] }
        let rest = segments.dropFirst().joined(separator: "/")
        let tail = rest.isEmpty ? "" : "/" + rest
        let encodedFirst = String(format: "%%%02X", first.utf8.first!) + first.dropFirst()
        let shouted = "/" + segments.map { $0 == "1" || $0 == "c-gj41" || $0 == "none" ? $0 : $0.uppercased() }.joined(separator: "/")
        return [
            path + "/", "/" + path, path.replacingOccurrences(of: "/", with: "//"), shouted, "/" + encodedFirst + tail,
            "/." + path, "/x/.." + path, "/%2E" + path, "/%2e%2E/" + first + tail,
        ]
    }

    @Test func everyRouteAnswersEveryWayOfWritingItsPathAsItsPlainPathAndPrivateOnesNeedAToken() async throws {
        // Given a server beyond loopback and no token
        let routed = try await RouterTests.Routed(host: "0.0.0.0")
        defer { try? FileManager.default.removeItem(at: routed.folder) }
        var tried = 0
        for (method, path, body, access) in Self.plainRequests() {
            // Sent as its route takes it: JSON, or a recording.
            let upload = APIRoute.all.first { $0.method.rawValue == method.rawValue.lowercased() && $0.matches(path: Substring(path)) }?.uploads.first
            let headers: [HTTPField.Name: String] = [.contentType: upload ?? "application/json", .accept: "text/html,application/json"]
            // When the plain path is asked
            let (plain, _, plainText, _) = try await routed.request(method, path, json: body, headers: headers)
            // Then a private page or a change needs the token, and says nothing private
            if access.needsToken { #expect(plain == 401, "\(method) \(path): \(plain)") }
            for name in Self.privateNames { #expect(!plainText.contains(name), "\(method) \(path) shows \(name)") }
            // And every other way of writing it answers the same
            for variant in Self.variants(of: path) {
                let (status, _, text, _) = try await routed.request(method, variant, json: body, headers: headers)
                tried += 1
                #expect(status == plain, "\(method) \(variant) answers \(status) where \(path) answers \(plain)")
                for name in Self.privateNames { #expect(!text.contains(name), "\(method) \(variant) shows \(name)") }
            }
        }
        #expect(tried > 200)
    }

    @Test func pathsAreMatchedInOneCanonicalForm() {
        typealias Canonical = RequestPath
        #expect(Canonical.canonical("//people/") == "/people")
        #expect(Canonical.canonical("/songs/5/capture/") == "/songs/5/capture")
        #expect(Canonical.canonical("/a/../people") == "/people")
        #expect(Canonical.canonical("/../../people") == "/people")
        #expect(Canonical.canonical("/peop%6Ce") == "/people")
        #expect(Canonical.canonical("/%2e%2E/people") == "/people")
        // An escaped slash stays inside its segment (it is data, not a separator).
        #expect(Canonical.canonical("/api/v1/contributors/a%2Fb") == "/api/v1/contributors/a%2Fb")
    }

    @Test func onLoopbackOnlyLoopbackHostNamesAreAnswered() async throws {
        // Given a loopback server, where no token is asked
        let routed = try await RouterTests.Routed()
        defer { try? FileManager.default.removeItem(at: routed.folder) }
        // When a page on another site, its name pointed at 127.0.0.1 (DNS rebinding), asks for the people page
        for host in ["evil.example", "evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example:8080", "[::2]:8080"] {
            let (status, type, text, _) = try await routed.request(.get, "/people", authority: host, headers: [:])
            // Then it is refused with a JSON reason, naming no one
            #expect(status == 421, "Host \(host): \(status)")
            #expect(type.hasPrefix("application/json"))
            for name in Self.privateNames { #expect(!text.contains(name)) }
            let (changed, _, _, _) = try await routed.request(.patch, "/api/v1/contributors/c-gj41", json: #"{"consent":"withdrawn"}"#, authority: host,
                                                               headers: [.contentType: "application/json"])
            #expect(changed == 421, "Host \(host): \(changed)")
        }
        for host in ["127.0.0.1", "127.0.0.1:8080", "localhost:8080", "[::1]:8080", "LOCALHOST"] {
            let (status, _, _, _) = try await routed.request(.get, "/people", authority: host, headers: [:])
            #expect(status == 200, "Host \(host): \(status)")
        }
        #expect(try TourArchive(path: routed.folder.appendingPathComponent("archive.sqlite").path).contributor("c-gj41").consent == .fullName)
    }

    @Test func changesAnotherSitesPageCouldSendWithoutAskingAreRefused() async throws {
        let routed = try await RouterTests.Routed()
        defer { try? FileManager.default.removeItem(at: routed.folder) }
        let line = #"{"by":["c-gj41"],"kind":"lyrics","payload":"a line from nowhere","section":"Chorus"}"#
        // A form, plain text, multipart or no type at all, with no Origin: what a cross-site form or beacon sends
        for type in [nil, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] as [String?] {
            var headers: [HTTPField.Name: String] = [:]
            if let type { headers[.contentType] = type }
            let (status, _, text, _) = try await routed.request(.post, "/api/v1/songs/1/contributions", json: line, headers: headers)
            #expect(status == 415, "\(type ?? "no type"): \(status) \(text)")
            let (merge, _, _, _) = try await routed.request(.post, "/api/v1/songs/1/merge", headers: headers)
            #expect(merge == 415, "merge with \(type ?? "no type"): \(merge)")
        }
        // Another site's page, even sending JSON
        let (foreign, _, _, _) = try await routed.request(.post, "/api/v1/songs/1/merge", json: "{}",
                                                          headers: [.contentType: "application/json", .origin: "http://evil.example"])
        #expect(foreign == 403)
        let (null, _, _, _) = try await routed.request(.post, "/api/v1/songs/1/merge", headers: [.origin: "null"])
        #expect(null == 403)
        // This server's own page, or a script with a token in a header, may send a change with no body
        let (own, _, _, _) = try await routed.request(.post, "/api/v1/songs/1/merge", headers: [.origin: "http://127.0.0.1"])
        #expect(own == 200)
        let (script, _, _, _) = try await routed.request(.post, "/api/v1/songs/1/merge", headers: [.authorization: "Bearer something"])
        #expect(script == 200)
        let contributions = try await DatabaseQueue(path: routed.folder.appendingPathComponent("archive.sqlite").path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contribution WHERE payload LIKE '%from nowhere%'")
        }
        #expect(contributions == 0)
    }

    @Test func wrongTokensFromOneAddressAreThrottled() async throws {
        let routed = try await RouterTests.Routed(host: "0.0.0.0")
        defer { try? FileManager.default.removeItem(at: routed.folder) }
        for n in 1...SignInThrottle.limit {
            let (status, _, _, _) = try await routed.request(.post, "/api/v1/facilitator", json: #"{"token":"guess-\#(n)"}"#, headers: [.contentType: "application/json"])
            #expect(status == 401)
        }
        let (status, _, text, headers) = try await routed.request(.post, "/api/v1/facilitator", json: #"{"token":"guess-11"}"#, headers: [.contentType: "application/json"])
        #expect(status == 429, "\(text)")
        #expect(Int(headers[.retryAfter] ?? "") ?? 0 > 0)
        // The window passes: the address may try again.
        let throttle = SignInThrottle()
        for _ in 0..<SignInThrottle.limit { throttle.failed("10.0.0.9", now: 1_000) }
        #expect(throttle.wait(for: "10.0.0.9", now: 1_001) != nil)
        #expect(throttle.wait(for: "10.0.0.8", now: 1_001) == nil)
        #expect(throttle.wait(for: "10.0.0.9", now: 1_000 + SignInThrottle.window + 1) == nil)
    }

    @Test func handGivenTokensMustBeLongAndAreComparedInConstantTime() throws {
        #expect(ServerSettings.problem(withToken: "x") != nil)
        #expect(ServerSettings.problem(withToken: "tea-and-biscuits") != nil)
        #expect(ServerSettings.problem(withToken: "tea and biscuits at eleven") != nil)
        #expect(ServerSettings.problem(withToken: "tea-and-biscuits-at-eleven") == nil)
        #expect(AccessMiddleware.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!AccessMiddleware.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        #expect(!AccessMiddleware.constantTimeEqual(Array("abc".utf8), Array("abcd".utf8)))
        #expect(!AccessMiddleware.constantTimeEqual([], Array("a".utf8)))
    }

    @Test func theSignInPageFollowsOnlyAPathOnThisServer() async throws {
        for next in ["/%09/evil.example", "/\t/evil.example", "//evil.example", "/\\evil.example", "%2F%2Fevil.example", "/%2F/evil.example",
                     "https://evil.example", "/%0a/evil.example", "/%5Cevil.example", "javascript:alert(1)"] {
            #expect(Pages.localPath(next) == "/", "\(next) → \(Pages.localPath(next))")
        }
        #expect(Pages.localPath("/songs/3/capture") == "/songs/3/capture")
        #expect(Pages.localPath("/songs/./3/capture/") == "/songs/3/capture")
        #expect(Pages.localPath("/songs?nation=wales") == "/songs?nation=wales")
        // And the page carries only the safe path
        let routed = try await RouterTests.Routed()
        defer { try? FileManager.default.removeItem(at: routed.folder) }
        let (_, _, page) = try await routed.call(.get, "/facilitator?next=/%09/evil.example")
        #expect(page.contains(#"data-next="/""#))
        #expect(!page.contains("evil"))
    }

    /// The same attack over a real socket, as the report made it: the raw request line goes out as written (Python's
    /// http.client sends `//people` and `/people/` untouched, where URLSession would tidy them).
    @Test func overARealSocketNoVariantOfAPrivatePathAnswersWithoutAToken() async throws {
        let server = try await LiveServer(host: "127.0.0.2", token: "tea-and-biscuits-at-eleven", prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let paths = ["/people", "/people/", "//people", "/./people", "/x/../people", "/PEOPLE", "/peop%6Ce", "/songs/1/capture", "/songs/1/capture/",
                     "//songs//1//capture", "/songs/1/./capture", "/SONGS/1/CAPTURE"]
        let script = """
            import http.client, json, sys
            out = []
            for path in sys.argv[2:]:
                c = http.client.HTTPConnection("127.0.0.2", int(sys.argv[1]), timeout=30)
                c.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
                c.putheader("Host", "127.0.0.2:" + sys.argv[1])
                c.putheader("Accept", "text/html")
                c.endheaders()
                r = c.getresponse()
                out.append({"path": path, "status": r.status, "body": r.read().decode("utf-8", "replace")})
                c.close()
            print(json.dumps(out))
            """
        let result = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, String(server.base.port ?? 0)] + paths, in: server.folder)
        #expect(result.status == 0, "\(result.stderr)")
        let answers = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(answers.count == paths.count)
        for answer in answers {
            let path = answer["path"] as? String ?? "", body = answer["body"] as? String ?? ""
            #expect(answer["status"] as? Int == 401, "\(path): \(answer["status"] ?? "")")
            for name in Self.privateNames { #expect(!body.contains(name), "\(path) shows \(name)") }
        }
    }
}
