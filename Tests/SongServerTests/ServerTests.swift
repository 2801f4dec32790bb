import Foundation
import SongArchive
import SongCore
import SongTesting
import SongText
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
import GRDB
#endif
@testable import SongServer

/// The server end to end: a real HTTP server on loopback over a real SQLite archive.
@Suite(.serialized) struct ServerTests {
    /// An archive holding every demo song; returns nothing, the server opens it.
    static func demoArchive(_ path: String) throws {
        let archive = try TourArchive(path: path)
        for url in Fixtures.songFiles {
            try archive.importSong(try #require(try SongFile.read(path: url.path).songs.first))
        }
    }

    static func id(of title: String, in path: String) throws -> Int64 {
        try #require(try TourArchive(path: path).list().first { $0.title == title }?.id)
    }

    @Test func listsAndShowsSongsThroughTheConsentProjection() async throws {
        let server = try await LiveServer(prepare: Self.demoArchive)
        defer { server.stop() }
        let list = try await server.get("/api/v1/songs")
        #expect(list.status == 200)
        #expect(list.contentType.hasPrefix("application/json"))
        let songs = try #require(try list.json() as? [[String: Any]])
        #expect(songs.count == Fixtures.songFiles.count)
        let cwm = try #require(songs.first { $0["title"] as? String == "Cân y Cwm" })
        let id = try #require(cwm["id"] as? Int)

        let song = try await server.get("/api/v1/songs/\(id)")
        #expect(song.status == 200)
        // Credits follow consent: full name, initials, and nothing at all for a child without a guardian's
        // consent or for a withdrawn contributor.
        #expect(song.text.contains("Gwilym Jones"))
        #expect(song.text.contains("S. R."))
        #expect(!song.text.contains("Siân Roberts"))
        #expect(!song.text.contains("Nia"))
        #expect(!song.text.contains("Tomos"))
        let chordpro = try await server.get("/api/v1/songs/\(id)/chordpro")
        #expect(chordpro.status == 200)
        #expect(try ChordProReader.read(chordpro.text).value.first?.metadata.title == "Cân y Cwm")
        #expect(!chordpro.text.contains("Tomos"))

        // MIDI downloads: a Standard MIDI File, words inside, and no withdrawn name among them.
        let midi = try await server.get("/api/v1/songs/\(id)/midi?karaoke=true")
        #expect(midi.status == 200 && midi.contentType == "audio/x-karaoke")
        #expect(midi.body.prefix(4) == Data("MThd".utf8))
        #expect(midi.body.range(of: Data("Tomos".utf8)) == nil && midi.body.range(of: Data("Siân Roberts".utf8)) == nil)
        #expect(midi.headers["Content-Disposition"]?.contains(".kar") == true)
        #expect(try await server.get("/api/v1/songs/\(id)/midi?style=no-such").status == 400)

        // The HTML page shows the same projection.
        let page = try await server.get("/songs/\(id)")
        #expect(page.status == 200)
        #expect(page.contentType.hasPrefix("text/html"))
        #expect(page.text.contains("Cân y Cwm"))
        #expect(page.text.contains("<audio") && page.text.contains("data-song=\"\(id)\""))
        #expect(!page.text.contains("Siân Roberts") && !page.text.contains("Tomos"))

        // The large-print sheet: the same words, chords over them or not, through the same projection.
        let sheet = try await server.get("/songs/\(id)/print")
        #expect(sheet.status == 200 && sheet.text.contains("class=\"chord\"") && sheet.text.contains("/public/print.css"))
        #expect(!sheet.text.contains("Siân Roberts") && !sheet.text.contains("Tomos"))
        let words = try await server.get("/songs/\(id)/print?words=only")
        #expect(words.text.contains("class=\"print words-only\""))
        #expect(try await server.get("/public/print.css").text.contains(".words-only .chord { display: none; }"))
    }

    @Test func filtersAndSearches() async throws {
        let server = try await LiveServer(prepare: Self.demoArchive)
        defer { server.stop() }
        let all = try #require(try await server.get("/api/v1/songs").json() as? [[String: Any]])
        let wales = try #require(try await server.get("/api/v1/songs?nation=wales").json() as? [[String: Any]])
        #expect(!wales.isEmpty && wales.count < all.count)
        let paged = try #require(try await server.get("/api/v1/songs?limit=2&offset=1").json() as? [[String: Any]])
        #expect(paged.count == 2)
        #expect(paged.first?["id"] as? Int == all[1]["id"] as? Int)
        let found = try #require(try await server.get("/api/v1/songs?q=cwm").json() as? [[String: Any]])
        #expect(found.contains { $0["title"] as? String == "Cân y Cwm" })
        // A search asked a page at a time gives the same ranking as asked whole (each page is looked up only as
        // far down the ranking as it goes), and nothing past the ranking's depth.
        let ranked = try #require(try await server.get("/api/v1/songs?q=the").json() as? [[String: Any]]).map { $0["id"] as? Int }
        #expect(ranked.count >= 3)
        var pages: [Int?] = []
        for offset in stride(from: 0, to: ranked.count + 2, by: 2) {
            pages += try #require(try await server.get("/api/v1/songs?q=the&limit=2&offset=\(offset)").json() as? [[String: Any]]).map { $0["id"] as? Int }
        }
        #expect(pages == ranked)
        #expect((try await server.get("/api/v1/songs?q=the&offset=500").json() as? [[String: Any]])?.isEmpty == true)
        // Each stop's count is the number of songs the list gives for that stop.
        let stops = try #require(try await server.get("/api/v1/stops").json() as? [[String: Any]])
        #expect(!stops.isEmpty)
        for stop in stops {
            let stopID = try #require(stop["id"] as? String)
            let listed = try #require(try await server.get("/api/v1/songs?stop=\(stopID)").json() as? [[String: Any]])
            #expect(stop["songs"] as? Int == listed.count, "\(stopID)")
        }
        let searchPage = try await server.get("/search?q=cwm")
        #expect(searchPage.status == 200 && searchPage.text.contains("Cân y Cwm"))
    }

    @Test func badRequestsGetA4xxWithAJSONReason() async throws {
        let server = try await LiveServer(prepare: Self.demoArchive)
        defer { server.stop() }
        let line = #"{"by":["c-gj41"],"kind":"lyrics","payload":"A [C]line"}"#
        let first = try #require((try await server.request("POST", "/api/v1/songs/1/contributions", json: line).json() as? [String: Any])?["id"] as? Int)
        for (method, path, body, status) in [
            ("GET", "/api/v1/songs/999999", nil, 404),
            ("GET", "/api/v1/songs/abc", nil, 400),
            ("GET", "/api/v1/songs/-3/versions", nil, 400),
            ("GET", "/api/v1/lyrics/syllables", nil, 400),
            ("GET", "/api/v1/lyrics/rhymes", nil, 400),
            ("POST", "/api/v1/songs/1/contributions", "{not json", 400),
            ("POST", "/api/v1/songs/1/contributions", #"{"by":["c-gj41"],"kind":"kazoo","payload":"x"}"#, 400),
            ("PATCH", "/api/v1/contributions/424242", #"{"status":"accepted"}"#, 404),
            ("PATCH", "/api/v1/contributions/1", #"{"status":"maybe"}"#, 400),
            ("GET", "/api/v1/songs?limit=lots", nil, 400),
            ("GET", "/api/v1/songs?limit=0", nil, 400),
            ("GET", "/api/v1/songs?nation=atlantis", nil, 400),
            ("GET", "/api/v1/songs/1/midi?style=polka", nil, 400),
            ("DELETE", "/api/v1/songs/1", nil, 405),
            ("PUT", "/api/v1/contributions/1", #"{"status":"accepted"}"#, 405),
            ("GET", "/api/v1/renders/..%2F..%2Fetc%2Fpasswd/audio", nil, 404),
            ("GET", "/api/v1/renders/s1v1-0/audio", nil, 404),
        ] as [(String, String, String?, Int)] {
            let reply = try await server.request(method, path, json: body)
            #expect(reply.status == status, "\(method) \(path): \(reply.status) \(reply.text)")
            #expect(reply.contentType.hasPrefix("application/json"), "\(method) \(path)")
            let reason = try #require(try reply.json() as? [String: Any], "\(method) \(path)")
            #expect(reason["error"] != nil, "\(method) \(path): \(reply.text)")
        }
        // A method a path does not serve says which it does.
        #expect(try await server.request("DELETE", "/api/v1/songs/1").headers["Allow"] == "GET")
        // No path leaves the served folders: the public files are a fixed list, renders are found by name.
        for path in ["/public/../../etc/passwd", "/public/%2e%2e/%2e%2e/etc/passwd", "/public/..%2F..%2Fetc%2Fpasswd", "/public/nothing.js"] {
            let reply = try await server.get(path)
            #expect(reply.status == 404, "\(path): \(reply.status)")
            #expect(!reply.text.contains("root:"), "\(path)")
        }
        // Nothing was written by any of them: the next good contribution follows straight on from the first.
        let good = try await server.request("POST", "/api/v1/songs/1/contributions", json: line)
        #expect(good.status == 201, "\(good.text)")
        #expect((try good.json() as? [String: Any])?["id"] as? Int == first + 1)
    }

    @Test func captureAcceptAndMergeMakeANewVersion() async throws {
        let server = try await LiveServer(prepare: Self.demoArchive)
        defer { server.stop() }
        let path = server.archivePath
        let id = try Self.id(of: "Cân y Cwm", in: path)
        let before = try #require(try await server.get("/api/v1/songs/\(id)/versions").json() as? [[String: Any]])
        let captured = try await server.request("POST", "/api/v1/songs/\(id)/contributions",
            json: #"{"by":["c-gj41"],"kind":"lyrics","payload":"The [G]kettle sings beside the [C]door","section":"Verse 1"}"#)
        #expect(captured.status == 201, "\(captured.text)")
        let cid = try #require((try captured.json() as? [String: Any])?["id"] as? Int)
        let accepted = try await server.request("PATCH", "/api/v1/contributions/\(cid)", json: #"{"status":"accepted"}"#)
        #expect(accepted.status == 200, "\(accepted.text)")
        let merged = try await server.request("POST", "/api/v1/songs/\(id)/merge", json: "{}")
        #expect(merged.status == 200, "\(merged.text)")
        let after = try #require(try await server.get("/api/v1/songs/\(id)/versions").json() as? [[String: Any]])
        #expect(after.count == before.count + 1)
        #expect(try await server.get("/api/v1/songs/\(id)").text.contains("kettle sings"))
    }

    @Test func theCapturePageOffersThePeopleAndAddsNewcomersWithPrivateDefaults() async throws {
        let server = try await LiveServer(prepare: Self.demoArchive)
        defer { server.stop() }
        let path = server.archivePath
        let id = try Self.id(of: "Cân y Cwm", in: path)
        let page = try await server.get("/songs/\(id)/capture")
        #expect(page.status == 200 && page.contentType.hasPrefix("text/html"))
        #expect(page.text.contains("value=\"c-gj41\""))                 // someone who may be named
        #expect(!page.text.contains("c-tp44"))                          // withdrawn: not offered
        #expect(page.text.contains("<option>Pennill 1</option><option>Chorus</option>"))
        #expect(page.text.contains("/public/capture.js"))

        let added = try await server.request("POST", "/api/v1/contributors", json: #"{"name":"Eira Lloyd","generation":"child"}"#)
        #expect(added.status == 201, "\(added.text)")
        let person = try #require(try added.json() as? [String: Any])
        // Consent defaults to anonymous: a child is credited by age group only.
        #expect(person["credit"] as? String == Generation.child.anonymousCredit)
        let newcomer = try #require(person["id"] as? String)
        let archive = try TourArchive(path: path)
        #expect(try archive.contributor(newcomer).consent == .anonymous)
        #expect(try await server.request("POST", "/api/v1/contributors", json: #"{"generation":"toddler"}"#).status == 400)
        #expect(try await server.request("POST", "/api/v1/contributors", json: #"{"consent":"sometimes"}"#).status == 400)
    }

    @Test func crossSiteWritesAreRefused() async throws {
        let server = try await LiveServer(prepare: Self.demoArchive)
        defer { server.stop() }
        let line = #"{"by":["c-gj41"],"kind":"lyrics","payload":"A [C]line"}"#
        // A form post from another site arrives form-encoded, or with a foreign Origin.
        let form = try await server.request("POST", "/api/v1/songs/1/contributions", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Data("by=c-gj41".utf8))
        #expect(form.status == 415)
        let foreign = try await server.request("POST", "/api/v1/songs/1/contributions", json: line, headers: ["Origin": "http://evil.example"])
        #expect(foreign.status == 403)
        let same = try await server.request("POST", "/api/v1/songs/1/contributions", json: line, headers: ["Origin": server.base.absoluteString])
        #expect(same.status == 201, "\(same.text)")
        // Made on loopback without a token, a record's maker is the server alone.
        let id = try #require((try same.json() as? [String: Any])?["id"] as? Int)
        #expect(try Self.origin(of: id, in: server.archivePath).madeBy == "server")
    }

    /// Who made a contribution (its `madeBy`), and the source of the audit log's last line.
    static func origin(of contribution: Int, in path: String) throws -> (madeBy: String?, audit: String?) {
        try DatabaseQueue(path: path).read { db in
            (try String.fetchOne(db, sql: "SELECT madeBy FROM contribution WHERE id = ?", arguments: [contribution]),
             try String.fetchOne(db, sql: "SELECT source FROM audit ORDER BY rowid DESC LIMIT 1"))
        }
    }

    @Test func everyRouteInTheOpenAPIDocumentIsServed() async throws {
        let server = try await LiveServer(prepare: Self.demoArchive)
        defer { server.stop() }
        let document = try #require(try await server.get("/api/v1/openapi.json").json() as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        #expect(Set(paths.keys) == Set(APIRoute.all.map(\.openAPIPath)))
        for (path, methods) in paths {
            for method in methods.keys {
                let concrete = path.replacingOccurrences(of: "{id}", with: "1")
                let reply = try await server.request(method.uppercased(), concrete, json: method == "get" ? nil : "{}")
                // A real route answers: maybe 400 for the empty body, never 404 for the path or 405 or 500.
                #expect(![404, 405].contains(reply.status) || reply.text.contains("no "), "\(method) \(path): \(reply.status)")
                #expect(reply.status < 500, "\(method) \(path): \(reply.status) \(reply.text)")
            }
        }
        let css = try await server.get("/public/app.css")
        #expect(css.status == 200 && css.contentType.hasPrefix("text/css"))
        let script = try await server.get("/public/song.js")
        #expect(script.status == 200 && script.contentType.hasPrefix("text/javascript"))
        // The player asks the render routes the API serves.
        #expect(script.text.contains("/api/v1/renders/") && script.text.contains("/renders\""))
    }
}

/// Beyond loopback, writes need the facilitator token. 127.0.0.2 is still this machine (all of 127/8 is),
/// but the server treats any address other than the loopback names as reachable from outside.
@Suite struct TokenTests {
    @Test func writesBeyondLoopbackNeedTheToken() async throws {
        let server = try await LiveServer(host: "127.0.0.2", token: "tea-and-biscuits-at-eleven", prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let line = #"{"by":["c-gj41"],"kind":"lyrics","payload":"A [C]line"}"#
        let path = "/api/v1/songs/1/contributions"
        #expect(try await server.request("POST", path, json: line).status == 401)
        #expect(try await server.request("POST", path, json: line, headers: ["Authorization": "Bearer wrong"]).status == 401)
        #expect(try await server.request("POST", path, json: line, headers: ["Authorization": "Bearer tea-and-biscuits-at-eleven"]).status == 201)
        #expect(try await server.get("/api/v1/songs").status == 200)
        // The capture page names the people in the room: not a public view.
        #expect(try await server.get("/songs/1/capture").status == 401)
    }

    /// Tokens made with the archive (as `songbridge token create` does) work as Bearer tokens and, for a tablet's
    /// browser, through the cookie `/api/v1/facilitator` sets; a revoked token stops working at once.
    @Test func archiveTokensSignTabletsInAndRevokedOnesStopWorking() async throws {
        var made: (id: Int64, token: String) = (0, "")
        let server = try await LiveServer(host: "127.0.0.2") { path in
            try ServerTests.demoArchive(path)
            made = try TourArchive(path: path).createToken(label: "Sam's tablet")
        }
        defer { server.stop() }
        let line = #"{"by":["c-gj41"],"kind":"lyrics","payload":"A [C]line"}"#
        let path = "/api/v1/songs/1/contributions"
        let posted = try await server.request("POST", path, json: line, headers: ["Authorization": "Bearer \(made.token)"])
        #expect(posted.status == 201)
        // The contribution says which facilitator's device made it (a record's maker travels with it on sync), and
        // so does the audit log.
        let contribution = try #require((try posted.json() as? [String: Any])?["id"] as? Int)
        let origin = try ServerTests.origin(of: contribution, in: server.archivePath)
        #expect(origin.madeBy == "server, token Sam's tablet" && origin.audit == "server, token Sam's tablet", "\(origin)")
        #expect(throws: ArchiveError.self) { try TourArchive(path: server.archivePath).createToken(label: "Sam\u{1B}[2J") }

        // A tablet signs in once; its cookie then carries the token, same-site and out of reach of scripts.
        #expect(try await server.request("POST", "/api/v1/facilitator", json: #"{"token":"guess"}"#).status == 401)
        let signedIn = try await server.request("POST", "/api/v1/facilitator", json: #"{"token":"\#(made.token)"}"#)
        #expect(signedIn.status == 200, "\(signedIn.text)")
        let cookie = try #require(signedIn.headers["Set-Cookie"])
        #expect(cookie.hasPrefix("songbridge_facilitator=\(made.token)") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "\(cookie)")
        let withCookie = ["Cookie": "songbridge_facilitator=\(made.token)"]
        #expect(try await server.request("POST", path, json: line, headers: withCookie).status == 201)
        #expect(try await server.request("GET", "/songs/1/capture", headers: withCookie).status == 200)

        // Without it, a browser asking for the capture page is pointed to the sign-in page.
        let refused = try await server.request("GET", "/songs/1/capture", headers: ["Accept": "text/html"])
        #expect(refused.status == 401 && refused.contentType.hasPrefix("text/html"))
        #expect(refused.text.contains("/facilitator?next=/songs/1/capture"))
        let signIn = try await server.get("/facilitator?next=//evil.example")
        #expect(signIn.status == 200 && signIn.text.contains("data-next=\"/\""), "only paths on this server are followed")

        try TourArchive(path: server.archivePath).revokeToken(made.id)
        #expect(try await server.request("POST", path, json: line, headers: withCookie).status == 401)
        #expect(try await server.request("POST", path, json: line, headers: ["Authorization": "Bearer \(made.token)"]).status == 401)
    }
}

/// The README's route table is the API: every route it shows exists, and it shows every route.
@Suite struct ReadmeRouteTests {
    @Test func theReadmeListsEveryRoute() throws {
        let readme = Fixtures.text(Fixtures.root.appendingPathComponent("README.md"))
        let shown = Set(readme.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
            let route = line[line.index(line.startIndex, offsetBy: 3)..<end].split(separator: " ")
            guard route.count == 2, route[1].hasPrefix("/api/") else { return nil }
            return "\(route[0].lowercased()) \(route[1])"
        })
        #expect(shown == Set(APIRoute.all.map { "\($0.method.rawValue) \($0.openAPIPath)" }))
    }
}
