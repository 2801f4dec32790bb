import Foundation
import SongArchive
import SongCore
import SongTesting
import SongText
import Testing
@testable import SongServer

/// Sessions, the consent-aware list of people, style and theme filters, version history with diffs, and exports.
@Suite struct APIExtrasTests {
    @Test func sessionsAreAddedListedAndCountTheirContributions() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        // The list is an answer the server keeps while the archive is unchanged: each write below shows in it.
        func weymouth() async throws -> [[String: Any]] {
            try #require(try await server.get("/api/v1/sessions?stop=weymouth-2026-05").json() as? [[String: Any]])
        }
        #expect(try await weymouth().isEmpty)
        let made = try await server.request("POST", "/api/v1/sessions", json: #"{"stop":"weymouth-2026-05","date":"2026-05-14","notes":"Margaret led the chorus"}"#)
        #expect(made.status == 201, "\(made.text)")
        let session = try #require((try made.json() as? [String: Any])?["id"] as? Int)
        #expect(try await weymouth().map { $0["contributions"] as? Int } == [0])
        #expect(try await server.request("POST", "/api/v1/sessions", json: #"{"stop":"weymouth-2026-05","date":"14/05/2026"}"#).status == 400)
        #expect(try await server.request("POST", "/api/v1/sessions", json: #"{"stop":"atlantis"}"#).status == 404)

        let path = server.archivePath
        let tide = try ServerTests.id(of: "The Tide Comes In", in: path)
        let line = #"{"by":["c-mh01"],"kind":"lyrics","payload":"A [C]line","session":\#(session)}"#
        #expect(try await server.request("POST", "/api/v1/songs/\(tide)/contributions", json: line).status == 201)
        #expect(try await server.request("POST", "/api/v1/songs/\(tide)/contributions", json: #"{"by":["c-mh01"],"kind":"lyrics","payload":"A [C]line","session":999}"#).status == 404)

        let listed = try await weymouth()
        #expect(listed.count == 1)
        #expect(listed.first?["contributions"] as? Int == 1)
        #expect(listed.first?["notes"] == nil, "facilitators' notes are not public")
        #expect((try await server.get("/api/v1/sessions?stop=elsewhere").json() as? [Any])?.isEmpty == true)
    }

    /// A script that read a person from the public list can withdraw them by that id; their lines leave the song.
    @Test func aPersonCanBeWithdrawnByThePublicIdTheListGives() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let people = try #require(try await server.get("/api/v1/contributors").json() as? [[String: Any]])
        let bishop = try #require(people.first { $0["credit"] as? String == "A. B." }?["id"] as? String)
        let tide = try ServerTests.id(of: "The Tide Comes In", in: server.archivePath)
        #expect(try await server.get("/api/v1/songs/\(tide)").text.contains("grandad"))
        let withdrawn = try await server.request("PATCH", "/api/v1/contributors/\(bishop)", json: #"{"consent":"withdrawn"}"#)
        #expect(withdrawn.status == 200, "\(withdrawn.text)")
        #expect((try withdrawn.json() as? [String: String])?["id"] == bishop)
        #expect(!(try await server.get("/api/v1/songs/\(tide)").text.contains("grandad")))
        #expect(!(try await server.get("/api/v1/contributors").text.contains(bishop)))
        // An id that is neither is not found; one that only looks public is not taken for anyone.
        #expect(try await server.request("PATCH", "/api/v1/contributors/p-000000000000", json: #"{"consent":"withdrawn"}"#).status == 404)
    }

