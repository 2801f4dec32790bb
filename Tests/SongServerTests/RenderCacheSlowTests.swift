import Foundation
import SongCore
import SongTesting
import SongText
import Testing
@testable import SongServer

/// The render cache on disk: kept within its size, the least recently asked-for removed first, and renders
/// left by an earlier run cleared at start.
@Suite struct RenderCacheSlowTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("render-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Asks for a render of Hush, the Harbour Sleeps in `key` (WAV, four times as fast: about the same length, so
    /// about the same size in any key, give or take its ending) and waits for it.
    static func render(_ jobs: RenderJobs, key: String) async throws -> RenderJobs.Job {
        let song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent("hush-the-harbour-sleeps.cho").path).songs.first)
        var request = RenderJobs.Request()
        request.format = "wav"
        request.tempoScale = 4
        request.key = key
        let job = try await jobs.submit(song: song, digest: API.digest(song), id: 3, version: 1, request: request)
        for _ in 0..<1200 {
            guard let now = await jobs.job(job.id) else { break }
            if case .done = now.state { return now }
            if case .failed(let why) = now.state { Issue.record("render failed: \(why)"); return now }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the render did not finish")
        return job
    }

    static func file(_ job: RenderJobs.Job) -> URL? {
        if case .done(let url) = job.state { return url }
        return nil
    }

    @Test func theCacheKeepsTheRendersLastAskedForWithinItsSize() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Measure one draft, then allow two (with room for drafts in other keys ending a little earlier or later:
        // each ends when its sound has died away).
        let probe = RenderJobs(folder: folder, limit: 1)
        let g = try #require(Self.file(try await Self.render(probe, key: "G")))
        let size = try #require((try FileManager.default.attributesOfItem(atPath: g.path)[.size] as? NSNumber)?.int64Value)
        #expect(size > 100_000)

        let jobs = RenderJobs(folder: folder, limit: 1, cacheBytes: 2 * size + size / 4)
        func bytes(_ url: URL) -> Int64 { (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? -1 }
        #expect(!FileManager.default.fileExists(atPath: g.path), "a render from an earlier queue is cleared at start")
        let a = try #require(Self.file(try await Self.render(jobs, key: "A")))
        let b = try #require(Self.file(try await Self.render(jobs, key: "Bb")))
        #expect(await jobs.cached().bytes == bytes(a) + bytes(b))
        // A is asked for again (so B is now the least recently asked-for); then C: B goes, A and C stay.
        let again = try await Self.render(jobs, key: "A")
        #expect(Self.file(again) == a)
        let c = try #require(Self.file(try await Self.render(jobs, key: "C")))
        #expect(FileManager.default.fileExists(atPath: a.path) && FileManager.default.fileExists(atPath: c.path))
        #expect(!FileManager.default.fileExists(atPath: b.path))
        #expect(await jobs.job(b.deletingPathExtension().lastPathComponent) == nil, "an evicted render's job goes with its file")
        let (ids, kept) = await jobs.cached()
        #expect(ids.count == 2 && kept == bytes(a) + bytes(c))
        // B asked for again renders again.
        let b2 = try #require(Self.file(try await Self.render(jobs, key: "Bb")))
        #expect(b2 == b && FileManager.default.fileExists(atPath: b.path))
        #expect(!FileManager.default.fileExists(atPath: a.path), "A was then the least recently asked-for")
    }

    @Test func onlyRenderFilesAreClearedAtStart() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["s3v1-9f0c2e.flac", "s12v4-00ab.wav", "notes.txt", "s3v1-9f0c2e.flac.txt", "my-song.wav"] {
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data("x".utf8))
        }
        _ = RenderJobs(folder: folder)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == ["my-song.wav", "notes.txt", "s3v1-9f0c2e.flac.txt"])
    }
}
