import Foundation
import PostgresArchive
import SongArchive
import SongTesting
import Testing

/// A central archive written by an earlier Songbridge is brought up to date when it is opened, and keeps what it held.
@Suite struct PostgresMigrationTests {
    /// An archive whose search table still has the layout of the first schema (the words' text beside their
    /// `tsvector`, and a GIN index that queues new rows) takes the narrow table of `pg4` when opened again: the
    /// same songs are found for the same questions, the table holds only the song and its vector, and the index
    /// takes new rows into its tree at once.
    @Test func anArchiveWithTheFirstSearchTableTakesTheNarrowOne() async throws {
        let url = try await TestPostgres.newDatabase()
        let archive = try TourArchive.open(url, source: "migration test")
        for song in try ArchiveConformanceTests.demoSongs { try archive.importSong(song) }
        let questions = ["tide", "harbour sleeps", "can", "cwm", "haul away", "sea", "the", "y"]
        let before = try questions.map { try archive.search($0).map(\.title) }
        #expect(before.allSatisfy { !$0.isEmpty }, "\(zip(questions, before).filter { $0.1.isEmpty }.map(\.0))")

        // The layout pg1 made, with the rows it held (its text columns as pg1 filled them are not read by anything),
        // and pg4 not yet applied.
        _ = try await TestPostgres.psql("""
            DROP FUNCTION songbridgeMatches(tsquery, bigint);
            CREATE TABLE songSearchFirst (
              songId BIGINT PRIMARY KEY REFERENCES song(id) ON DELETE CASCADE,
              title TEXT NOT NULL, words TEXT NOT NULL, place TEXT NOT NULL, themes TEXT NOT NULL,
              document TSVECTOR NOT NULL);
            INSERT INTO songSearchFirst SELECT songId, 'a title', 'the words', 'a place', 'themes', document FROM songSearch;
            DROP TABLE songSearch;
            ALTER TABLE songSearchFirst RENAME TO songSearch;
            CREATE INDEX songSearchDocument ON songSearch USING GIN (document);
            DELETE FROM songbridgeSchema WHERE name = 'pg4';
            """, asArchiveOf: url)
        let columns = "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'songsearch'"
        #expect(try await TestPostgres.psql(columns, asArchiveOf: url).trimmingCharacters(in: .whitespacesAndNewlines) == "songid,title,words,place,themes,document")

        let again = try TourArchive.open(url, source: "migration test")
        #expect(try questions.map { try again.search($0).map(\.title) } == before)
        #expect(try await TestPostgres.psql(columns, asArchiveOf: url).trimmingCharacters(in: .whitespacesAndNewlines) == "songid,document")
        let options = try await TestPostgres.psql("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'songsearchdocument'", asArchiveOf: url)
        #expect(options.contains("fastupdate=off"), "the index's options: \(options)")
        // A song added after the migration is found too.
        let added = try again.newSong(title: "Migrated Harbour Song")
        #expect(try again.search("migrated").map(\.id) == [added])
    }
}
