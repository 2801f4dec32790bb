import Foundation
import PostgresArchive
import SongArchive
import SongTesting
import Testing

/// A central server reads the archive's tables into the database server's memory as it starts, when the database
/// has PostgreSQL's pg_prewarm extension, and says nothing was read when it has not.
@Suite struct PostgresPrewarmTests {
    @Test func theArchivesTablesAreReadWholeInTheRoomGiven() async throws {
        let url = try await TestPostgres.newDatabase()
        let archive = try TourArchive.open(url, source: "prewarm test")
        for song in try ArchiveConformanceTests.demoSongs { try archive.importSong(song) }
        let postgres = try #require(archive.backend as? PostgresBackend)
        // Without the extension: nothing is read, and the caller is told so.
        #expect(try postgres.prewarm(room: 1 << 40) == nil)

        // The statement the README has a central server's administrator run (sudo -u postgres psql songbridge -c "…").
        _ = try await TestPostgres.psql(try Self.readmeStatement(naming: "pg_prewarm"), asSuperuserOn: url)
        // The bytes of the schema's tables, their indexes and their TOAST (with its index), as PostgreSQL's own
        // size functions count them, table by table.
        let expected = try await TestPostgres.psql("""
            SELECT sum(pg_relation_size(c.oid) + pg_indexes_size(c.oid)
                       + CASE WHEN c.reltoastrelid = 0 THEN 0 ELSE pg_relation_size(c.reltoastrelid) + pg_indexes_size(c.reltoastrelid) END)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm')
            """, asArchiveOf: url).trimmingCharacters(in: .whitespacesAndNewlines)
        let whole = try #require(try postgres.prewarm(room: 1 << 40))
        #expect(whole.bytes == Int(expected), "every block of every relation was read")
        #expect(whole.relations > 10, "the archive's tables and indexes hold the demo songs")
        #expect(whole.leftOut == 0)
        // These few songs fit in three quarters of PostgreSQL's shared buffers (128 MB unless set): all are there,
        // as its own view of the buffers counts them.
        #expect(whole.inBuffers == whole.bytes)
        _ = try await TestPostgres.psql("CREATE EXTENSION pg_buffercache", asSuperuserOn: url)
        let buffered = try await TestPostgres.psql("""
            SELECT count(*) * current_setting('block_size')::bigint FROM pg_buffercache
            WHERE reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND relfilenode IN (SELECT pg_relation_filenode(oid) FROM pg_class WHERE relkind IN ('r', 'i', 't', 'm'))
            """, asSuperuserOn: url).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect((Int(buffered) ?? 0) >= whole.bytes)
        // In less room, what fits, smallest first; none when none fits.
        let less = try #require(try postgres.prewarm(room: whole.bytes - 1))
        #expect(less.leftOut >= 1 && less.relations == whole.relations - less.leftOut && less.bytes < whole.bytes)
        #expect(less.relations == whole.relations - 1, "only the largest relation does not fit")
        #expect(try postgres.prewarm(room: 0) == PostgresPrewarm(relations: 0, bytes: 0, leftOut: whole.relations, inBuffers: 0))
        // Without a room given, half of what the server's administrator says caches it (effective_cache_size:
        // 4 GB unless set), which these few songs fit.
        #expect(try postgres.prewarm() == whole)
    }

    /// The SQL of the README's `psql … -c "…"` line that names `word`.
    static func readmeStatement(naming word: String) throws -> String {
        let readme = Fixtures.text(Fixtures.root.appendingPathComponent("README.md"))
        let line = try #require(readme.split(separator: "\n").first { $0.contains("psql") && $0.contains(" -c \"") && $0.contains(word) },
                                "the README shows how to add \(word)")
        let quoted = try #require(line.split(separator: "\"", omittingEmptySubsequences: false).dropFirst().first)
        return String(quoted)
    }
}
