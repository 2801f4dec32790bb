import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SongArchive
import SongTesting
import Testing
@testable import SongServer

/// Withdrawal with warm caches, names in free text, and contributions made to break a song, tried against a live
/// server over a real archive file. Each test failed on the main branch before this one.
@Suite struct ConsentHardeningTests {
    /// Polls a render until it is done or failed (a bound on the polls, not a timing assertion).
    static func finished(_ job: String, on server: LiveServer) async throws -> [String: Any] {
        var status: [String: Any] = [:]
        for _ in 0..<900 {
            status = try #require(try await server.get("/api/v1/renders/\(job)").json() as? [String: Any])
            if status["status"] as? String == "done" || status["status"] as? String == "failed" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return status
    }

    /// Every syllable of a render's cues, as one text.
    static func sung(_ status: [String: Any]) -> String {
        ((status["lines"] as? [[String: Any]]) ?? []).flatMap { ($0["syllables"] as? [[String: Any]]) ?? [] }.compactMap { $0["text"] as? String }.joined(separator: " ")
    }

    @Test func aRenderMadeBeforeAWithdrawalIsNeverServedAfterIt() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let cwm = try ServerTests.id(of: "Cân y Cwm", in: server.archivePath)
        // Given a finished render of Cân y Cwm, whose first verse Gwilym Jones wrote ("…ar y bryn")
        let asked = try await server.request("POST", "/api/v1/songs/\(cwm)/renders", json: #"{"format":"wav"}"#)
        let job = try #require((try asked.json() as? [String: Any])?["id"] as? String)
        let before = try await Self.finished(job, on: server)
        #expect(before["status"] as? String == "done", "\(before)")
        #expect(Self.sung(before).contains("bryn"))
        let audio = try #require(before["audio"] as? String)
        #expect(try await server.get(audio).status == 200)

        // When he withdraws
        let withdrawn = try await server.request("PATCH", "/api/v1/contributors/c-gj41", json: #"{"consent":"withdrawn"}"#)
        #expect(withdrawn.status == 200)

        // Then the old render, its cues and its audio are gone
        let again = try await server.get("/api/v1/renders/\(job)")
        #expect(again.status == 410, "\(again.text)")
        #expect(!again.text.contains("bryn"))
        #expect([404, 410].contains(try await server.get(audio).status))
        // And the same request makes a new render that does not sing his words
        let renewed = try await server.request("POST", "/api/v1/songs/\(cwm)/renders", json: #"{"format":"wav"}"#)
        let newJob = try #require((try renewed.json() as? [String: Any])?["id"] as? String)
        #expect(newJob != job)
        let after = try await Self.finished(newJob, on: server)
        #expect(after["status"] as? String == "done", "\(after)")
        #expect(!Self.sung(after).contains("bryn"))
        #expect(!Self.sung(after).isEmpty)
        // And search no longer finds the song by his words
        let found = try #require(try await server.get("/api/v1/songs?q=bryn").json() as? [[String: Any]])
        #expect(found.isEmpty, "\(found)")
    }

    /// The server keeps its busiest answers (a song, its page, a search) while the archive is unchanged. A
    /// withdrawal made by another program on the same archive file, as `songbridge consent` on the laptop while the
    /// server runs, reaches every one of them at the next request.
    @Test func aWithdrawalFromTheCommandLineReachesTheAnswersTheServerKept() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let cwm = try ServerTests.id(of: "Cân y Cwm", in: server.archivePath)
        // Given each answer asked twice, the second as kept from the first: the song and its page sing Gwilym
        // Jones's verse ("…ar y bryn"), and a search for "bryn" finds the song
        let songs = ["/api/v1/songs/\(cwm)", "/songs/\(cwm)"], searches = ["/api/v1/songs?q=bryn", "/search?q=bryn", "/api/v1/songs?q=Gwilym%20bryn"]
        for path in songs + searches {
            let first = try await server.get(path), second = try await server.get(path)
            #expect(first.status == 200 && second.status == 200, "\(path)")
            #expect(second.body == first.body, "\(path)")
        }
        for path in songs { #expect(try await server.get(path).text.contains("bryn"), "\(path)") }
        for path in searches.prefix(2) { #expect(try await server.get(path).text.contains("Cwm"), "\(path)") }
        // When he withdraws, from the command line (another handle on the same file, not the server)
        try TourArchive(path: server.archivePath).setConsent("c-gj41", .withdrawn)
        // Then no answer the server kept is given again: his verse and his name are gone, and the search finds nothing
        for path in songs {
            let reply = try await server.get(path)
            #expect(reply.status == 200, "\(path)")
            #expect(!reply.text.contains("bryn") && !reply.text.contains("Gwilym"), "\(path) still holds his verse or name")
        }
        for path in searches {
            let reply = try await server.get(path)
            #expect(reply.status == 200, "\(path)")
            #expect(!reply.text.contains("Cwm"), "\(path) still finds the song by his words")
        }
    }

    /// On this machine's loopback and beyond it, where a request without a token reads no private name: the
    /// projection needs the name to take it out of free text, whoever asks.
    @Test(arguments: ["127.0.0.1", "127.0.0.2"])
    func freeTextCreditsAndAWithdrawnMusiciansTuneAndChordsLeavePublicOutput(host: String) async throws {
        let token = "a-facilitators-token-for-the-tide"
        let server = try await LiveServer(host: host, token: token, prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let tide = try ServerTests.id(of: "The Tide Comes In", in: server.archivePath)
        // Given Sam Reed, named as composer in free text ({composer: Sam Reed}), who wrote Verse 1's tune and the
        // Chorus chords
        #expect(try await server.get("/api/v1/songs/\(tide)/chordpro").text.contains("{composer: Sam Reed}"))
        // When he withdraws
        #expect(try await server.request("PATCH", "/api/v1/contributors/c-sr05", json: #"{"consent":"withdrawn"}"#,
                                         headers: ["Authorization": "Bearer \(token)"]).status == 200)
        // Then no public output names him: song sheet, ABC, MIDI, JSON, page, print, ZIP
        for path in ["/api/v1/songs/\(tide)/chordpro", "/api/v1/songs/\(tide)/abc", "/api/v1/songs/\(tide)/midi", "/api/v1/songs/\(tide)",
                     "/songs/\(tide)", "/songs/\(tide)/print", "/api/v1/songs/\(tide)/versions"] {
            let reply = try await server.get(path)
            #expect(reply.status == 200, "\(path): \(reply.status)")
            #expect(!String(decoding: reply.body, as: UTF8.self).contains("Reed"), "\(path) names Sam Reed")
        }
        let zip = try await server.get("/api/v1/export")
        let files = try #require(try await PythonZip.entries(of: zip.body, in: server.folder).entries)
        #expect(!files.values.contains { $0.contains("Reed") })
        // And his tune and chords are gone: Verse 1 has no melody, the Chorus no chords
        let sheet = try await server.get("/api/v1/songs/\(tide)/chordpro").text
        #expect(!sheet.contains("{start_of_abc: Verse 1}"))
        let song = try #require(try await server.get("/api/v1/songs/\(tide)").json() as? [String: Any])
        let sections = try #require(song["sections"] as? [[String: Any]])
        let chorus = try #require(sections.first { $0["label"] as? String == "Chorus" })
        let chords = ((chorus["lines"] as? [[String: Any]]) ?? []).compactMap { $0["chords"] as? String }.joined()
        #expect(chords.trimmingCharacters(in: .whitespaces).isEmpty, "\(chords)")
        #expect(sections.first { $0["label"] as? String == "Verse 1" }?["hasMelody"] as? Bool == false)
        // And the page says how the verse is sung now: to the other verse's tune
        #expect(sections.first { $0["label"] as? String == "Verse 1" }?["tuneNote"] as? String == "Sung to the tune of Verse 2")
        #expect(try await server.get("/songs/\(tide)").text.contains("Sung to the tune of Verse 2"))
        // And the draft still plays (the verse sung to another tune or spoken)
        #expect(try await server.get("/api/v1/songs/\(tide)/midi").status == 200)
    }

    @Test func aContributionThatWouldBreakTheSongIsRefusedAndNothingIsStored() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let tide = try ServerTests.id(of: "The Tide Comes In", in: server.archivePath)
        let versions = try TourArchive(path: server.archivePath).versions(tide).count
        let attacks: [(String, Int)] = [
            (#"{"by":["c-mh01"],"kind":"structure","payload":"Verse 1 x999999999, Chorus"}"#, 413),
            (#"{"by":["c-mh01"],"kind":"structure","payload":"Verse 1 x17"}"#, 413),
            (#"{"by":["c-mh01"],"kind":"structure","payload":"\#(Array(repeating: "Chorus", count: 200).joined(separator: ", "))"}"#, 413),
            (#"{"by":["c-mh01"],"kind":"melody","payload":"X:1\nL:1/4\nK:C\n\#(String(repeating: "|: C :|", count: 14_000))"}"#, 413),
            (#"{"by":["c-mh01"],"kind":"melody","payload":"X:1\nQ:1/4=1\nK:C\nCDEF GABc|"}"#, 400),
            (#"{"by":["c-mh01"],"kind":"lyrics","payload":"a new line","section":"Verse 1}\n{title: Hacked}"}"#, 400),
            (#"{"by":["c-mh01"],"kind":"lyrics","payload":"a new line","section":"Verse\u0000 1"}"#, 400),
        ]
        for (body, status) in attacks {
            let reply = try await server.request("POST", "/api/v1/songs/\(tide)/contributions", json: body)
            #expect(reply.status == status, "\(body.prefix(80)): \(reply.status) \(reply.text.prefix(200))")
            let reason = (try? reply.json() as? [String: Any])?["error"] as? [String: Any]
            #expect(reason?["message"] is String, "\(reply.text.prefix(200))")
        }
        // A person named across two lines, or with a control character
        for name in [#"Ann\nSmith"#, #"Ann\rSmith"#, #"Ann\u2028Smith"#, #"Ann\u0007"#] {
            let reply = try await server.request("POST", "/api/v1/contributors", json: #"{"name":"\#(name)","generation":"adult","consent":"full-name"}"#)
            #expect(reply.status == 400, "\(name): \(reply.status)")
        }
        // Nothing was stored: the song still merges to what it was, and its title is its own
        let merged = try await server.request("POST", "/api/v1/songs/\(tide)/merge", json: "{}")
        #expect(merged.status == 200)
        #expect(try TourArchive(path: server.archivePath).versions(tide).count == versions + 1)
        let song = try #require(try await server.get("/api/v1/songs/\(tide)").json() as? [String: Any])
        #expect(song["title"] as? String == "The Tide Comes In")
        #expect(!(try TourArchive(path: server.archivePath).contributors().contains { ($0.name ?? "").hasPrefix("Ann") }))
        #expect(try await server.get("/api/v1/songs/\(tide)/midi").status == 200)
    }
}
