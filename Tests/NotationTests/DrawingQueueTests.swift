import Foundation
@testable import Notation
import SongCore
import SongText
import Synchronization
import Testing

/// Pages that ask for drawings while the engraver is busy share its next run, and each still gets its own tunes.
@Suite struct DrawingQueueTests {
    /// abcm2ps behind a script that notes each run in `runs.log` beside it, holds the engraver for a moment (so
    /// requests arrive while it is busy, as under load), and fails a run whose tunes hold the word BOOM, as an
    /// engraver failing on one hostile tune would.
    static func loggedEngraver(_ folder: URL) throws -> NotationEngraver {
        let abcm2ps = try #require(NotationEngraver.installedProgram, "abcm2ps is installed by make setup")
        let script = folder.appendingPathComponent("abcm2ps")
        let log = folder.appendingPathComponent("runs.log").path
        try """
            #!/bin/sh
            echo run >> '\(log)'
            grep -q BOOM "$5" && exit 1
            sleep 1
            exec '\(abcm2ps)' "$@"

            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return NotationEngraver(program: script.path, concurrency: 1)
    }

    static func runs(_ folder: URL) -> Int {
        ((try? String(contentsOf: folder.appendingPathComponent("runs.log"), encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    static func source(_ word: String) throws -> NotationSource {
        let melody = try #require(try ABCReader.read("X:1\nM:4/4\nL:1/4\nK:G\nG A B c | d4 |]\nw: \(word) la la la la\n").value.tunes.first?.melody)
        return NotationSource(melody, name: "a tune") // (so its words are found only in the drawing)
    }

    /// Six pages at once, each with its own tunes (its words name the page), and what each got back.
    static func sixPages(_ engraver: NotationEngraver, bad: Int? = nil) async throws -> [[Result<Engraving, EngravingFailure>]] {
        let pages: [[NotationSource]] = try (0..<6).map { (page: Int) in
            try (0..<2).map { (tune: Int) in try source(page == bad && tune == 1 ? "BOOM" : "page\(page)tune\(tune)") }
        }
        return await withTaskGroup(of: (Int, [Result<Engraving, EngravingFailure>]).self) { group in
            for (i, sources) in pages.enumerated() { group.addTask { (i, await engraver.engrave(sources)) } }
            var out = [[Result<Engraving, EngravingFailure>]](repeating: [], count: pages.count)
            for await (i, results) in group { out[i] = results }
            return out
        }
    }

    @Test func pagesThatWaitForTheEngraverShareItsNextRun() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("queue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let results = try await Self.sixPages(try Self.loggedEngraver(folder))
        for (page, drawings) in results.enumerated() {
            #expect(drawings.count == 2)
            for (tune, drawing) in drawings.enumerated() {
                let svg = try drawing.get().svg
                // Its own words, and no other page's.
                #expect(svg.contains("page\(page)tune\(tune)"))
                #expect(!(0..<6).contains { $0 != page && svg.contains("page\($0)tune") })
            }
        }
        // One engraver at a time: the first page alone, then the five that waited in one run (two runs when all
        // six ask within the first run's second; fewer than six however a loaded machine schedules them). Without
        // the queue, six.
        #expect(Self.runs(folder) < 6, "\(Self.runs(folder)) runs")
    }

    @Test func aPageWhoseTuneBreaksTheSharedRunCostsTheOthersARunNotTheirDrawings() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("queue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let results = try await Self.sixPages(try Self.loggedEngraver(folder), bad: 3)
        for (page, drawings) in results.enumerated() {
            for (tune, drawing) in drawings.enumerated() {
                if page == 3 && tune == 1 {
                    #expect(throws: EngravingFailure.self) { try drawing.get() }
                } else {
                    #expect(try drawing.get().svg.contains("page\(page)tune\(tune)"))
                }
            }
        }
        // The bad page's good tune is drawn too (its request, then each of its tunes, on its own): however the
        // pages are grouped, at most nine runs (the shared run, each of its pages again, the bad page's two tunes).
        #expect(Self.runs(folder) <= 9, "\(Self.runs(folder)) runs")
    }
}
