import Foundation
@testable import PostgresArchive
import SongArchive
import SongTesting
import Testing

/// On PostgreSQL a read with arguments is prepared on its connection the first time and only bound and run after
/// (`KeptConnection`): its parameters typed as they are bound when sent as themselves, and its answers the same.
@Suite struct PreparedReadsTests {
    @Test func parametersAreNumberedAndTypedOutsideQuotesAndComments() {
        #expect(PostgresSession.numbered("SELECT a FROM t WHERE x = ? AND y = '?' AND z = ? -- ?\n", types: ["bigint", nil])
                == "SELECT a FROM t WHERE x = $1::bigint AND y = '?' AND z = $2 -- ?\n")
        #expect(PostgresSession.numbered("SELECT ? || ?", types: ["text", "text"]) == "SELECT $1::text || $2::text")
        // SQLite's own numbered parameters are not prepared (they would need the same cast twice).
        #expect(PostgresSession.numbered("SELECT ?2, ?1", types: ["text", "text"]) == nil)
        #expect(PostgresSession.numbered("SELECT ?2, ?1") == "SELECT $2, $1")
        #expect(KeptConnection.isPreparable("  SELECT(1)") && KeptConnection.isPreparable("\nWITH x AS (SELECT 1) SELECT * FROM x")
                && KeptConnection.isPreparable("insert into t values (?)"))
        #expect(!KeptConnection.isPreparable("BEGIN") && !KeptConnection.isPreparable("SET LOCAL x = 1") && !KeptConnection.isPreparable(""))
    }

    /// A read with arguments is prepared on its connection once: the connection's prepared statements
    /// (`pg_prepared_statements`, which only the connection itself sees) gain one for the first run and none for the
    /// second, and a read without arguments is sent as itself.
    @Test func aReadIsPreparedOnceOnItsConnection() async throws {
        let backend = try PostgresBackend(url: try await TestPostgres.newDatabase())
        let counts = try backend.read { session -> [Int] in
            func prepared() throws -> Int { try session.rows("SELECT count(*) FROM pg_prepared_statements", []).first?[0] ?? -1 }
            let before = try prepared()
            let first = try session.rows("SELECT name FROM songbridgeSchema WHERE name = ?", ["pg4"]).map { $0[0] as String? }
            let afterFirst = try prepared()
            let second = try session.rows("SELECT name FROM songbridgeSchema WHERE name = ?", ["pg4"]).map { $0[0] as String? }
            #expect(first == ["pg4"] && second == first)
            return [before, afterFirst, try prepared()]
        }
        #expect(counts[0] >= 0 && counts == [counts[0], counts[0] + 1, counts[0] + 1], "\(counts)")
    }

    /// The same reads, many times over (past the five runs after which PostgreSQL may keep a generic plan), on the
    /// few connections the archive keeps, give the same answers as the first time; so does a read after every
    /// connection was ended by the server (each prepared again on a new one).
    @Test func aPreparedReadAnswersAsTheFirstTime() async throws {
        let url = try await TestPostgres.newDatabase()
        let archive = try TourArchive.open(url, source: "prepared reads test")
        for song in try ArchiveConformanceTests.demoSongs { try archive.importSong(song) }
        let songs = try archive.list()
        #expect(songs.count == 5)
        let first = try songs.map { try archive.song($0.id) }
        let found = try archive.search("harbour")
        for _ in 0..<12 {
            #expect(try songs.map { try archive.song($0.id) } == first)
            #expect(try archive.search("harbour") == found)
            #expect(try archive.list(nation: songs[0].nation) == songs.filter { $0.nation == songs[0].nation })
        }
        #expect(try await TestPostgres.endConnections(to: url) >= 1)
        #expect(try songs.map { try archive.song($0.id) } == first)
        #expect(try archive.search("harbour") == found)
    }
}
