import Foundation
import SongArchive
import SongTesting
import Testing

@Suite struct ArchiveCommandTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs songbridge against the archive in `dir`; returns stdout's last line (the id a command creates).
    @discardableResult
    func run(_ args: [String], in dir: URL, status: Int32 = 0) async throws -> String {
        let r = try await CommandRunner.songbridge(args + ["--archive", dir.appendingPathComponent("tour.sqlite").path], in: dir)
        #expect(r.status == status, "\(args): \(r.stderr)")
        return r.stdout.split(separator: "\n").last.map(String.init) ?? ""
    }

    /// Laptops whose archives are files in `dir`: `on("a", args)` runs songbridge against laptop a's archive, in a
    /// process of its own (other tests' in-process servers need the cooperative threads), expecting `status`.
    struct Laptops {
        let dir: URL
        func callAsFunction(_ name: String, _ args: [String], status: Int32 = 0) async throws -> CommandResult {
            let r = try await CommandRunner.songbridge(args + ["--archive", dir.appendingPathComponent("\(name).sqlite").path], in: dir)
            #expect(r.status == status, "\(name) \(args): \(r.stderr)")
            return r
        }
    }

    @Test func tokensAreMadeListedAndRevoked() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = dir.appendingPathComponent("tour.sqlite").path
        let made = try await CommandRunner.songbridge(["token", "create", "--label", "Sam's tablet", "--archive", archive], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        let lines = made.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[0] == "1" && lines[1].count == 64, "\(lines)")
        let listed = try await CommandRunner.songbridge(["token", "list", "--archive", archive], in: dir)
        #expect(listed.stdout.contains("1\tSam's tablet\t") && listed.stdout.contains("\tactive"))
        #expect(!listed.stdout.contains(lines[1]), "the token is shown once, when made")
        try await run(["token", "revoke", "1"], in: dir)
        #expect(try await CommandRunner.songbridge(["token", "list", "--archive", archive], in: dir).stdout.contains("\trevoked "))
        let unknown = try await CommandRunner.songbridge(["token", "revoke", "7", "--archive", archive], in: dir)
        #expect(unknown.status == 66 && unknown.stderr == "songbridge: no token 7\n", "\(unknown.stderr)")
    }

    /// Two laptops share their work by bundle: the second joins the first's tour, contributions and consent
    /// arrive, the same bundle twice changes nothing, and a damaged bundle is one line, exit 65, nothing changed.
    @Test func twoLaptopsSyncByBundle() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let on = Laptops(dir: dir)
        _ = try await on("a", ["stop", "add", "--place", "Oban", "--nation", "scotland", "--venue", "community-hub", "--date", "2026-12-01"])
        _ = try await on("a", ["contributor", "add", "--name", "Morag Stewart", "--generation", "older-adult", "--consent", "first-name", "--id", "p1"])
        _ = try await on("a", ["song", "new", "--title", "The Ferry", "--stop", "oban-2026-12-01"])
        _ = try await on("a", ["contribute", "1", "--by", "p1", "--lyrics", "The ferry leaves at seven"])
        _ = try await on("a", ["accept", "1"])
        _ = try await on("a", ["merge", "1"])
        #expect(try await on("a", ["show", "1", "--public"]).stdout.contains("ferry leaves at seven"))
        _ = try await on("a", ["sync", "export", "a.zip"])
        let taken = try await on("b", ["sync", "import", "a.zip"])
        #expect(taken.stdout.contains("1 people, 1 songs, 1 contributions"), "\(taken.stdout)")
        #expect(try await on("b", ["sync", "status"]).stdout.split(separator: "\n").last == (try await on("a", ["sync", "status"])).stdout.split(separator: "\n").last, "b joined a's tour")
        #expect(try await on("b", ["sync", "import", "a.zip"]).stdout == "a.zip: nothing new\n")
        _ = try await on("b", ["consent", "p1", "withdrawn"])
        _ = try await on("b", ["sync", "export", "b.zip"])
        _ = try await on("a", ["sync", "import", "b.zip"])
        #expect(!(try await on("a", ["show", "1", "--public"]).stdout.contains("ferry leaves")), "the withdrawal made on b took her line out of a's public song")
        var damaged = try Data(contentsOf: dir.appendingPathComponent("b.zip"))
        damaged[damaged.count / 3] ^= 0xFF
        try damaged.write(to: dir.appendingPathComponent("damaged.zip"))
        let refused = try await on("a", ["sync", "import", "damaged.zip"], status: 65)
        #expect(refused.stderr.hasPrefix("songbridge: damaged.zip: ") && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        _ = try await on("a", ["sync", "import", "missing.zip"], status: 66)
    }

    /// A partner's bundle carried into the central archive on a stick keeps its person's name and its session's
    /// notes as that partner's, as a push with the partner's token would: its own facilitators read them, the
    /// archive's own and another partner's see only what consent shows. An unknown organisation is one line and
    /// nothing taken in.
    @Test func aPartnersBundleCarriedInKeepsItsPrivateDetailsAsThatPartners() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let on = Laptops(dir: dir)
        _ = try await on("p", ["stop", "add", "--place", "Oban", "--nation", "scotland", "--venue", "community-hub", "--date", "2026-12-01"])
        _ = try await on("p", ["contributor", "add", "--name", "Morag Stewart", "--generation", "older-adult", "--consent", "anonymous", "--id", "p1"])
        _ = try await on("p", ["session", "new", "--stop", "oban-2026-12-01", "--notes", "Morag brought the fiddle"])
        _ = try await on("p", ["sync", "export", "p.zip"])
        _ = try await on("c", ["organisation", "add", "Oban Arts"])
        _ = try await on("c", ["organisation", "add", "Glen Trust"])
        let unknown = try await on("c", ["sync", "import", "p.zip", "--organisation", "Nobody"], status: 66)
        #expect(unknown.stderr.hasPrefix("songbridge: no organisation 'Nobody'") && unknown.stderr.split(separator: "\n").count == 1, "\(unknown.stderr)")
        let central = try TourArchive(path: dir.appendingPathComponent("c.sqlite").path)
        #expect(try central.contributors().isEmpty, "nothing was taken in")
        _ = try await on("c", ["sync", "import", "p.zip", "--organisation", "Oban Arts"])
        let oban = try central.organisation("Oban Arts"), glen = try central.organisation("Glen Trust")
        func seen(by viewer: ArchiveViewer) throws -> (name: String?, notes: String?) {
            try TourArchive.$viewer.withValue(viewer) { (try central.contributor("p1").name, try central.sessions(stop: "oban-2026-12-01").first?.notes) }
        }
        let own = try seen(by: .organisation(oban.uid))
        #expect(own.name == "Morag Stewart" && own.notes == "Morag brought the fiddle")
        for other in [ArchiveViewer.home, .organisation(glen.uid), .nobody] {
            let them = try seen(by: other)
            #expect(them.name?.contains("Morag") != true && them.notes == nil, "\(other): \(them)")
        }
    }

    @Test func aSongFromStopToExport() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stop = try await run(["stop", "add", "--place", "Rhyl", "--nation", "wales", "--venue", "school", "--date", "2026-10-01"], in: dir)
        #expect(stop == "rhyl-2026-10-01")
        let mair = try await run(["contributor", "add", "--name", "Mair Lewis", "--generation", "older-adult", "--consent", "full-name"], in: dir)
        let ben = try await run(["contributor", "add", "--name", "Ben Jones", "--generation", "child", "--consent", "full-name"], in: dir)
        let song = try await run(["song", "new", "--title", "Sand and Stars", "--stop", stop, "--key", "G", "--meter", "4/4"], in: dir)
        let a = try await run(["contribute", song, "--by", mair, "--lyrics", "[G]Sand between our toes", "--section", "Verse 1"], in: dir)
        let b = try await run(["contribute", song, "--by", ben, "--lyrics", "stars above the sea", "--section", "Verse 1"], in: dir)
        try await run(["accept", a], in: dir)
        try await run(["accept", b], in: dir)
        #expect(try await run(["merge", song, "--strict"], in: dir) == "1")
        let m = try await run(["contribute", song, "--by", mair, "--melody-abc", "X:1\\nM:4/4\\nL:1/4\\nK:A\\nA B c d|e4|", "--section", "Verse 1"], in: dir)
        try await run(["accept", m], in: dir)
        // The melody came in A: the merge moves it to G and --strict reports the conflict with exit 65.
        try await run(["merge", song, "--strict"], in: dir, status: 65)
        let diff = try await CommandRunner.songbridge(["diff", song, "1", "2", "--archive", dir.appendingPathComponent("tour.sqlite").path], in: dir)
        #expect(diff.stdout.contains("+ Verse 1: melody  (\(mair))"))
        let shown = try await CommandRunner.songbridge(["show", song, "--public", "--archive", dir.appendingPathComponent("tour.sqlite").path], in: dir)
        #expect(shown.stdout.contains("name=Mair Lewis") && !shown.stdout.contains("Ben Jones"))  // a child without guardian consent
        try await run(["export", "--all", "--to", "public", "--public"], in: dir)
        let exported = try String(contentsOf: dir.appendingPathComponent("public/sand-and-stars.cho"), encoding: .utf8)
        #expect(exported.contains("stars above the sea") && !exported.contains("Ben"))
        try await run(["consent", ben, "withdrawn"], in: dir)
        try await run(["export", song, "--to", "public", "--public"], in: dir)
        #expect(try !String(contentsOf: dir.appendingPathComponent("public/sand-and-stars.cho"), encoding: .utf8).contains("stars above the sea"))
        // One ZIP file of Wales's songs, always public: Ben's line is withdrawn, Mair is named.
        let zipped = try await CommandRunner.songbridge(["export", "--all", "--nation", "wales", "--zip", "wales.zip", "--archive", dir.appendingPathComponent("tour.sqlite").path], in: dir)
        #expect(zipped.status == 0 && zipped.stdout == "wales.zip: 1 song\n", "\(zipped.stdout)\(zipped.stderr)")
        let read = try await PythonZip.entries(of: try Data(contentsOf: dir.appendingPathComponent("wales.zip")), in: dir)
        let files = try #require(read.entries, "\(read.problem)")
        let sheet = try #require(files["wales/rhyl-2026-10-01/sand-and-stars.cho"], "\(files.keys.sorted())")
        #expect(sheet.contains("Sand between our toes") && !sheet.contains("stars above the sea") && !sheet.contains("Ben"))
        #expect(files["wales/index.csv"]?.contains("Mair Lewis") == true)
        let refused = try await CommandRunner.songbridge(["export", song, "--nation", "wales", "--zip", "x.zip", "--archive", dir.appendingPathComponent("tour.sqlite").path], in: dir)
        #expect(refused.status != 0 && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        let list = try await CommandRunner.songbridge(["list", "--nation", "wales", "--json", "--archive", dir.appendingPathComponent("tour.sqlite").path], in: dir)
        #expect(list.stdout.contains("\"title\" : \"Sand and Stars\""))
    }

    @Test func importSearchAndBackup() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await CommandRunner.songbridge(["import", Fixtures.songs.path, "--archive", dir.appendingPathComponent("tour.sqlite").path], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").count == 5)
        // The same folder again: refused, the archive unchanged.
        let again = try await CommandRunner.songbridge(["import", Fixtures.songs.path, "--archive", dir.appendingPathComponent("tour.sqlite").path], in: dir)
        #expect(again.status == 75 && again.stderr.contains("already in the archive"), "a conflict: exit 75")
        let found = try await CommandRunner.songbridge(["search", "cwm", "--archive", dir.appendingPathComponent("tour.sqlite").path], in: dir)
        #expect(found.stdout.hasPrefix("1  Cân y Cwm"))
        try await run(["backup", "copy.sqlite"], in: dir)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("copy.sqlite").path))
    }

    @Test func unknownIdsAreOneLineAndExit66() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for args in [["accept", "42"], ["consent", "nobody", "withdrawn"], ["show", "7"], ["merge", "3"]] {
            let r = try await CommandRunner.songbridge(args + ["--archive", dir.appendingPathComponent("tour.sqlite").path], in: dir)
            #expect(r.status == 66, "\(args): not found is EX_NOINPUT")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        }
    }

    @Test func twoProcessesContributingAtOnceLoseNothing() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let person = try await run(["contributor", "add", "--generation", "adult", "--id", "c1"], in: dir)
        let song = try await run(["song", "new", "--title", "Busy"], in: dir)
        let archive = dir.appendingPathComponent("tour.sqlite").path
        // Two shell loops, each adding 15 lines as separate processes, at the same time.
        let script = """
            for i in $(seq 1 15); do "$0" contribute \(song) --by \(person) --lyrics "line $1 $i" --archive \(archive) >/dev/null || exit 1; done
            """
        let binary = CommandRunner.productsFolder.appendingPathComponent("songbridge").path
        let a = Process(), b = Process()
        for (p, name) in [(a, "a"), (b, "b")] {
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", script, binary, name]
            try p.run()
        }
        try await CommandRunner.beside { a.waitUntilExit(); b.waitUntilExit() }
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        let r = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [archive, "SELECT COUNT(*) FROM contribution"], in: dir)
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "30")
    }
}

