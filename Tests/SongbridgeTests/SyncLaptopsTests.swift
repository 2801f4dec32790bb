import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB
import SongTesting
import Testing

/// Three laptops, each with its own archive file and its own `songbridge serve` on its own loopback address,
/// record apart and then sync over the network with `songbridge sync push/pull`, in a shuffled order, some pairs
/// twice, one push killed as it starts: afterwards every archive holds the same contributions, none lost or
/// doubled, a withdrawal made on one laptop has left the others' public pages and API, and a song merged on every
/// laptop apart has the same version graph everywhere, with its branches joined by the next merge.
@Suite struct SyncLaptopsTests {
    static let token = "laptop-sync-token-0123456789abcdef"

    /// A `songbridge serve` of a new, empty archive, started on a thread of its own.
    func serve(on host: String) async throws -> ServeProcess {
        try await ServeProcess(arguments: ["--host", host, "--token", Self.token], demoSongs: false)
    }

    /// Every contribution an archive holds, by global id, with its review and words.
    static func contributions(_ archive: String) throws -> [String: String] {
        try DatabaseQueue(path: archive).read { db in
            try Row.fetchAll(db, sql: "SELECT uid, status, payload FROM contribution").reduce(into: [:]) { $0[$1["uid"]] = "\($1["status"] as String) \($1["payload"] as String)" }
        }
    }

    /// An archive's version graph: each version's global id with its parents', whatever its local number.
    static func versionGraph(_ archive: String) throws -> Set<String> {
        try DatabaseQueue(path: archive).read { db in
            Set(try Row.fetchAll(db, sql: "SELECT uid, parents FROM version").map { row in
                "\(row["uid"] as String) <- " + (row["parents"] as String).split(separator: " ").sorted().joined(separator: ",")
            })
        }
    }

