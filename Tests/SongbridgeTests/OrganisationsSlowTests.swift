import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SongArchive
import SongTesting
import Testing

/// Two partner organisations share the central archive on PostgreSQL, served by `songbridge serve`. Each one's
/// laptop syncs with its own organisation's token. Then each token tries every endpoint that names people or shows
/// session notes, and the laptops' own files are read byte by byte: one organisation's private details (a name beyond
/// what consent shows, a session's notes) never reach the other, while its own come back whole. The database itself
/// is asked as the server's role with each organisation set: its row-level security holds even for a statement
/// that does not filter.
@Suite struct OrganisationsSlowTests {
    /// What one organisation wrote down that the other must never read.
    static let choirPrivate = ["Doherty", "Roisin"]
    static let centrePrivate = ["Pottinger", "carer"]

    @Test func aPartnersTokenNeverReadsAnotherPartnersPrivateDetails() async throws {
        let gate = await RealTimeGate.shared.heavy()
        defer { gate.leave() }
        // The charity sets up the central archive by URL: two partners, a token for each; then serves it beyond
        // this machine (every private page needs a token there).
        let url = try await TestPostgres.newDatabase()
        let choir = try await songbridge(["organisation", "add", "Portrush Community Choir"], archive: url).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try await songbridge(["organisation", "add", "Weymouth Day Centre"], archive: url)
        #expect(try TourArchive.open(url, source: "test").organisations().map(\.name) == ["Portrush Community Choir", "Weymouth Day Centre"])
        let choirToken = try await Self.token("Choir laptop", of: "Portrush Community Choir", at: url)
        let centreToken = try await Self.token("Day centre laptop", of: "Weymouth Day Centre", at: url)
        let listed = try await songbridge(["token", "list"], archive: url).stdout
        let central = try await ServeProcess(archiveURL: url, arguments: ["--host", "127.0.0.5"], demoSongs: false)
        defer { central.stop() }
        let hub = central.base.absoluteString
        #expect(listed.contains("Choir laptop") && listed.contains("Weymouth Day Centre"), "\(listed)")

        // The choir's laptop starts the tour (Eileen Doherty, credited by first name) with a session's notes, and
        // pushes it with the choir's token.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("organisations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let choirLaptop = folder.appendingPathComponent("choir.sqlite").path, centreLaptop = folder.appendingPathComponent("centre.sqlite").path
        try await TourSyncSteps.startTour(at: choirLaptop)
        try await songbridge(["session", "new", "--stop", "portrush-2026-12-01", "--date", "2026-12-01", "--notes", "Eileen Doherty's daughter Roisin came too"],
                             archive: choirLaptop)
        try await songbridge(["merge", "1"], archive: choirLaptop)
        try await songbridge(["sync", "push", hub, "--token", choirToken], archive: choirLaptop)
        // The day centre's laptop joins from the centre, then adds Wilfred Pottinger (initials only), a line of his
        // and a session whose notes name him, and pushes with its own token.
        try await songbridge(["sync", "pull", hub, "--token", centreToken], archive: centreLaptop)
        try await songbridge(["contributor", "add", "--name", "Wilfred Pottinger", "--generation", "older-adult", "--consent", "initials", "--id", "w1"], archive: centreLaptop)
        let line = try await songbridge(["contribute", "1", "--by", "w1", "--lyrics", "The gulls above the harbour wall"], archive: centreLaptop).stdout
        try await songbridge(["accept", line.trimmingCharacters(in: .whitespacesAndNewlines)], archive: centreLaptop)
        try await songbridge(["merge", "1"], archive: centreLaptop)
        try await songbridge(["session", "new", "--stop", "portrush-2026-12-01", "--date", "2026-12-02", "--notes", "Wilfred Pottinger's carer asked for a quiet room"],
                             archive: centreLaptop)
        try await songbridge(["sync", "push", hub, "--token", centreToken], archive: centreLaptop)
        try await songbridge(["sync", "pull", hub, "--token", choirToken], archive: choirLaptop)

        // Each laptop's file holds its own organisation's details and none of the other's (read as bytes, so no
        // query can hide what is there); each holds the other's people as consent shows them.
        let choirFile = Self.bytes(of: choirLaptop), centreFile = Self.bytes(of: centreLaptop)
        for word in Self.centrePrivate { #expect(choirFile.range(of: Data(word.utf8)) == nil, "the choir's laptop holds '\(word)'") }
        for word in Self.choirPrivate { #expect(centreFile.range(of: Data(word.utf8)) == nil, "the day centre's laptop holds '\(word)'") }
        #expect(try TourArchive.open(choirLaptop, source: "test").contributor("w1").name == "W. P.")
        #expect(try TourArchive.open(centreLaptop, source: "test").contributor("p1").name == "Eileen")
        #expect(try TourArchive.open(choirLaptop, source: "test").contributor("p1").name == "Eileen Doherty", "the choir's own name came back whole")

        // Every endpoint that names people, asked with each token: the other's details never, its own where the
        // page shows private names.
        let paths = ["people", "songs/1/capture", "songs/1", "api/v1/songs/1", "api/v1/songs/1/latest", "api/v1/songs/1/chordpro", "api/v1/songs/1/abc",
                     "api/v1/songs/1/versions", "api/v1/contributors",
                     "api/v1/sessions", "api/v1/sync/changes", "search?q=gulls"]
        for (token, own, others) in [(choirToken, Self.choirPrivate, Self.centrePrivate), (centreToken, Self.centrePrivate, Self.choirPrivate)] {
            var seenOwn: Set<String> = []
            for path in paths {
                let text = try await Self.get(path, from: central.base, token: token)
                for word in others { #expect(!text.contains(word), "\(path) shows '\(word)' to another organisation's token") }
                seenOwn.formUnion(own.filter { text.contains($0) })
            }
            #expect(seenOwn == Set(own), "a token sees its own organisation's details (\(seenOwn))")
        }
        // Without a token the private pages are refused, and the public ones show neither partner's details.
        for path in paths {
            let text = try await Self.get(path, from: central.base, token: nil)
            for word in Self.choirPrivate + Self.centrePrivate { #expect(!text.contains(word), "\(path) shows '\(word)' without a token") }
        }

        // The database as the server's own role: with the choir's organisation set, a statement that asks for every
        // name gets the choir's only; with none set, none; and it cannot write a row as another organisation's.
        let names = try await TestPostgres.psql("SELECT set_config('songbridge.organisation', '\(choir)', false); SELECT string_agg(name, ',') FROM personalName",
                                                asArchiveOf: central.archive)
        #expect(names.split(separator: "\n").last == "Eileen Doherty", "\(names)")
        let none = try await TestPostgres.psql("SELECT count(*) FROM personalName", asArchiveOf: central.archive)
        #expect(none.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "with no organisation set: \(none)")
        let everyone = try await TestPostgres.psql("SELECT set_config('songbridge.organisation', '*', false); SELECT count(*) FROM personalName",
                                                   asArchiveOf: central.archive)
        #expect(everyone.split(separator: "\n").last == "2", "both names are there: \(everyone)")
        let removed = try await TestPostgres.psql("""
            SELECT set_config('songbridge.organisation', '\(choir)', false);
            WITH gone AS (DELETE FROM personalName WHERE contributorId = 'w1' RETURNING 1) SELECT count(*) FROM gone
            """, asArchiveOf: central.archive)
        #expect(removed.split(separator: "\n").last == "0", "the choir's role removed the day centre's row: \(removed)")
        #expect(try TourArchive.open(central.archive, source: "test").contributor("w1").name == "Wilfred Pottinger")
    }

    /// A token of `organisation` made in the archive at `archive` by the CLI.
    static func token(_ label: String, of organisation: String, at archive: String) async throws -> String {
        let made = try await songbridge(["token", "create", "--label", label, "--organisation", organisation], archive: archive).stdout
        return try #require(made.split(whereSeparator: \.isWhitespace).last.map(String.init))
    }

    /// The body of `path` on the server at `base`, asked with `token` (as a facilitator's laptop or tablet does).
    static func get(_ path: String, from base: URL, token: String?) async throws -> String {
        var request = URLRequest(url: try #require(URL(string: path, relativeTo: base)))
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (body, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        #expect(status == 200 || (token == nil && status == 401), "\(path): \(status)")
        return String(decoding: body, as: UTF8.self)
    }

    /// An SQLite archive's bytes, its write-ahead log's too if one is left.
    static func bytes(of archive: String) -> Data {
        ["", "-wal"].reduce(into: Data()) { all, suffix in all += (try? Data(contentsOf: URL(fileURLWithPath: archive + suffix))) ?? Data() }
    }
}