    @Test func contributorsAreCreditedOnlyAsConsentAllows() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let people = try #require(try await server.get("/api/v1/contributors").json() as? [[String: Any]])
        // People are listed by their public ids, which give nothing of the archive's own away.
        let archive = try SongArchive.TourArchive(path: server.archivePath)
        var expected: [String: String] = [:]
        for url in Fixtures.songFiles {
            for person in try #require(try SongFile.read(path: url.path).songs.first).provenance.contributors {
                expected[archive.publicID(person.id)] = person.publicCredit
            }
        }
        #expect(people.count == expected.values.count)
        for person in people {
            let id = try #require(person["id"] as? String)
            #expect(person["credit"] as? String == expected[id], "\(id)")
            #expect(person["name"] == nil)
        }
        // Withdrawn people are left out altogether.
        #expect(!people.contains { $0["id"] as? String == archive.publicID("c-tp44") })
        #expect(!people.contains { ($0["id"] as? String)?.hasPrefix("c-") == true })
    }

    @Test func songsFilterByStyleAndWholeTheme() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        func titles(_ query: String) async throws -> [String] {
            try #require(try await server.get("/api/v1/songs?\(query)").json() as? [[String: Any]]).compactMap { $0["title"] as? String }
        }
        #expect(try await titles("style=waltz") == ["The Pavilion Waltz"])
        #expect(try await titles("theme=seaside") == ["The Tide Comes In"])
        #expect(try await titles("theme=Sea").sorted() == ["Haul Away for Stonehaven", "Hush, the Harbour Sleeps"].sorted())
        #expect(try await titles("theme=memories&style=folk") == ["The Tide Comes In"])
        #expect(try await titles("style=bossa").isEmpty)
    }

    @Test func versionsSayWhatChangedAndWhoseItWasAsConsentAllows() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let path = server.archivePath
        let tide = try ServerTests.id(of: "The Tide Comes In", in: path)
        let archive = try TourArchive(path: path)
        // Josh may be named by first name only (a guardian agreed).
        let line = try archive.contribute(song: tide, by: ["c-jt02"], kind: .lyrics, payload: "and [G]Josh found shells along the [D]shore", section: "Verse 2")
        try archive.setStatus(line, .accepted)
        _ = try archive.merge(song: tide)
        let versions = try #require(try await server.get("/api/v1/songs/\(tide)/versions").json() as? [[String: Any]])
        #expect(versions.count == 2)
        #expect((versions[0]["changes"] as? [Any])?.isEmpty == true)
        let changes = try #require(versions[1]["changes"] as? [[String: Any]])
        let added = try #require(changes.first { ($0["what"] as? String)?.contains("shells along the shore") == true }, "\(changes)")
        #expect(added["kind"] as? String == "added")
        #expect(added["place"] as? String == "Verse 2")
        #expect(added["by"] as? [String] == ["Josh"])
    }

    @Test func abcExportReadsBackWithTheSameTunes() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let path = server.archivePath
        let tide = try ServerTests.id(of: "The Tide Comes In", in: path)
        let reply = try await server.get("/api/v1/songs/\(tide)/abc")
        #expect(reply.status == 200)
        #expect(reply.contentType.hasPrefix("text/vnd.abc"))
        #expect(reply.headers["Content-Disposition"] == "attachment; filename=\"the-tide-comes-in.abc\"")
        let book = try ABCReader.read(reply.text).value
        let song = try TourArchive(path: path).song(tide).publicProjection
        let melodies = song.sections.compactMap { s in s.melody.map { (s.id, $0) } }
        #expect(book.tunes.count == melodies.count)
        for (tune, (section, melody)) in zip(book.tunes, melodies) {
            #expect(tune.values("T") == ["The Tide Comes In", section])
            #expect(tune.melody.notes.map(\.pitches) == melody.notes.map(\.pitches), "\(section)")
            #expect(tune.melody.notes.map(\.duration) == melody.notes.map(\.duration), "\(section)")
        }
        // Only credits consent allows, as everywhere public.
        #expect(!reply.text.contains("Turner"))
        #expect(try await server.get("/api/v1/songs/999/abc").status == 404)
    }

    @Test func aFinishedRenderCanBeSavedAsAFileNamedAfterTheSong() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let path = server.archivePath
        let lullaby = try ServerTests.id(of: "Hush, the Harbour Sleeps", in: path)
        var job = try #require(try await server.request("POST", "/api/v1/songs/\(lullaby)/renders", json: #"{"format":"wav","style":"none"}"#).json() as? [String: Any])
        let id = try #require(job["id"] as? String)
        while job["status"] as? String != "done" {
            #expect(job["status"] as? String != "failed", "\(job)")
            try await Task.sleep(for: .milliseconds(100))
            job = try #require(try await server.get("/api/v1/renders/\(id)").json() as? [String: Any])
        }
        let saved = try await server.get("/api/v1/renders/\(id)/audio?download=true")
        #expect(saved.status == 200 && saved.contentType == "audio/wav")
        #expect(saved.headers["Content-Disposition"] == "attachment; filename=\"hush-the-harbour-sleeps.wav\"")
        #expect(saved.body.prefix(4) == Data("RIFF".utf8))
        // The line cues came with the job: in time order, within the audio.
        let lines = try #require(job["lines"] as? [[String: Any]])
        let times = lines.compactMap { $0["at"] as? Double }
        #expect(times.count == lines.count && !times.isEmpty)
        #expect(times == times.sorted())
    }
}