    @Test func threeLaptopsSyncOverTheNetworkInAnyOrderAndAWithdrawalReachesEveryPublicPage() async throws {
        // Three servers and some sixty programs: heavy, so never while a test listens in real time.
        let gate = await RealTimeGate.shared.heavy()
        defer { gate.leave() }
        // Laptop a starts the tour; b and c start empty and join it with their first pull.
        let a = try await serve(on: "127.0.0.1")
        defer { a.stop() }
        try await TourSyncSteps.startTour(at: a.archive)
        let b = try await serve(on: "127.0.0.2")
        defer { b.stop() }
        let c = try await serve(on: "127.0.0.3")
        defer { c.stop() }
        let laptops = [a, b, c]
        for joining in [b, c] { try await songbridge(["sync", "pull", a.base.absoluteString, "--token", Self.token], archive: joining.archive) }
        try await TourSyncSteps.recordApart(laptops.map(\.archive))
        try await TourSyncSteps.killedPush(from: b.archive, to: a.base.absoluteString, token: Self.token, after: .milliseconds(30))
        // Syncs in a shuffled order, some twice.
        var generator = Mutator(seed: 11)
        let moves = [(1, 0, "push"), (2, 0, "push"), (0, 1, "push"), (2, 1, "pull"), (1, 2, "pull"), (0, 2, "pull"), (1, 0, "push"), (2, 0, "pull")].shuffled(using: &generator)
        for (from, to, how) in moves {
            try await songbridge(["sync", how, laptops[to].base.absoluteString, "--token", Self.token], archive: laptops[from].archive)
        }
        // Everyone pulls from everyone once more.
        for (from, to) in [(0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1)] {
            try await songbridge(["sync", "pull", laptops[to].base.absoluteString, "--token", Self.token], archive: laptops[from].archive)
        }
        let held = try laptops.map { try Self.contributions($0.archive) }
        #expect(held[0] == held[1] && held[1] == held[2], "\(held.map(\.count))")
        #expect(held[0].count == 1 + 6, "every contribution once: none lost, none doubled")
        // The same work carried by bundles instead, laptop to laptop (a → b's stick → a new laptop d), arrives the same.
        let d = b.folder.appendingPathComponent("d.sqlite").path, stick = b.folder.appendingPathComponent("stick.zip").path
        try await songbridge(["sync", "export", stick], archive: b.archive)
        try await songbridge(["sync", "import", stick], archive: d)
        #expect(try Self.contributions(d) == held[0], "a bundle carries what the network did")
        // A pull with the wrong token is refused with one line, and changes nothing.
        let refused = try await songbridge(["sync", "pull", a.base.absoluteString, "--token", "not-the-token"], archive: c.archive, status: 65)
        #expect(refused.stderr.contains("refused the token") && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        // Even on loopback, a sync needs the token: it carries names and consent to another machine.
        let (refusal, answer) = try await URLSession.shared.data(from: try #require(URL(string: "api/v1/sync/changes", relativeTo: a.base)))
        #expect((answer as? HTTPURLResponse)?.statusCode == 401 && String(decoding: refusal, as: UTF8.self).contains("token"))
        // Eileen withdraws at laptop c; after c pushes to a and b, her line has left their public song and API.
        for laptop in laptops { try await songbridge(["merge", "1"], archive: laptop.archive) }
        let (before, _) = try await URLSession.shared.data(from: b.base.appendingPathComponent("api/v1/songs/1"))
        #expect(String(decoding: before, as: UTF8.self).contains("white horses"))
        try await songbridge(["consent", "p1", "withdrawn"], archive: c.archive)
        for other in [a, b] { try await songbridge(["sync", "push", other.base.absoluteString, "--token", Self.token], archive: c.archive) }
        for other in [a, b] {
            for path in ["api/v1/songs/1", "songs/1", "api/v1/songs/1/chordpro", "api/v1/contributors", "search?q=horses"] {
                let (body, response) = try await URLSession.shared.data(from: try #require(URL(string: path, relativeTo: other.base)))
                let text = String(decoding: body, as: UTF8.self)
                #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(path)")
                #expect(!text.contains("white horses") && !text.contains("Eileen"), "\(other.base) \(path) still shows her")
            }
        }
        // Each laptop merged the song apart. Once every laptop has pulled from every other, each holds the three
        // versions as branches, the same graph everywhere, and the song page says so.
        for (from, to) in [(0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1)] {
            try await songbridge(["sync", "pull", laptops[to].base.absoluteString, "--token", Self.token], archive: laptops[from].archive)
        }
        let apart = try laptops.map { try Self.versionGraph($0.archive) }
        #expect(apart[0] == apart[1] && apart[1] == apart[2] && apart[0].count == 3, "\(apart)")
        let (page, _) = try await URLSession.shared.data(from: a.base.appendingPathComponent("songs/1"))
        let html = String(decoding: page, as: UTF8.self)
        #expect(html.contains("were merged apart on different laptops; the next merge joins them") && html.contains("version branch"), "\(html.prefix(300))")
        #expect(try await songbridge(["versions", "1"], archive: b.archive).stdout.contains("branches: versions 1 and 2 and 3"))
        // The next merge, on a, joins them; once it has reached b and c, every laptop holds one graph with one head.
        let joined = try await songbridge(["merge", "1"], archive: a.archive).stdout
        #expect(joined.contains("joined 3 branches"), "\(joined)")
        for other in [b, c] { try await songbridge(["sync", "push", other.base.absoluteString, "--token", Self.token], archive: a.archive) }
        let together = try laptops.map { try Self.versionGraph($0.archive) }
        #expect(together[0] == together[1] && together[1] == together[2] && together[0].count == 4)
        let listed = try await songbridge(["versions", "1"], archive: c.archive).stdout
        #expect(listed.contains("joins ") && !listed.contains("branches:"), "\(listed)")
        let (versions, _) = try await URLSession.shared.data(from: c.base.appendingPathComponent("api/v1/songs/1/versions"))
        let list = try #require(try JSONSerialization.jsonObject(with: versions) as? [[String: Any]])
        #expect((list.last?["parents"] as? [Int])?.sorted() == [1, 2, 3], "\(list.map { $0["parents"] ?? "" })")
        let (joinedPage, _) = try await URLSession.shared.data(from: c.base.appendingPathComponent("songs/1"))
        #expect(String(decoding: joinedPage, as: UTF8.self).contains("Version 4 joined versions"))
    }
}
