import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PostgresArchive
import SongArchive
import SongTesting
import Testing

/// Three laptops, each with its own archive file and its own `songbridge serve` on its own loopback address, and
/// one central archive on PostgreSQL served by `songbridge serve --archive postgres://…`. The laptops record apart,
/// then sync with the central server only, in a shuffled order, some twice, one push killed as it starts.
/// Afterwards every archive, the central one too, holds the same contributions, none lost or doubled; a withdrawal
/// made on one laptop has left the others' and the central server's public pages; versions merged apart form the
/// same graph everywhere; and a bundle exported from the central archive carries the same work to a new laptop.
@Suite struct CentralArchiveSlowTests {
    static let token = "central-sync-token-0123456789abcdef"

    @discardableResult
    func songbridge(_ arguments: [String], archive: String, status: Int32 = 0) async throws -> CommandResult {
        let r = try await CommandRunner.songbridge(arguments + ["--archive", archive])
        #expect(r.status == status, "\(arguments): \(r.stderr)")
        return r
    }

    /// Every contribution an archive holds, by global id, with its review and words (read through the archive's
    /// own sync changes, so the same on both engines).
    static func contributions(_ archive: String) throws -> [String: String] {
        try TourArchive.open(archive, source: "test").syncChanges().contributions.reduce(into: [:]) { $0[$1.uid] = "\($1.status) \($1.payload)" }
    }

    /// An archive's version graph: each version's global id with its parents'.
    static func versionGraph(_ archive: String) throws -> Set<String> {
        Set(try TourArchive.open(archive, source: "test").syncChanges().versions?.map { "\($0.uid) <- " + $0.parents.sorted().joined(separator: ",") } ?? [])
    }

