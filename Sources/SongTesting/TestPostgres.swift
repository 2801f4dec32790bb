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

    /// What psql prints for `sql` on the database at `url` (one `newDatabase` made), connected as the archive's
    /// own role, which row-level security binds as it binds the server.
    public static func psql(_ sql: String, asArchiveOf url: String) async throws -> String {
        let components = URLComponents(string: url)
        let database = String((components?.path ?? "/").dropFirst())
        let user = components?.user ?? "archive"
        return try await CommandRunner.beside { try runPsql(sql, database: database, user: user) }
    }

    /// What psql prints for `sql` on the database at `url` (one `newDatabase` made), as the cluster's superuser (what
    /// only a superuser may do: `CREATE EXTENSION pg_prewarm`).
    public static func psql(_ sql: String, asSuperuserOn url: String) async throws -> String {
        let database = String((URLComponents(string: url)?.path ?? "/").dropFirst())
        return try await CommandRunner.beside { try runPsql(sql, database: database) }
    }

    /// Ends every connection to the database at `url` (one `newDatabase` made), as a restart of the server would;
    /// how many were ended.
    public static func endConnections(to url: String) async throws -> Int {
        let database = String((URLComponents(string: url)?.path ?? "/").dropFirst())
        let ended = try await psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(database)'")
        return Int(ended.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// A new, empty database on the server (made with psql, PostgreSQL's own client); its URL.
    public static func newDatabase() async throws -> String {
        try await CommandRunner.beside { try makeDatabase() }
    }

    /// The same, waiting on the calling thread (for the benchmarks).
    public static func makeDatabase() throws -> String {
        let name = "archive_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        // (Made by the cluster's superuser, owned by the role the archives connect as, which no policy lets through.)
        _ = try runPsql("CREATE DATABASE \(name) OWNER \(URLComponents(string: try serverURL())?.user ?? "archive")")
        var components = URLComponents(string: try serverURL())
        components?.path = "/" + name
        return try components?.string ?? serverURL()
    }

    /// Runs `sql` with psql, on the calling thread; what it printed. By default as the cluster's superuser
    /// (`songbridge`, whom with-postgres.sh makes) on the server's own database; `database` and `user` choose others.
    static func runPsql(_ sql: String, database: String = "postgres", user: String = "songbridge") throws -> String {
        let url = try serverURL()
        guard let components = URLComponents(string: url), let folder = components.queryItems?.first(where: { $0.name == "host" })?.value else {
            throw Missing(description: "SONGBRIDGE_TEST_POSTGRES (\(url)) names no socket folder (?host=)")
        }
        guard let psql = CommandRunner.program("psql") else { throw Missing(description: "psql is not installed (Debian package postgresql-client)") }
        let run = try CommandRunner.runBlocking(URL(fileURLWithPath: psql), ["-X", "-q", "-t", "-A", "-h", folder, "-U", user, database, "-c", sql],
                                                in: Fixtures.root)
        guard run.status == 0 else { throw Missing(description: "psql failed: \(run.stderr)") }
        return run.stdout
    }
}
