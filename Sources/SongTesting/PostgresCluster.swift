import Foundation

/// A PostgreSQL server of a test's own (Debian's postgresql), for the tests that stop and start it: a new cluster in
/// a scratch folder, listening on a Unix socket there and on no TCP port, as `scripts/with-postgres.sh` makes the
/// suite's shared one. `stop()` ends it as a crash or a power cut would (immediate shutdown), `start()` brings it
/// back on the same socket, `remove()` ends it for good. Unlike the shared cluster, it keeps PostgreSQL's own
/// durability (fsync, synchronous commit), so what was committed before a stop is there after it. As root, the
/// cluster belongs to the `postgres` user (initdb and pg_ctl refuse to run as root).
public final class PostgresCluster: Sendable {
    /// The URL of its database `archive`, owned by the role `archive`, as an archive connects to it.
    public let url: String
    /// Its scratch folder (the data, the log and the socket).
    public let folder: URL
    let bin: URL

    /// Makes the cluster, starts it and makes the archive's role and database (a few seconds).
    public init() async throws {
        guard let bin = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")
            .sorted(by: { $0.compare($1, options: .numeric) == .orderedAscending }).last
            .map({ URL(fileURLWithPath: "/usr/lib/postgresql/\($0)/bin") }),
            FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) else {
            throw TestPostgres.Missing(description: "PostgreSQL's server is not installed (Debian package postgresql); run make setup")
        }
        self.bin = bin
        // A short path: a Unix socket's path must fit in 107 bytes.
        folder = URL(fileURLWithPath: "/tmp/songbridge-pgc-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        url = "postgres://archive@localhost/archive?host=\(folder.path)"
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: folder.path)
        }
        try await run("initdb", ["-D", folder.appendingPathComponent("data").path, "-U", "songbridge", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
        try await start()
        try await run("psql", ["-X", "-q", "-h", folder.path, "-U", "songbridge", "postgres", "-c", "CREATE ROLE archive LOGIN", "-c", "CREATE DATABASE archive OWNER archive"])
    }

    /// Starts the server (again), waiting until it takes connections.
    public func start() async throws {
        try await run("pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-l", folder.appendingPathComponent("server.log").path, "-w", "-t", "60",
                                 "-o", "-k \(folder.path) -c listen_addresses=", "start"])
    }

    /// Stops the server at once, without waiting for its clients (PostgreSQL's immediate shutdown).
    public func stop() async throws {
        try await run("pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-m", "immediate", "stop"])
    }

    /// Stops the server (if it runs) and removes its folder.
    public func remove() {
        _ = try? runBlocking("pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-m", "immediate", "stop"])
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs one of PostgreSQL's programs (psql from the client package), as the cluster's owner, and fails with its
    /// last line of errors if it fails.
    private func run(_ program: String, _ arguments: [String]) async throws {
        let result = try await CommandRunner.beside { try self.runBlocking(program, arguments) }
        guard result.status == 0 else {
            throw TestPostgres.Missing(description: "\(program) failed: \(result.stderr.split(separator: "\n").last ?? "")")
        }
    }

    /// The same, waiting on the calling thread; what it printed.
    ///
    /// Through a shell that first closes every descriptor but the standard three: Foundation's `Process` learns
    /// that a program ended when a socket it handed the program closes, and the server `pg_ctl start` leaves
    /// running would otherwise hold that socket open for its whole life, so the wait would never end.
    private func runBlocking(_ program: String, _ arguments: [String]) throws -> CommandResult {
        let path = program == "psql" ? (CommandRunner.program("psql") ?? "/usr/bin/psql") : bin.appendingPathComponent(program).path
        let closing = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done; exec "$@""#
        let command = ["/bin/bash", "-c", closing, "bash", path] + arguments
        let (executable, all) = getuid() == 0 ? (URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "postgres", "--"] + command)
            : (URL(fileURLWithPath: "/bin/bash"), Array(command.dropFirst()))
        return try CommandRunner.runBlocking(executable, all, in: URL(fileURLWithPath: "/tmp"))
    }
}
