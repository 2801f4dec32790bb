import Foundation
import SongArchive
import SongCore
import SongTesting
import SongText
import Testing
@testable import SongServer

/// Crawls every public page and JSON response of a live server over the demo archive and looks for any name
/// that consent forbids: a withdrawn or anonymous person's name, the surname of someone credited by first name,
/// the full name of someone credited by initials, the name of a child without a guardian's consent.
@Suite struct ConsentCrawlSlowTests {
    /// Name words that must not appear anywhere public, with whose they are.
    static func forbiddenWords() throws -> [String: String] {
        var forbidden: [String: String] = [:]
        var allowed: Set<String> = []
        for url in Fixtures.songFiles {
            let song = try #require(try SongFile.read(path: url.path).songs.first)
            for person in song.provenance.contributors {
                let shown = Self.wordsConsentAllows(person)
                allowed.formUnion(shown)
                for word in (person.name ?? "").split(whereSeparator: { !$0.isLetter }).map(String.init) where word.count > 2 && !shown.contains(word) {
                    forbidden[word] = "\(person.id) (\(person.consent))"
                }
                if person.consent == .withdrawn { forbidden[person.id] = "\(person.id) (withdrawn)" }
            }
        }
        // A word someone else may be credited by (two people share a first name) is not a leak.
        for word in allowed { forbidden[word] = nil }
        return forbidden
    }

    /// The words of a person's name that may be shown, worked out here from what the fixture states (their consent,
    /// generation and guardian's consent) by DESIGN's rules, not by asking `publicCredit`, the code under test:
    /// a child, a teenager, or someone whose age was never recorded is never named without a guardian's consent;
    /// otherwise full name shows every word, first name the first, and initials, anonymous and withdrawn no word.
    static func wordsConsentAllows(_ person: Contributor) -> Set<String> {
        let words = (person.name ?? "").split(whereSeparator: { !$0.isLetter }).map(String.init)
        let mayBeNamed = ![Generation.child, .teen, .unknown].contains(person.generation) || person.guardianConsent
        guard mayBeNamed else { return [] }
        switch person.consent {
        case .fullName: return Set(words)
        case .firstName: return Set(words.prefix(1))
        case .initials, .anonymous, .withdrawn: return []
        }
    }

