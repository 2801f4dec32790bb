import Foundation
import SongTesting
import Testing

/// Runs the CLI against `archive` on a thread of its own (the test process's cooperative threads serve other tests'
/// in-process servers, and a test that blocks one while a program runs starves them), expecting `status`.
@discardableResult
func songbridge(_ arguments: [String], archive: String, status: Int32 = 0) async throws -> CommandResult {
    let r = try await CommandRunner.songbridge(arguments + ["--archive", archive])
    #expect(r.status == status, "\(arguments): \(r.stderr)")
    return r
}

/// The steps the tests of a tour across laptops share (laptop to laptop, and through the central archive): the CLI
/// run against one archive, the tour's first song, each laptop's work apart, and a push killed as it starts.
enum TourSyncSteps {
    /// The tour's first stop, person (Eileen, "p1"), song and accepted line, on the laptop that starts it.
    static func startTour(at archive: String) async throws {
        try await songbridge(["stop", "add", "--place", "Portrush", "--nation", "northern-ireland", "--venue", "care-home", "--date", "2026-12-01"], archive: archive)
        try await songbridge(["contributor", "add", "--name", "Eileen Doherty", "--generation", "older-adult", "--consent", "first-name", "--id", "p1"], archive: archive)
        try await songbridge(["song", "new", "--title", "The Strand", "--stop", "portrush-2026-12-01"], archive: archive)
        try await songbridge(["contribute", "1", "--by", "p1", "--lyrics", "Down on the strand where the white horses run"], archive: archive)
        try await songbridge(["accept", "1"], archive: archive)
    }

    /// Apart: each laptop registers its own "p2" and adds two lines to song 1, one accepted.
    static func recordApart(_ archives: [String]) async throws {
        for (i, archive) in archives.enumerated() {
            try await songbridge(["contributor", "add", "--name", ["Sam", "Aoife", "Dylan"][i % 3], "--generation", "child", "--id", "p2"], archive: archive)
            let first = try await songbridge(["contribute", "1", "--by", "p2", "--lyrics", "Laptop \(i) sings the first line"], archive: archive).stdout
            try await songbridge(["contribute", "1", "--by", "p2", "--lyrics", "Laptop \(i) sings the second line"], archive: archive)
            try await songbridge(["accept", first.trimmingCharacters(in: .whitespacesAndNewlines)], archive: archive)
        }
    }

    /// A push from `archive` to `server` killed `after` it starts: whether or not its batch got there, the syncs
    /// after must make up for it.
    static func killedPush(from archive: String, to server: String, token: String, after: Duration) async throws {
        let killed = Process()
        killed.executableURL = CommandRunner.productsFolder.appendingPathComponent("songbridge")
        killed.arguments = ["sync", "push", server, "--token", token, "--archive", archive]
        killed.standardOutput = FileHandle.nullDevice
        killed.standardError = FileHandle.nullDevice
        try killed.run()
        try await Task.sleep(for: after)
        kill(killed.processIdentifier, SIGKILL)
        _ = try await CommandRunner.beside { killed.waitUntilExit() }
    }
}