/// `songbridge search --tune` / `--tune-file` and `songbridge reference`, through the CLI as a person runs it.
@Suite struct TuneSearchCommandTests {
    @Test func aTuneIsFoundFromABCFromItsMIDIFileAndAReferenceBookComesAndGoes() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-tunes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = dir.appendingPathComponent("tour.sqlite").path
        let songs = Fixtures.songs.path
        #expect(try await CommandRunner.songbridge(["import", songs, "--archive", archive], in: dir).status == 0)

        // A phrase in ABC, in another key: the song, its version, section and bars, as text and as JSON.
        let typed = try await CommandRunner.songbridge(["search", "--tune", "K:A\nc2 c2 d2 c2 | BA B2 E4 |", "--limit", "1", "--archive", archive], in: dir)
        #expect(typed.status == 0 && typed.stdout.contains("The Tide Comes In  v1 Verse 1  bars 3–4"), "\(typed.stdout)\(typed.stderr)")
        let json = try await CommandRunner.songbridge(["search", "--tune", "K:A\nc2 c2 d2 c2 | BA B2 E4 |", "--json", "--archive", archive], in: dir)
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(hits.first?["title"] as? String == "The Tide Comes In" && hits.first?["version"] as? Int == 1)

        // The song's own MIDI file (its words track is its tune).
        let midi = dir.appendingPathComponent("tide.mid").path
        #expect(try await CommandRunner.songbridge(["render", Fixtures.songs.appendingPathComponent("the-tide-comes-in.cho").path, "--midi", midi], in: dir).status == 0)
        let byFile = try await CommandRunner.songbridge(["search", "--tune-file", midi, "--limit", "1", "--archive", archive], in: dir)
        #expect(byFile.status == 0 && byFile.stdout.contains("The Tide Comes In"), "\(byFile.stdout)\(byFile.stderr)")

