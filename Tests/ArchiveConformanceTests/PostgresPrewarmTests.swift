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

        _ = try await TestPostgres.psql("CREATE EXTENSION pg_prewarm", asSuperuserOn: url)
        // Every non-empty table, index and TOAST relation of the archive's schema, as PostgreSQL itself counts them.
        let sizes = try await TestPostgres.psql("""
            WITH own AS (SELECT oid FROM pg_namespace WHERE nspname = 'public'),
                 toast AS (SELECT reltoastrelid AS oid FROM pg_class WHERE relnamespace IN (SELECT oid FROM own) AND reltoastrelid <> 0)
            SELECT pg_relation_size(c.oid) FROM pg_class c
            WHERE c.relkind IN ('r', 'i', 't', 'm') AND pg_relation_size(c.oid) > 0
              AND (c.relnamespace IN (SELECT oid FROM own) OR c.oid IN (SELECT oid FROM toast)
                   OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT oid FROM toast)))
            """, asArchiveOf: url).split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.sorted()
        #expect(sizes.count > 10, "the archive's tables and indexes hold the demo songs")
        #expect(sizes.contains { $0 > 8_192 })

        let whole = try #require(try postgres.prewarm(room: 1 << 40))
        #expect(whole == PostgresPrewarm(relations: sizes.count, bytes: sizes.reduce(0, +), leftOut: 0))
        // In less room, the smallest first, as many as fit; none when none fits.
        let room = sizes.prefix(3).reduce(0, +)
        #expect(try postgres.prewarm(room: room) == PostgresPrewarm(relations: 3, bytes: room, leftOut: sizes.count - 3))
        #expect(try postgres.prewarm(room: 0) == PostgresPrewarm(relations: 0, bytes: 0, leftOut: sizes.count))
        // Without a room given, half of what the server's administrator says caches it (effective_cache_size:
        // 4 GB unless set), which these few songs fit.
        #expect(try postgres.prewarm() == whole)
    }
}
