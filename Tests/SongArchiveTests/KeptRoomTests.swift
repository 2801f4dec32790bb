import Foundation
import SongArchive
import Testing

/// The kept parts' file has room for every page of the archive it serves (`KeptParts.room`): a sweep over every
/// song (`prepare-pages`) keeps them all. With less room, the oldest go while the sweep keeps the newest, and the
/// early pages are drawn again when asked (a fifth of pages at 100,000 songs with room for 200,000 drawings).
@Suite struct KeptRoomTests {
    static func sweep(songs: Int, drawingsEach: Int, room: Int) throws -> (kept: Int, firstKept: Bool) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kept-room-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let kept = try KeptParts(path: folder.appendingPathComponent("a.kept").path, mostDrawings: room)
        func digest(_ song: Int, _ n: Int) -> Data { KeptParts.digest(drawing: "X:\(n)\nK:C\nC", name: "song \(song)") }
        for song in 0..<songs {
            let drawings = (0..<drawingsEach).map { n in (digest(song, n), KeptParts.Drawing(svg: "<svg/>", noteHeads: 1, texts: [])) }
            kept.keep(drawings: drawings)
            kept.keep(shownOn: Data("page \(song)".utf8), digests: drawings.map(\.0))
        }
        return (kept.counts().drawings, kept.drawings(shownOn: Data("page 0".utf8)) != nil)
    }

    @Test func anArchivesEveryPageFitsInTheRoomMadeForIt() throws {
        // Three drawings a song, more than a generated page shows.
        let room = KeptParts.room(forSongs: 30, atLeast: 1)
        #expect(room >= 90)
        let fitted = try Self.sweep(songs: 30, drawingsEach: 3, room: room)
        #expect(fitted.kept == 90 && fitted.firstKept)
        // With room for two thirds of them, the first song's drawings are gone after the sweep.
        let cramped = try Self.sweep(songs: 30, drawingsEach: 3, room: 60)
        #expect(cramped.kept <= 60 && !cramped.firstKept)
        // Never less than the floor, whatever the archive; no overflow for an absurd count.
        #expect(KeptParts.room(forSongs: 10) == 200_000 && KeptParts.room(forSongs: 100_000) == 400_000)
        #expect(KeptParts.room(forSongs: Int.max) == Int.max)
    }
}