        // Refusals: one line, a status.
        let short = try await CommandRunner.songbridge(["search", "--tune", "GAB", "--archive", archive], in: dir)
        #expect(short.status == 65 && short.stderr == "songbridge: a tune search needs at least 6 notes; the tune has 3\n", "\(short.stderr)")
        let broken = dir.appendingPathComponent("broken.mid")
        try Data("MThd".utf8).write(to: broken)
        #expect(try await CommandRunner.songbridge(["search", "--tune-file", broken.path, "--archive", archive], in: dir).status == 65)
        #expect(try await CommandRunner.songbridge(["search", "--tune-file", dir.appendingPathComponent("none.wav").path, "--archive", archive], in: dir).status == 66)

        // A reference tunebook with one bad tune: named by file and line, the rest imported, found, then removed.
        let book = dir.appendingPathComponent("book.abc")
        try "X:1\nT:The Test Reel\nL:1/8\nK:D\nd2fd AdFA|dfaf gefd|\n\nX:2\nT:Broken\nK:D\nd2 [[ fd|\n".write(to: book, atomically: true, encoding: .utf8)
        let imported = try await CommandRunner.songbridge(["reference", "import", book.path, "--name", "Test book", "--archive", archive], in: dir)
        #expect(imported.status == 0 && imported.stdout == "imported 1 tunes as 'Test book'; 1 left out\n", "\(imported.stdout)")
        #expect(imported.stderr.hasPrefix("songbridge: \(book.path):10:4: error: chord is not closed"), "\(imported.stderr)")
        let found = try await CommandRunner.songbridge(["search", "--tune", "K:G\nG2BG DGB,D|GBdB cAGE|", "--limit", "1", "--archive", archive], in: dir)
        #expect(found.stdout.contains("Test book X:1  The Test Reel"), "\(found.stdout)")
        #expect(try await CommandRunner.songbridge(["reference", "list", "--archive", archive], in: dir).stdout.hasPrefix("Test book  1 tunes"))
        #expect(try await CommandRunner.songbridge(["reference", "remove", "Test book", "--archive", archive], in: dir).stdout == "removed 'Test book' (1 tunes)\n")
        #expect(try await CommandRunner.songbridge(["reference", "remove", "Test book", "--archive", archive], in: dir).status == 66)
    }
}

