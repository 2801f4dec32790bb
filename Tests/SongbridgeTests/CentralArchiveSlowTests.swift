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
        // A facilitator token made in the central archive by URL, as the README shows, is one the server takes.
        let made = try await songbridge(["token", "create", "--label", "Central server"], archive: central.archive).stdout
        let centralToken = try #require(made.split(whereSeparator: \.isWhitespace).last.map(String.init))
        #expect(try TourArchive.open(central.archive, source: "test").tokenLabel(centralToken) == "Central server", "\(made)")
        // Laptop a starts the tour and sends it to the centre; b and c start empty and join it from there.
        let a = try await ServeProcess(arguments: ["--host", "127.0.0.1", "--token", Self.token], demoSongs: false)
        defer { a.stop() }
        try await TourSyncSteps.startTour(at: a.archive)
        try await songbridge(["sync", "push", hub, "--token", Self.token], archive: a.archive)
        let b = try await ServeProcess(arguments: ["--host", "127.0.0.2", "--token", Self.token], demoSongs: false)
        defer { b.stop() }
        let c = try await ServeProcess(arguments: ["--host", "127.0.0.3", "--token", Self.token], demoSongs: false)
        defer { c.stop() }
        let laptops = [a, b, c]
        for joining in [b, c] { try await songbridge(["sync", "pull", hub, "--token", Self.token], archive: joining.archive) }
        // Apart, offline: each laptop registers its own "p2" and adds two lines, one accepted; then a push to the
        // centre is killed as it starts.
        try await TourSyncSteps.recordApart(laptops.map(\.archive))
        try await TourSyncSteps.killedPush(from: b.archive, to: hub, token: Self.token, after: .milliseconds(40))
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