    @Test func threeLaptopsSyncThroughTheCentralArchiveOnPostgreSQL() async throws {
        let gate = await RealTimeGate.shared.heavy()
        defer { gate.leave() }
        let central = try await ServeProcess(archiveURL: try await TestPostgres.newDatabase(), arguments: ["--host", "127.0.0.4", "--token", Self.token], demoSongs: false)
        defer { central.stop() }
        let hub = central.base.absoluteString
        // Laptop a starts the tour and sends it to the centre; b and c start empty and join it from there.
        let a = try await ServeProcess(arguments: ["--host", "127.0.0.1", "--token", Self.token], demoSongs: false)
        defer { a.stop() }
        try await songbridge(["stop", "add", "--place", "Portrush", "--nation", "northern-ireland", "--venue", "care-home", "--date", "2026-12-01"], archive: a.archive)
        try await songbridge(["contributor", "add", "--name", "Eileen Doherty", "--generation", "older-adult", "--consent", "first-name", "--id", "p1"], archive: a.archive)
        try await songbridge(["song", "new", "--title", "The Strand", "--stop", "portrush-2026-12-01"], archive: a.archive)
        try await songbridge(["contribute", "1", "--by", "p1", "--lyrics", "Down on the strand where the white horses run"], archive: a.archive)
        try await songbridge(["accept", "1"], archive: a.archive)
        try await songbridge(["sync", "push", hub, "--token", Self.token], archive: a.archive)
        let b = try await ServeProcess(arguments: ["--host", "127.0.0.2", "--token", Self.token], demoSongs: false)
        defer { b.stop() }
        let c = try await ServeProcess(arguments: ["--host", "127.0.0.3", "--token", Self.token], demoSongs: false)
        defer { c.stop() }
        let laptops = [a, b, c]
        for joining in [b, c] { try await songbridge(["sync", "pull", hub, "--token", Self.token], archive: joining.archive) }
        // Apart, offline: each laptop registers its own "p2" and adds two lines, one accepted.
        for (i, laptop) in laptops.enumerated() {
            try await songbridge(["contributor", "add", "--name", ["Sam", "Aoife", "Dylan"][i], "--generation", "child", "--id", "p2"], archive: laptop.archive)
            let first = try await songbridge(["contribute", "1", "--by", "p2", "--lyrics", "Laptop \(i) sings the first line"], archive: laptop.archive).stdout
            try await songbridge(["contribute", "1", "--by", "p2", "--lyrics", "Laptop \(i) sings the second line"], archive: laptop.archive)
            try await songbridge(["accept", first.trimmingCharacters(in: .whitespacesAndNewlines)], archive: laptop.archive)
        }
        // A push to the centre killed as it starts: whether or not its batch got there, the syncs after make up for it.
        let killed = Process()
        killed.executableURL = CommandRunner.productsFolder.appendingPathComponent("songbridge")
        killed.arguments = ["sync", "push", hub, "--token", Self.token, "--archive", b.archive]
        killed.standardOutput = FileHandle.nullDevice
        killed.standardError = FileHandle.nullDevice
        try killed.run()
        try await Task.sleep(for: .milliseconds(40))
        kill(killed.processIdentifier, SIGKILL)
        _ = try await CommandRunner.beside { killed.waitUntilExit() }
        // Pushes and pulls with the centre in a shuffled order, some twice; then every laptop pushes and pulls once more.
        var generator = Mutator(seed: 29)
        let moves = [(0, "push"), (1, "push"), (2, "pull"), (1, "pull"), (2, "push"), (0, "pull"), (1, "push"), (2, "push")].shuffled(using: &generator)
        for (laptop, how) in moves { try await songbridge(["sync", how, hub, "--token", Self.token], archive: laptops[laptop].archive) }
        for laptop in laptops { try await songbridge(["sync", "push", hub, "--token", Self.token], archive: laptop.archive) }
        for laptop in laptops { try await songbridge(["sync", "pull", hub, "--token", Self.token], archive: laptop.archive) }
        let held = try laptops.map { try Self.contributions($0.archive) }
        let atCentre = try Self.contributions(central.archive)
        #expect(held[0] == held[1] && held[1] == held[2] && held[0] == atCentre, "\(held.map(\.count)) and \(atCentre.count) at the centre")
        #expect(atCentre.count == 1 + 6, "every contribution once: none lost, none doubled")
        // A bundle exported from the central archive carries the same work to a new laptop.
        let d = a.folder.appendingPathComponent("d.sqlite").path, stick = a.folder.appendingPathComponent("stick.zip").path
        try await songbridge(["sync", "export", stick], archive: central.archive)
        try await songbridge(["sync", "import", stick], archive: d)
        #expect(try Self.contributions(d) == atCentre, "a bundle from the centre carries what the network did")

        // Each laptop merges the song apart; through the centre every archive gets the same graph of branches.
        for laptop in laptops { try await songbridge(["merge", "1"], archive: laptop.archive) }
        for laptop in laptops { try await songbridge(["sync", "push", hub, "--token", Self.token], archive: laptop.archive) }
        for laptop in laptops { try await songbridge(["sync", "pull", hub, "--token", Self.token], archive: laptop.archive) }
        let graphs = try (laptops.map(\.archive) + [central.archive]).map { try Self.versionGraph($0) }
        #expect(Set(graphs).count == 1 && graphs[0].count == 3, "\(graphs)")

        // Eileen withdraws at laptop c; once c has pushed to the centre and a and b have pulled from it, her line
        // has left every public page and the API, the centre's too.
        let (before, _) = try await URLSession.shared.data(from: central.base.appendingPathComponent("api/v1/songs/1"))
        #expect(String(decoding: before, as: UTF8.self).contains("white horses"), "the centre serves the song before")
        try await songbridge(["consent", "p1", "withdrawn"], archive: c.archive)
        try await songbridge(["sync", "push", hub, "--token", Self.token], archive: c.archive)
        for laptop in [a, b] { try await songbridge(["sync", "pull", hub, "--token", Self.token], archive: laptop.archive) }
        for server in [a, b, central] {
            for path in ["api/v1/songs/1", "songs/1", "api/v1/songs/1/chordpro", "api/v1/contributors", "search?q=horses"] {
                let (body, response) = try await URLSession.shared.data(from: try #require(URL(string: path, relativeTo: server.base)))
                let text = String(decoding: body, as: UTF8.self)
                #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(server.base) \(path)")
                #expect(!text.contains("white horses") && !text.contains("Eileen"), "\(server.base) \(path) still shows her")
            }
        }
    }
}