    /// Crawled on this machine's loopback and from beyond it (`127.0.0.2`), where a request without a token
    /// reads no private name, as a tablet or a visitor on the room's network does.
    @Test(arguments: ["127.0.0.1", "127.0.0.2"])
    func noPublicResponseNamesAnyoneConsentForbids(host: String) async throws {
        let token = "a-facilitators-token-for-the-crawl"
        let facilitator = ["Authorization": "Bearer \(token)"]
        let forbidden = try Self.forbiddenWords()
        #expect(!forbidden.isEmpty, "the demo songs should hold people who may not be named, or this test proves nothing")
        // A second version with a line by someone credited by first name only, so the versions' diffs credit
        // a person; and a session, whose facilitator notes name people and must stay private.
        let server = try await LiveServer(host: host, token: token) { path in
            try ServerTests.demoArchive(path)
            let archive = try TourArchive(path: path)
            let tide = try ServerTests.id(of: "The Tide Comes In", in: path)
            let line = try archive.contribute(song: tide, by: ["c-jt02"], kind: .lyrics, payload: "and [G]Josh found shells along the [D]shore", section: "Verse 2")
            try archive.setStatus(line, .accepted)
            _ = try archive.merge(song: tide)
            try archive.addSession(stop: "weymouth-2026-05", date: "2026-05-14", notes: "Josh Turner and Margaret Hughes led the chorus")
        }
        defer { server.stop() }

        let tide = try ServerTests.id(of: "The Tide Comes In", in: server.archivePath)
        // A render made before the withdrawal below: its cues hold Margaret Hughes's words.
        let asked = try await server.request("POST", "/api/v1/songs/\(tide)/renders", json: #"{"format":"wav"}"#, headers: facilitator)
        let job = try #require((try asked.json() as? [String: Any])?["id"] as? String)
        let rendered = try await ConsentHardeningTests.finished(job, on: server)
        #expect(ConsentHardeningTests.sung(rendered).contains("prom"))

        try await Self.crawl(server, forbidden: forbidden)

        // Then she withdraws, with every cache warm (pages rendered, versions parsed, the render done): her name
        // and the words she alone wrote ("We walked the prom…", "the brass band playing on the pier") must be
        // gone from everything, the render and its cues included.
        #expect(try await server.request("PATCH", "/api/v1/contributors/c-mh01", json: #"{"consent":"withdrawn"}"#, headers: facilitator).status == 200)
        var after = forbidden
        for word in ["Margaret", "Hughes", "prom", "brass", "pier", "c-mh01"] { after[word] = "c-mh01 (withdrawn after the first crawl)" }
        #expect(try await server.get("/api/v1/renders/\(job)").status == 410)
        let again = try await server.request("POST", "/api/v1/songs/\(tide)/renders", json: #"{"format":"wav"}"#, headers: facilitator)
        let newJob = try #require((try again.json() as? [String: Any])?["id"] as? String)
        let cues = ConsentHardeningTests.sung(try await ConsentHardeningTests.finished(newJob, on: server))
        for word in ["prom", "brass", "pier"] { #expect(!cues.contains(word), "the new render's cues sing \(word)") }
        try await Self.crawl(server, forbidden: after)
    }

    /// Crawls every public response from the home page, the lists, each song's JSON, sheets, pages and exports,
    /// following links, and records any word of `forbidden` found.
    static func crawl(_ server: LiveServer, forbidden: [String: String]) async throws {
        var queue = ["/", "/api/v1/stops", "/api/v1/songs?limit=200", "/api/v1/openapi.json", "/api/v1/contributors", "/api/v1/sessions", "/api/v1/export"]
            + forbidden.keys.sorted().flatMap { ["/search?q=\($0)", "/api/v1/songs?q=\($0)"] }
        let songs = try #require(try await server.get("/api/v1/songs?limit=200").json() as? [[String: Any]])
        for song in songs {
            let id = try #require(song["id"] as? Int)
            queue += ["/api/v1/songs/\(id)", "/api/v1/songs/\(id)/versions", "/api/v1/songs/\(id)/chordpro", "/api/v1/songs/\(id)/abc", "/songs/\(id)"]
        }
        var seen: Set<String> = []
        var exported = 0
        while let path = queue.popLast() {
            guard seen.insert(path).inserted else { continue }
            let reply = try await server.get(path.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? path)
            #expect(reply.status == 200, "\(path): \(reply.status)")
            var text = Self.plain(reply.text)
            // An export is read inside: every file in the ZIP, as someone who downloads it would.
            if reply.contentType == "application/zip" {
                let read = try await PythonZip.entries(of: reply.body, in: server.folder)
                let files = try #require(read.entries, "\(path): \(read.problem)")
                #expect(files.keys.contains { $0.hasSuffix(".cho") }, "\(path) exports no song")
                text = files.values.joined(separator: "\n")
                exported += 1
            }
            // A search page shows the words searched for (in its box and heading): the visitor's own input.
            // Its results are checked through the same search in JSON, which does not echo the query.
            if path.hasPrefix("/search?q="), let query = path.split(separator: "=").last {
                text = text.replacingOccurrences(of: String(query), with: "")
            }
            let words = Set(text.split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init))
            for (word, whose) in forbidden where words.contains(word) {
                Issue.record("\(path) shows '\(word)', the name of \(whose)")
            }
            // Follow the pages' own links within the site.
            if reply.contentType.hasPrefix("text/html") {
                // The capture page and the people page are the facilitators' private views (they need the token
                // beyond loopback).
                for link in Self.links(in: reply.text) where link.hasPrefix("/") && !link.hasPrefix("//") && !link.hasSuffix("/capture") && link != "/people" {
                    queue.append(link)
                }
            }
        }
        #expect(seen.count > songs.count * 4)
        // Every song in one export, and the browse pages' exports too (their links are followed).
        #expect(exported > 1, "\(exported) exports read")
    }

    /// HTML entities the templates write, undone, so an escaped name is still found.
    static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    static func links(in html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map { plain(String($0)) } }
    }
}