/// The archivist's browse page and the home page's recent songs.
@Suite struct BrowsePageTests {
    @Test func browseFiltersAndPages() async throws {
        let server = try await LiveServer { path in
            try ServerTests.demoArchive(path)
            let archive = try TourArchive(path: path)
            // Sixty more songs at one stop, so the list needs a second page.
            for n in 1...60 { _ = try archive.newSong(title: String(format: "Zz practice song %02d", n), stop: "weymouth-2026-05") }
        }
        defer { server.stop() }
        func titles(_ html: String) -> [String] {
            html.components(separatedBy: "<li><a href=\"/songs/").dropFirst().compactMap { $0.split(separator: ">", maxSplits: 1).last?.split(separator: "<").first.map(String.init) }
        }
        let all = try await server.get("/songs")
        #expect(all.status == 200)
        #expect(titles(all.text).count == 50)
        #expect(all.text.contains("rel=\"next\" href=\"/songs?offset=50\""))
        let second = try await server.get("/songs?offset=50")
        #expect(titles(second.text).count == 65 - 50)
        #expect(!second.text.contains("rel=\"next\""))
        #expect(second.text.contains("rel=\"prev\" href=\"/songs?\""))

        // Choices narrow the list; one left at "all" (empty) is no choice at all.
        let wales = try await server.get("/songs?nation=wales&stop=&year=&generation=&theme=&style=")
        #expect(titles(wales.text) == ["Cân y Cwm"])
        #expect(wales.text.contains("<option value=\"wales\" selected>"))
        #expect(titles(try await server.get("/songs?theme=sea").text).sorted() == ["Haul Away for Stonehaven", "Hush, the Harbour Sleeps"])
        let children = titles(try await server.get("/songs?generation=child").text)
        #expect(!children.isEmpty && !children.contains { $0.hasPrefix("Zz") })
        #expect(try await server.get("/songs?year=26").status == 400)
        // Paging keeps the choices (the & written as &amp; in HTML).
        let weymouth = try await server.get("/songs?stop=weymouth-2026-05")
        #expect(weymouth.text.contains("href=\"/songs?stop=weymouth-2026-05&amp;offset=50\""))
    }

    @Test func theChosenSongsDownloadAsOneZipFile() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        // The browse page offers every chosen song, not only the page shown.
        let page = try await server.get("/songs?nation=wales")
        #expect(page.text.contains("href=\"/api/v1/export?nation=wales\" download"))

        let wales = try await server.get("/api/v1/export?nation=wales")
        #expect(wales.status == 200)
        #expect(wales.contentType == "application/zip")
        #expect(wales.headers["Content-Disposition"] == "attachment; filename=\"songbridge-wales.zip\"")
        let read = try await PythonZip.entries(of: wales.body, in: server.folder)
        let files = try #require(read.entries, "\(read.problem)")
        #expect(Set(files.keys) == ["songbridge-wales/README.txt", "songbridge-wales/index.csv", "songbridge-wales/machynlleth-2026-09-17/can-y-cwm.cho",
                                    "songbridge-wales/machynlleth-2026-09-17/can-y-cwm.abc", "songbridge-wales/machynlleth-2026-09-17/can-y-cwm.mid"])
        #expect(files["songbridge-wales/README.txt"]?.contains("the songs chosen by nation wales") == true)

        // No choice is every song; a search is its own choice; a choice the list refuses is refused here too.
        let everything = try #require(try await PythonZip.entries(of: try await server.get("/api/v1/export").body, in: server.folder).entries)
        #expect(everything.keys.filter { $0.hasSuffix(".cho") }.count == 5)
        let found = try await server.get("/api/v1/export?q=harbour")
        #expect(found.headers["Content-Disposition"] == "attachment; filename=\"songbridge-search-harbour.zip\"")
        let harbour = try #require(try await PythonZip.entries(of: found.body, in: server.folder).entries)
        #expect(harbour.keys.contains { $0.hasSuffix("/hush-the-harbour-sleeps.cho") })
        #expect(try await server.get("/api/v1/export?nation=atlantis").status == 400)
        // A download's name has no accents, so any browser and file system keeps it: Cân y Cwm is can-y-cwm.
        let cwm = try ServerTests.id(of: "Cân y Cwm", in: server.archivePath)
        #expect(try await server.get("/api/v1/songs/\(cwm)/chordpro").headers["Content-Disposition"] == "attachment; filename=\"can-y-cwm.cho\"")
    }

    @Test func theHomePageListsRecentChangesAndLinksEachStop() async throws {
        let server = try await LiveServer(prepare: ServerTests.demoArchive)
        defer { server.stop() }
        let path = server.archivePath
        let archive = try TourArchive(path: path)
        let waltz = try ServerTests.id(of: "The Pavilion Waltz", in: path)
        let line = try archive.contribute(song: waltz, by: ["c-jt02"], kind: .lyrics, payload: "and [C]round the floor we [G]went", section: "Verse 2")
        try archive.setStatus(line, .accepted)
        _ = try archive.merge(song: waltz)
        let home = try await server.get("/")
        let recent = try #require(home.text.components(separatedBy: "Recently changed").last)
        // The song just merged comes first.
        #expect(recent.components(separatedBy: "<li><a href=\"/songs/").dropFirst().first?.hasPrefix("\(waltz)\">The Pavilion Waltz<") == true, "\(recent.prefix(400))")
        #expect(home.text.contains("<a href=\"/songs?stop=machynlleth-2026-09\">Machynlleth</a>"))
        #expect(home.text.contains("<a href=\"/songs\">"))
    }
}
