import ArgumentParser
import Foundation
import Notation
import SongArchive
import SongCore
import SongTesting
import SongText
import Songbook

/// Songbooks and notation timed as issue 17 asks: a 100-song large-print songbook (and a musician's, every tune
/// drawn) made whole, from the archive to the PDF; notation for a song page drawn cold, then served from the
/// cache; and the same tunes drawn by abcm2ps alone, as whole processes, for comparison.
struct SongbookBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "songbook", abstract: "Songbook and notation speed.")
    @Option(help: "How many songs the book holds (the demo songs, copied under new titles).") var songs = 100

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("songbook-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = try TourArchive(path: folder.appendingPathComponent("bench.sqlite").path)
        let demo = try Fixtures.songFiles.map { url in try SongFile.read(path: url.path).songs[0] }
        for n in 0..<songs {
            var song = demo[n % demo.count]
            song.metadata.title = "\(song.metadata.title ?? "Song") \(n / demo.count + 1)"
            try archive.importSong(song)
        }
        let chosen = try SongbookSelection().songs(in: archive)
        for profile in [SongbookProfile.largePrint, .musician] {
            let started = Date()
            let made = try await Songbook().make(try SongbookSelection().songs(in: archive), options: SongbookOptions(profile: profile))
            let seconds = Date().timeIntervalSince(started)
            try made.pdf.write(to: folder.appendingPathComponent("book.pdf"))
            let pages = pdfPages(folder.appendingPathComponent("book.pdf"))
            print(String(format: "songbook:        %d songs, %@, %@ pages, %.0f KB, made in %.2f s (archive to PDF; target under 20 s)",
                         chosen.count, profile.rawValue as NSString, pages as NSString, Double(made.pdf.count) / 1024, seconds))
        }
        // Notation for a song page: every section of each demo song in one abcm2ps run (cold), then from the cache.
        let drawings = BoundedCache<NotationSource, Result<Engraving, EngravingFailure>>(capacity: 2_048)
        for song in demo {
            let sources = SongSheet.notation(song.publicProjection).compactMap { $0 }
            let cold = Date()
            let results = await NotationEngraver().engrave(sources)
            let coldMs = Date().timeIntervalSince(cold) * 1000
            for (source, result) in zip(sources, results) { drawings.put(source, result) }
            let warm = Date()
            for _ in 0..<1_000 { _ = sources.map { drawings.get($0) } }
            let warmMs = Date().timeIntervalSince(warm)
            print(String(format: "notation:        %-26@ %d sections drawn in %6.1f ms (target under 200 ms), then %.1f µs from the cache",
                         (song.metadata.title ?? "") as NSString, sources.count, coldMs, warmMs * 1000))
        }
        // abcm2ps alone on the same ABC, whole process, for scale.
        if let abcm2ps = NotationEngraver.installedProgram {
            let abc = SongSheet.notation(demo[0].publicProjection).compactMap { $0?.abc }.joined(separator: "\n")
            let file = folder.appendingPathComponent("tunes.abc")
            try abc.write(to: file, atomically: true, encoding: .utf8)
            var best = Double.infinity
            for _ in 0..<5 {
                let t = Date()
                _ = try CommandRunner.runBlocking(URL(fileURLWithPath: abcm2ps), ["-g", "-q", "-O", "-", file.path], in: folder)
                best = min(best, Date().timeIntervalSince(t))
            }
            print(String(format: "notation:        abcm2ps alone on %@'s sections, whole process: %.1f ms", (demo[0].metadata.title ?? "") as NSString, best * 1000))
        }
    }

    func pdfPages(_ url: URL) -> String {
        guard let pdfinfo = CommandRunner.program("pdfinfo"), let out = try? CommandRunner.runBlocking(URL(fileURLWithPath: pdfinfo), [url.path], in: url.deletingLastPathComponent()).stdout else { return "?" }
        return out.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last.map(String.init) ?? "?"
    }
}
