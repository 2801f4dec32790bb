import Foundation
import SongArchive
import Testing

/// The kept parts' file trims the oldest kept, but a page or answer still being served is kept again as new before
/// its turn comes (`KeptParts.served`, `KeptParts.answer`): a song page asked for every day keeps its drawings while
/// a stream of newer pages passes through the file. One never asked for again goes.
@Suite struct KeptInUseTests {
    /// Keeps one page (two drawings, which drawings it shows, its skeleton) and one answer, then `others` newer pages
    /// and answers, asking for the first ones after every `askEvery` (never when 0). Whether the first page, with
    /// every drawing, and the first answer are still kept at the end.
    static func stream(others: Int, askEvery: Int, room: Int) throws -> (page: Bool, answer: Bool) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kept-in-use-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let kept = try KeptParts(path: folder.appendingPathComponent("a.kept").path, mostDrawings: room)
        func keepSong(_ song: Int) {
            let drawings = (0..<2).map { n in
                (KeptParts.digest(drawing: "X:\(n)\nK:C\nC", name: "song \(song)"), KeptParts.Drawing(svg: "<svg>\(song).\(n)</svg>", noteHeads: 1, texts: []))
            }
            kept.keep(drawings: drawings)
            let shown = Data("shown \(song)".utf8)
            kept.keep(shownOn: shown, digests: drawings.map(\.0) + [nil])
            kept.keep(page: KeptParts.Page(skeleton: "page \(song)", drawings: shown), under: Data("page \(song)".utf8))
            kept.keep(answer: Data("{\"song\":\(song)}".utf8), under: Data("answer \(song)".utf8))
        }
        func first() -> (page: Bool, answer: Bool) {
            let served = kept.served(Data("page 0".utf8))
            let whole = served.map { $0.skeleton == Data("page 0".utf8) && $0.drawings?.count == 3 && $0.drawings?.compactMap { $0 }.count == 2 } ?? false
            return (whole, kept.answer(Data("answer 0".utf8)) == Data("{\"song\":0}".utf8))
        }
        keepSong(0)
        for song in 1...others {
            keepSong(song)
            if askEvery > 0 && song % askEvery == 0 {
                // Once lost it is not found again: each ask along the way must find it whole.
                let asked = first()
                guard asked.page && asked.answer else {
                    Issue.record("the first song's page or answer was lost after \(song) newer songs")
                    return asked
                }
            }
        }
        #expect(kept.counts().drawings <= room)
        return first()
    }

    @Test func aPageAndAnswerStillAskedForOutliveTheNewerOnesPassingThrough() throws {
        // Room for 40 of each; 200 newer songs (400 drawings) pass. Asked after every fourth song (eight drawings),
        // inside the last quarter of the room.
        let asked = try Self.stream(others: 200, askEvery: 4, room: 40)
        #expect(asked.page && asked.answer)
    }

    @Test func aPageNoOneAsksForGoesInItsTurn() throws {
        let unasked = try Self.stream(others: 200, askEvery: 0, room: 40)
        #expect(!unasked.page && !unasked.answer)
    }
}