@Suite struct SongbookCommandTests {
    @Test func aSongbookIsPrintedAndABadChoiceIsOneLine() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-book-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = ["--archive", dir.appendingPathComponent("tour.sqlite").path]
        #expect(try await CommandRunner.songbridge(["import", Fixtures.songs.path] + archive, in: dir).status == 0)
        let printed = try await CommandRunner.songbridge(["songbook", "--search", "sleepy", "--chords", "-o", "hush.pdf"] + archive, in: dir)
        #expect(printed.status == 0 && printed.stdout == "hush.pdf: 1 song, large-print\n", "\(printed.stderr)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("hush.pdf")).starts(with: Array("%PDF".utf8)))
        let page = try await CommandRunner.songbridge(["songbook", "--all", "--profile", "musician", "--html", "band.html", "--public-url", "https://songs.example.org/"] + archive, in: dir)
        #expect(page.status == 0)
        let html = try String(contentsOf: dir.appendingPathComponent("band.html"), encoding: .utf8)
        #expect(html.contains("<figure class=\"notation part\"><svg") && html.contains("https://songs.example.org/songs/"))
        // Bad choices: one line on standard error, a status that says what kind.
        for (args, status) in [(["songbook", "-o", "x.pdf"], Int32(64)), (["songbook", "--all", "--stop", "x", "-o", "x.pdf"], 64),
                               (["songbook", "--all", "--profile", "poster", "-o", "x.pdf"], 64), (["songbook", "--stop", "atlantis-2026-01", "-o", "x.pdf"], 66),
                               (["songbook", "--all"], 64)] {
            let r = try await CommandRunner.songbridge(args + archive, in: dir)
            #expect(r.status == status, "\(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.pdf").path))
    }
}

