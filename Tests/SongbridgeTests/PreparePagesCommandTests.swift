import Foundation
import SongArchive
import SongTesting
import Testing

/// `songbridge prepare-pages`: every song's page, drawings and likenesses kept where `serve` reads them.
@Suite struct PreparePagesCommandTests {
    @Test func everySongsPagePartsAreKeptBesideTheArchiveOnceAndReadAfter() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prepare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = dir.appendingPathComponent("tour.sqlite").path
        let songs = Fixtures.songFiles.map(\.path)
        #expect(try await CommandRunner.songbridge(["import"] + songs + ["--archive", archive]).status == 0)
        // A server's render of a draft, beside the archive: preparing pages while it serves leaves it be.
        let renders = URL(fileURLWithPath: archive + ".renders")
        try FileManager.default.createDirectory(at: renders, withIntermediateDirectories: true)
        let render = renders.appendingPathComponent("s1v1-0abc.flac")
        try Data("fLaC".utf8).write(to: render)
        let first = try await CommandRunner.songbridge(["prepare-pages", "--archive", archive])
        #expect(first.status == 0, "\(first.stderr)")
        let line = try #require(first.stdout.split(separator: "\n").last.map(String.init))
        #expect(line.hasPrefix("Prepared \(songs.count) of \(songs.count) song pages ("), "\(line)")
        #expect(line.hasSuffix("kept in \(archive).kept"), "\(line)")
        #expect(FileManager.default.fileExists(atPath: render.path))
        let kept = try KeptParts(path: archive + ".kept")
        let counts = kept.counts()
        #expect(counts.likenesses == songs.count)
        // And every song's page, whole, and its JSON.
        #expect(counts.pages == songs.count && counts.answers == songs.count)
        // Every demo song has a tune; a drawing shown by two sections (a verse and its repeat) is kept once.
        let drawn = try #require(Int(line.split(separator: "(")[1].split(separator: " ")[0]), "\(line)")
        #expect(counts.drawings >= songs.count && counts.drawings <= drawn, "\(counts), \(line)")
        // Again: nothing new to keep.
        #expect(try await CommandRunner.songbridge(["prepare-pages", "--archive", archive]).status == 0)
        #expect(kept.counts() == counts)
        // An archive that is not there: one line, and nothing made.
        let missing = dir.appendingPathComponent("none/tour.sqlite").path
        let refused = try await CommandRunner.songbridge(["prepare-pages", "--archive", missing])
        #expect(refused.status != 0 && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing + ".kept"))
    }
}
