import Foundation
import GRDB
import SongTesting
import Testing

/// A sync that fails as it would on a tour (the faults): a connection dropped halfway through an answer, a
/// server of a newer Songbridge, and a laptop whose disk fills as it takes a pull in. Each ends with one line on
/// stderr and a non-zero exit, leaves the laptop's archive as it was, and the next sync picks up where it left off,
/// through the same address. The faults come from `scripts/faulty-sync-peer.py`, which passes each request on to a
/// real `songbridge serve` and spoils its answer; the full disk is a small tmpfs in a mount namespace of its own.
@Suite struct SyncFaultsTests {
    static let token = "laptop-sync-token-0123456789abcdef"

    /// The faulty peer in front of `upstream`, on a loopback port of its own; killed by `stop`.
    final class FaultyPeer: Sendable {
        let url: String
        private let process: Process

        init(_ mode: String, upstream: URL) async throws {
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", Fixtures.root.appendingPathComponent("scripts/faulty-sync-peer.py").path, mode, upstream.absoluteString]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let port = Int(try await CommandRunner.firstLine(of: out.fileHandleForReading).trimmingCharacters(in: .whitespaces))
            guard let port else {
                kill(process.processIdentifier, SIGKILL)
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the faulty peer did not start"])
            }
            url = "http://127.0.0.1:\(port)"
        }

        /// Kills it (SIGKILL: the test process's threads block SIGTERM, and a program started from one inherits that).
        func stop() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// A new laptop's archive, empty but made (its tables in place), in `folder`.
    static func emptyLaptop(in folder: URL, named name: String) async throws -> String {
        let path = folder.appendingPathComponent(name).path
        try await songbridge(["list"], archive: path)
        return path
    }

    /// Where the laptop's syncs with `server` got: (pushed up to, pulled up to), nil where it never did.
    static func cursors(_ archive: String, _ server: String) throws -> [Int?] {
        try DatabaseQueue(path: archive).read { db in
            try Row.fetchOne(db, sql: "SELECT pushedUpTo, pulledUpTo FROM syncPeer WHERE url = ?", arguments: [server]).map { [$0[0], $0[1]] } ?? [nil, nil]
        }
    }

    /// A failed sync's report: one line on stderr, holding `expected`, and not a success.
    static func expectOneLineFailure(_ result: CommandResult, _ expected: String, _ what: String) {
        expectOneLineFailure(status: result.status, stderr: result.stderr, expected, what)
    }

    static func expectOneLineFailure(status: Int32, stderr: String, _ expected: String, _ what: String) {
        #expect(status != 0, "\(what) succeeded")
        #expect(stderr.split(separator: "\n").count == 1 && stderr.contains(expected), "\(what): \(stderr)")
    }

    @Test func aConnectionCutOffHalfwayChangesNothingHereAndTheNextSyncPicksUp() async throws {
        let hub = try await ServeProcess(arguments: ["--token", Self.token])
        defer { hub.stop() }
        let laptop = try await Self.emptyLaptop(in: hub.folder, named: "laptop.sqlite")
        let hubOwn = try SyncLaptopsTests.contributions(hub.archive)
        #expect(!hubOwn.isEmpty)

        // A new laptop's first pull, its answer cut off: nothing taken in, no cursor moved.
        let pulling = try await FaultyPeer("cut-once", upstream: hub.base)
        defer { pulling.stop() }
        let cut = try await CommandRunner.songbridge(["sync", "pull", pulling.url, "--token", Self.token, "--archive", laptop])
        Self.expectOneLineFailure(cut, "nothing was changed here", "a pull cut off")
        #expect(try SyncLaptopsTests.contributions(laptop).isEmpty)
        #expect(try Self.cursors(laptop, pulling.url) == [nil, nil])
        // Through the same address once the network is back: all of it, once.
        try await songbridge(["sync", "pull", pulling.url, "--token", Self.token], archive: laptop)
        #expect(try SyncLaptopsTests.contributions(laptop) == hubOwn)
        #expect(try Self.cursors(laptop, pulling.url)[1] != nil)

        // The laptop's own work: a song imported (whose idea, credited in the file, has no words of its own) and a
        // line added. A push the server took in, whose answer was cut off: the laptop cannot know it got there, so
        // it keeps its cursor and sends the batch again, which changes nothing the second time.
        let song = hub.folder.appendingPathComponent("aberdaron.cho")
        try """
            {title: Aberdaron Morning}
            {x_songbridge_contributor: id=c-ab71; generation=older-adult; role=participant; consent=initials; name=Morfudd Parry}
            {x_songbridge_credit: c-ab71; part=idea}
            {x_songbridge_credit: c-ab71; part=lines; section=Verse 1}
            {start_of_verse: Verse 1}
            The [C]boats go out at [G]Aberdaron,
            the [F]gulls are calling [C]home.
            {end_of_verse}
            """.write(to: song, atomically: true, encoding: .utf8)
        try await songbridge(["import", song.path], archive: laptop)
        let added = try await songbridge(["contributor", "add", "--name", "Nia", "--generation", "child"], archive: laptop)
        let nia = try #require(added.stdout.split(separator: "\n").first.map(String.init))
        try await songbridge(["contribute", "1", "--by", nia, "--lyrics", "The tide came in at Aberdaron"], archive: laptop)
        let pushing = try await FaultyPeer("cut-once", upstream: hub.base)
        defer { pushing.stop() }
        let cutPush = try await CommandRunner.songbridge(["sync", "push", pushing.url, "--token", Self.token, "--archive", laptop])
        Self.expectOneLineFailure(cutPush, "nothing was changed here", "a push cut off")
        #expect(try Self.cursors(laptop, pushing.url)[0] == nil)
        let afterCut = try SyncLaptopsTests.contributions(hub.archive)
        try await songbridge(["sync", "push", pushing.url, "--token", Self.token], archive: laptop)
        #expect(try Self.cursors(laptop, pushing.url)[0] != nil)
        let held = try SyncLaptopsTests.contributions(hub.archive)
        #expect(held == afterCut, "the batch sent again changed nothing")
        let laptopHolds = try SyncLaptopsTests.contributions(laptop)
        #expect(held == laptopHolds && held.count > hubOwn.count + 1, "the hub holds every contribution of the laptop's, each once")
    }

