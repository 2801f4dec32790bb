import Foundation
import GRDB
import SongCore
import SongTesting
import SongText
import Testing
@testable import SongArchive

/// Takes are personal data: kept apart from the contributions made from them, erased when a singer withdraws,
/// and then gone from the file itself, not only from its tables.
@Suite struct TakeTests {
    /// A recognisable run of bytes standing for a voice, to look for in the file afterwards.
    static let voice = Data("RIFF".utf8) + Data((0..<64 * 1024).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) })

    func archiveWithSinger() throws -> (Scratch, TourArchive, Int64) {
        let scratch = try Scratch()
        let archive = try TourArchive(path: scratch.archivePath)
        let song = try #require(try SongFile.read(path: Fixtures.songFiles[0].path).songs.first)
        let id = try archive.importSong(song)
        try archive.add(Contributor(id: "c-mair", name: "Mair Owen", generation: .olderAdult, consent: .firstName))
        try archive.add(Contributor(id: "c-tom", name: "Tom", generation: .child, consent: .anonymous))
        return (scratch, archive, id)
    }

    @Test func aTakeIsKeptWithItsSingersAndAContributionRefersToIt() throws {
        let (scratch, archive, song) = try archiveWithSinger()
        defer { scratch.remove() }
        let take = try archive.addTake(song: song, by: ["c-mair", "c-tom"], section: "Chorus", format: "wav", audio: Self.voice, seconds: 3.5, transcription: "{}")
        #expect(take.wholeMatch(of: /t-[0-9a-f]{16}/) != nil)
        #expect(try archive.take(take).singers == ["c-mair", "c-tom"])
        #expect(try archive.takes(song: song).map(\.id) == [take])
        #expect(try archive.takeAudio(take) == Self.voice)
        let contribution = try archive.contribute(song: song, by: ["c-mair"], kind: .melody, payload: "X:1\nK:G\nGABc|", section: "Chorus", take: take)
        let reference = try DatabaseQueue(path: scratch.archivePath).read { db in
            try String.fetchOne(db, sql: "SELECT takeId FROM contribution WHERE id = ?", arguments: [contribution])
        }
        #expect(reference == take)
        // A take of another song is not this song's.
        let other = try archive.importSong(try #require(try SongFile.read(path: Fixtures.songFiles[1].path).songs.first))
        #expect(throws: ArchiveError.self) { try archive.contribute(song: other, by: ["c-mair"], kind: .melody, payload: "X:1\nK:G\nGABc|", take: take) }
    }

    @Test func withdrawingErasesTheVoiceButKeepsTheNotes() throws {
        let (scratch, archive, song) = try archiveWithSinger()
        defer { scratch.remove() }
        let take = try archive.addTake(song: song, by: ["c-mair"], section: nil, format: "wav", audio: Self.voice, seconds: 3.5, transcription: "{}")
        let kept = try archive.addTake(song: song, by: ["c-tom"], section: nil, format: "wav", audio: Data("RIFF".utf8) + Data(repeating: 7, count: 1000), seconds: 1, transcription: "{}")
        let contribution = try archive.contribute(song: song, by: ["c-mair"], kind: .melody, payload: "X:1\nK:G\nGABc|", take: take)
        func fileHoldsTheVoice() throws -> Bool {
            // A piece shorter than a page: a blob is stored across pages, each starting with a link to the next.
            let needle = Self.voice.dropFirst(10_000).prefix(1000)
            for path in [scratch.archivePath, scratch.archivePath + "-wal"] where FileManager.default.fileExists(atPath: path) {
                if try Data(contentsOf: URL(fileURLWithPath: path)).range(of: needle) != nil { return true }
            }
            return false
        }
        #expect(try fileHoldsTheVoice())
        try archive.setConsent("c-mair", .withdrawn)
        #expect(throws: ArchiveError.self) { try archive.take(take) }
        #expect(try archive.takes(song: song).map(\.id) == [kept])
        // The contribution stays, no longer pointing at a take.
        let row = try DatabaseQueue(path: scratch.archivePath).read { db in
            try Row.fetchOne(db, sql: "SELECT payload, takeId FROM contribution WHERE id = ?", arguments: [contribution])
        }
        #expect(row?["payload"] as String? == "X:1\nK:G\nGABc|")
        #expect(row?["takeId"] as String? == nil)
        // Not in the file's free pages, nor in the write-ahead log.
        #expect(try !fileHoldsTheVoice())
        // A withdrawn person's voice is not taken again.
        #expect(throws: ArchiveError.self) { try archive.addTake(song: song, by: ["c-mair"], section: nil, format: "wav", audio: Self.voice, seconds: 1, transcription: "{}") }
    }

    @Test func erasingOnRequestAndTheCaps() throws {
        let (scratch, archive, song) = try archiveWithSinger()
        defer { scratch.remove() }
        _ = try archive.addTake(song: song, by: ["c-tom", "c-mair"], section: nil, format: "flac", audio: Data("fLaC".utf8) + Self.voice, seconds: 2, transcription: "{}")
        // A file is kept as what its bytes are.
        #expect(throws: ArchiveError.self) { try archive.addTake(song: song, by: ["c-tom"], section: nil, format: "flac", audio: Self.voice, seconds: 1, transcription: "{}") }
        // A group's take goes with any one of its voices.
        #expect(try archive.eraseTakes(by: "c-tom") == 1)
        #expect(try archive.takes(song: song).isEmpty)
        #expect(try archive.contributor("c-tom").consent == .anonymous)
        #expect(throws: ArchiveError.self) { try archive.eraseTakes(by: "c-nobody") }
        #expect(throws: ArchiveError.self) { try archive.addTake(song: song, by: [], section: nil, format: "wav", audio: Self.voice, seconds: 1, transcription: "{}") }
        #expect(throws: ArchiveError.self) { try archive.addTake(song: song, by: ["c-tom"], section: nil, format: "exe", audio: Self.voice, seconds: 1, transcription: "{}") }
        #expect(throws: ArchiveError.self) { try archive.addTake(song: song, by: ["c-tom"], section: nil, format: "wav", audio: Self.voice, seconds: 601, transcription: "{}") }
        #expect(throws: ArchiveError.self) { try archive.addTake(song: song, by: ["c-tom"], section: "Chorus\n1", format: "wav", audio: Self.voice, seconds: 1, transcription: "{}") }
        #expect(throws: ArchiveError.self) { try archive.addTake(song: 999, by: ["c-tom"], section: nil, format: "wav", audio: Self.voice, seconds: 1, transcription: "{}") }
        let tooBig = Data(count: SongLimits.takeBytes + 1)
        #expect(throws: ArchiveError.self) { try archive.addTake(song: song, by: ["c-tom"], section: nil, format: "wav", audio: tooBig, seconds: 1, transcription: "{}") }
        #expect(try archive.takes(song: song).isEmpty)
    }
}
