import Foundation
import PostgresArchive
@testable import SongArchive
import SongCore
import SongTesting
import Testing

/// Before the projection read names as everyone reads them (5eb0bb5), a partner organisation's write indexed a song
/// through a projection that could not read the archive's own names, so a name in a title could stay findable in
/// the song's search row. Opening such an archive makes every search row again (SQLite's migration
/// `v13-search-as-the-public-sees`, PostgreSQL's `pg5`).
@Suite struct SearchMigrationTests {
    @Test(arguments: ArchiveEngine.allCases)
    func aNameLeftInASearchRowIsTakenOutWhenTheArchiveIsOpened(_ engine: ArchiveEngine) async throws {
        let location = try await engine.newLocation()
        let archive = try TourArchive.open(location, source: "search migration test")
        let centre = try archive.addOrganisation(name: "Weymouth Day Centre")
        let song = try TeaDanceWaltz.song(consent: "initials", title: "A Waltz for Wilfred Pottinger", namedBeyondTitle: false)
        let id = try TourArchive.$viewer.withValue(.organisation(centre.uid)) { try archive.importSong(song) }
        #expect(try archive.search("Pottinger").isEmpty, "indexed as the public sees it now")
        // The search row as a partner's write left it before: the title as written.
        try archive.backend.write { db in
            try TourArchive.indexRow(id, title: "A Waltz for Wilfred Pottinger", words: "Round the hall and round again", place: "", themes: "", db)
        }
        #expect(try archive.search("Pottinger").map(\.id) == [id], "the name is findable, as it was")
        // An archive written before the migration was known.
        _ = try archive.backend.write { db in
            try db.execute(engine == .sqlite ? "DELETE FROM grdb_migrations WHERE identifier = 'v13-search-as-the-public-sees'"
                                             : "DELETE FROM songbridgeSchema WHERE name = 'pg5'")
        }
        let reopened = try TourArchive.open(location, source: "search migration test")
        #expect(try reopened.search("Pottinger").isEmpty, "opening it made the row again as the public sees the song")
        #expect(try reopened.search("Waltz").map(\.id) == [id])
        #expect(try reopened.search("hall").map(\.id) == [id])
    }
}