    @Test func aServerOfANewerSongbridgeIsRefusedWithTheReasonAndNothingChanges() async throws {
        let hub = try await ServeProcess(arguments: ["--token", Self.token])
        defer { hub.stop() }
        let laptop = try await Self.emptyLaptop(in: hub.folder, named: "laptop.sqlite")
        let newer = try await FaultyPeer("newer", upstream: hub.base)
        defer { newer.stop() }
        let refused = try await CommandRunner.songbridge(["sync", "pull", newer.url, "--token", Self.token, "--archive", laptop])
        Self.expectOneLineFailure(refused, "update Songbridge", "a pull from a newer server")
        #expect(refused.status == 65)
        #expect(try SyncLaptopsTests.contributions(laptop).isEmpty)
        #expect(try Self.cursors(laptop, newer.url) == [nil, nil])
    }

    /// A laptop whose disk is all but full: its archive on a tmpfs with 64 KB to spare (a pull of the demo songs
    /// writes about 300 KB), in a mount namespace of its own (`unshare`), so nothing is left mounted whatever happens.
    /// The pull is refused with the reason and nothing taken in; with room made, the same pull takes it all in.
    @Test func aDiskThatFillsDuringAPullChangesNothingAndThePullAfterRoomIsMadeTakesAllIn() async throws {
        let hub = try await ServeProcess(arguments: ["--token", Self.token])
        defer { hub.stop() }
        let empty = try await Self.emptyLaptop(in: hub.folder, named: "empty.sqlite")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int)
        let disk = hub.folder.appendingPathComponent("disk"), out = hub.folder.appendingPathComponent("out")
        for folder in [disk, out] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let songbridgePath = CommandRunner.productsFolder.appendingPathComponent("songbridge").path
        // Room for the archive, its shared-memory index (32 KB) and 64 KB more.
        let script = """
            set -u
            mount -t tmpfs -o size=\(size / 1024 + 32 + 64)k tmpfs "$1" || exit 90
            cp "$2" "$1/laptop.sqlite" || exit 91
            "$3" sync pull "$4" --token "$5" --archive "$1/laptop.sqlite" 2> "$6/full.err"; echo $? > "$6/full.status"
            mkdir "$6/full" && cp "$1"/laptop.sqlite* "$6/full/"
            mount -o remount,size=16m "$1" || exit 92
            "$3" sync pull "$4" --token "$5" --archive "$1/laptop.sqlite" 2> "$6/room.err"; echo $? > "$6/room.status"
            mkdir "$6/room" && cp "$1"/laptop.sqlite* "$6/room/"
            """
        let run = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/unshare"),
                                              ["--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", disk.path, empty, songbridgePath, hub.base.absoluteString, Self.token, out.path],
                                              in: hub.folder)
        #expect(run.status == 0, "the namespace's steps: \(run.status) \(run.stderr)")
        func read(_ name: String) throws -> String { try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8) }
        let fullError = try read("full.err")
        Self.expectOneLineFailure(status: Int32(try read("full.status").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1, stderr: fullError,
                                  "disk is full", "a pull onto a full disk")
        #expect(fullError.contains("nothing was changed"))
        let fullCopy = out.appendingPathComponent("full/laptop.sqlite").path
        #expect(try SyncLaptopsTests.contributions(fullCopy).isEmpty)
        #expect(try Self.cursors(fullCopy, hub.base.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))) == [nil, nil])
        let roomError = try read("room.err")
        #expect(try read("room.status").trimmingCharacters(in: .whitespacesAndNewlines) == "0", "the pull after room was made: \(roomError)")
        let hubHolds = try SyncLaptopsTests.contributions(hub.archive)
        #expect(try SyncLaptopsTests.contributions(out.appendingPathComponent("room/laptop.sqlite").path) == hubHolds)
    }
}
