import SongArchive
@testable import PostgresArchive

/// Opens a PostgreSQL archive again by the URL its `path` shows (the test server trusts its own socket, so the
/// URL needs no password).
enum PostgresBackendOpener {
    static func open(_ url: String) throws -> PostgresBackend { try PostgresBackend(url: url) }
}