@Suite struct MusicXMLCommandTests {
    /// A song out as compressed MusicXML, back in as a melody contribution to another song, merged; a hostile file
    /// is one line and exit 65, and adds nothing.
    @Test func aScoreGoesOutAsMXLAndComesBackAsAContribution() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-mxl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = ["--archive", dir.appendingPathComponent("tour.sqlite").path]
        #expect(try await CommandRunner.songbridge(["import", Fixtures.songs.path] + archive, in: dir).status == 0)
        #expect(try await CommandRunner.songbridge(["musicxml", "Songs/the-tide-comes-in.cho", "-o", dir.appendingPathComponent("tide.mxl").path], in: Fixtures.root).status == 0)
        #expect(try Data(contentsOf: dir.appendingPathComponent("tide.mxl")).starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let added = try await CommandRunner.songbridge(["contribute", "1", "--by", "c-gj41", "--musicxml", "tide.mxl", "--section", "Chorus"] + archive, in: dir)
        #expect(added.status == 0, "\(added.stderr)")
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await CommandRunner.songbridge(["accept", id] + archive, in: dir).status == 0)
        // The merge reads it as the tune it is (in G, moved into the song's C), and keeps the chorus's own tune.
        let merged = try await CommandRunner.songbridge(["merge", "1"] + archive, in: dir)
        #expect(merged.status == 0 && merged.stdout.contains("Chorus: the melody was given in G and moved into C"), "\(merged.stdout)")

        let hostile = dir.appendingPathComponent("evil.musicxml")
        try #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/shadow">]><score-partwise><part id="P1"><measure><note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration><lyric><text>&e;</text></lyric></note></measure></part></score-partwise>"#
            .write(to: hostile, atomically: true, encoding: .utf8)
        let refused = try await CommandRunner.songbridge(["contribute", "1", "--by", "c-gj41", "--musicxml", "evil.musicxml"] + archive, in: dir)
        #expect(refused.status == 65 && refused.stderr.split(separator: "\n").count == 1 && refused.stderr.contains("entities"), "\(refused.stderr)")
        let next = try await CommandRunner.songbridge(["contribute", "1", "--by", "c-gj41", "--idea", "a key change at the end"] + archive, in: dir)
        #expect(next.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String((Int(id) ?? 0) + 1))
    }
}
