import Foundation

/// The PostgreSQL server the tests run beside (make test starts it with scripts/with-postgres.sh, on a Unix
/// socket in a temporary folder, and names it in SONGBRIDGE_TEST_POSTGRES).
public enum TestPostgres {
    /// Why there is none, as the tests that need it say.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// The server's URL (its `postgres` database).
    public static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["SONGBRIDGE_TEST_POSTGRES"], !url.isEmpty else {
            throw Missing(description: "SONGBRIDGE_TEST_POSTGRES is not set: run the tests with make test, or through scripts/with-postgres.sh")
        }
        return url
    }

    /// What psql prints for `sql` on the server's own database (unaligned, tuples only).
    public static func psql(_ sql: String) async throws -> String {
        try await CommandRunner.beside { try runPsql(sql) }
    }

    /// A new, empty database on the server (made with psql, PostgreSQL's own client); its URL.
    public static func newDatabase() async throws -> String {
        try await CommandRunner.beside { try makeDatabase() }
    }

    /// The same, waiting on the calling thread (for the benchmarks).
    public static func makeDatabase() throws -> String {
        let name = "archive_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        _ = try runPsql("CREATE DATABASE \(name)")
        var components = URLComponents(string: try serverURL())
        components?.path = "/" + name
        return try components?.string ?? serverURL()
    }

    /// Runs `sql` with psql on the server's own database, on the calling thread; what it printed.
    static func runPsql(_ sql: String) throws -> String {
        let url = try serverURL()
        guard let components = URLComponents(string: url), let folder = components.queryItems?.first(where: { $0.name == "host" })?.value else {
            throw Missing(description: "SONGBRIDGE_TEST_POSTGRES (\(url)) names no socket folder (?host=)")
        }
        guard let psql = CommandRunner.program("psql") else { throw Missing(description: "psql is not installed (Debian package postgresql-client)") }
        let run = try CommandRunner.runBlocking(URL(fileURLWithPath: psql), ["-X", "-q", "-t", "-A", "-h", folder, "-U", components.user ?? "songbridge", "postgres", "-c", sql],
                                                in: Fixtures.root)
        guard run.status == 0 else { throw Missing(description: "psql failed: \(run.stderr)") }
        return run.stdout
    }
}
