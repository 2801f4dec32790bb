import Foundation
import Testing
@testable import SongArchive

/// The generation a task asks of its first read transaction (`TourArchive.withGeneration`): the first one read
/// gives it, one after gives nothing more, and reads side by side give none at all.
@Suite struct GenerationAskedTests {
    static func rows(_ mark: Int64) -> @Sendable () throws -> [SQLRow] {
        { [SQLRow(columns: ["value"], values: [.integer(mark)])] }
    }

    @Test func theFirstReadGivesTheGenerationAndALaterOneNothingMore() throws {
        let asked = TourArchive.GenerationAsked(location: "a")
        #expect(try asked.generation() == nil, "nothing read")
        #expect(asked.begin())
        asked.answer(Self.rows(3))
        asked.end()
        #expect(!asked.begin(), "a later read asks nothing")
        asked.answer(Self.rows(4))
        asked.end()
        #expect(try asked.generation() == "3")
    }

    @Test func readsSideBySideGiveNoGeneration() throws {
        let asked = TourArchive.GenerationAsked(location: "a")
        #expect(asked.begin())
        #expect(!asked.begin(), "a second read while the first runs")
        asked.answer(Self.rows(3))
        asked.end()
        asked.end()
        #expect(try asked.generation() == nil, "which of the two saw the archive first is not known")
    }

    /// Through the archive: a read inside `withGeneration` of an archive file gives its count of writes.
    @Test func anArchivesFirstReadGivesItsGeneration() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("generation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = try TourArchive(path: folder.appendingPathComponent("a.sqlite").path, source: "test")
        let (count, generation) = try await archive.withGeneration { try archive.stops().count }
        let alone = try archive.generation()
        #expect(count == 0 && generation == alone)
    }
}
