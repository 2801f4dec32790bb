import Foundation
import PostgresArchive
import SongArchive
import SongCore
import SongTesting
import TourExport

extension Bench {
    /// A laptop's 10,000 contributions (200 people, 500 songs) synced into a new archive: gathered, packed as a
    /// bundle, unpacked and taken in, in process; taken in again (nothing new); and pushed over HTTP by the CLI to
    /// a `songbridge serve` of another new archive, whole processes. The figure (under 5 s for 10,000
    /// contributions) is set for the central PostgreSQL server: with a PostgreSQL server named in
    /// SONGBRIDGE_TEST_POSTGRES (make bench starts one), the same bundle and push go to an archive there too, and
    /// both engines' figures are printed side by side.
    func syncBench() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-sync-bench")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let laptop = try TourArchive(path: dir.appendingPathComponent("laptop.sqlite").path, source: "sync bench")
        try laptop.add(TourStop(id: "rhyl-2026-12-01", place: "Rhyl", nation: .wales, venue: .school, date: "2026-12-01"))
        let people = (0..<200).map { "p\($0)" }
        for (i, id) in people.enumerated() {
            try laptop.add(Contributor(id: id, name: "Person \(i)", generation: [.child, .adult, .olderAdult][i % 3], consent: .firstName, guardianConsent: true))
        }
        let songs = try (0..<500).map { i in try laptop.newSong(title: "Song \(i)", stop: "rhyl-2026-12-01") }
        let words = SongGeneratorWords.all
        let made = DispatchTime.now().uptimeNanoseconds
        for i in 0..<10_000 {
            let line = (0..<8).map { words[($0 * 31 + i * 7) % words.count] }.joined(separator: " ")
            try laptop.contribute(song: songs[i % songs.count], by: [people[i % people.count]], kind: .lyrics, payload: line, section: "Verse \(i % 4 + 1)")
        }
        print(String(format: "sync setup:      %8.1f s   10,000 contributions made one at a time on the laptop", Double(DispatchTime.now().uptimeNanoseconds - made) / 1e9))
        var changes: SyncChanges?
        let gather = try seconds { changes = try laptop.syncChanges() }
        var bundle = Data()
        let pack = try seconds { bundle = try SyncBundle.pack(changes!) }
        let postgres = ProcessInfo.processInfo.environment["SONGBRIDGE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
        var centrals = [("SQLite", dir.appendingPathComponent("central.sqlite").path)]
        if postgres != nil { centrals.append(("PostgreSQL", try TestPostgres.makeDatabase())) }
        for (engine, location) in centrals {
            let central = try TourArchive.open(location, source: "sync bench")
            var report = SyncReport()
            let takeIn = try seconds { report = try central.takeIn(try SyncBundle.unpack(bundle)) }
            let again = try seconds { _ = try central.takeIn(try SyncBundle.unpack(bundle)) }
            print(String(format: "sync bundle:     %8.2f s   into %@: gather %.2f s, pack %.2f s (%.1f MB), unpack and take in %.2f s (%d contributions new); again %.2f s (nothing new)",
                         gather + pack + takeIn, engine, gather, pack, Double(bundle.count) / 1e6, takeIn, report.contributions, again))
        }
        if postgres == nil { print("sync bundle:     (no PostgreSQL: make bench runs one beside it)") }
        // Over HTTP, whole processes: the CLI pushes to a server of a new archive, on each engine.
        guard let cli = Self.builtCLI else { return }
        var served = [("SQLite", dir.appendingPathComponent("served.sqlite").path)]
        if postgres != nil { served.append(("PostgreSQL", try TestPostgres.makeDatabase())) }
        for (engine, location) in served { try pushBench(cli: cli, to: location, engine: engine, from: laptop.path) }
    }

    /// `songbridge sync push` of the laptop's work to a `songbridge serve` of `archive`, timed, then again.
    func pushBench(cli: String, to archive: String, engine: String, from laptop: String) throws {
        let token = "sync-bench-token-0123456789abcdef"
        let server = Process()
        server.executableURL = URL(fileURLWithPath: cli)
        server.arguments = ["serve", "--archive", archive, "--port", "0", "--token", token]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let announcement = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        guard let address = announcement.split(separator: "\n").first?.components(separatedBy: " at ").last?.trimmingCharacters(in: .whitespaces) else {
            print("sync push:       the server did not start (\(announcement))")
            return
        }
        let push = seconds { spawnAndWait(cli, ["sync", "push", address, "--token", token, "--archive", laptop]) }
        let nothing = seconds { spawnAndWait(cli, ["sync", "push", address, "--token", token, "--archive", laptop]) }
        print(String(format: "sync push:       %8.2f s   songbridge sync push of the 10,000 to songbridge serve on %@ (HTTP, loopback); again %.2f s (nothing new since)",
                     push, engine, nothing))
    }
}

/// How long `body` takes, in seconds.
private func seconds(_ body: () throws -> Void) rethrows -> Double {
    let t = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
}
