import Foundation
import SongArchive
import SongCore
import SongTesting
import SongText
import Testing

/// "Tunes like this" kept beside the archive (`KeptParts`): a kept song is not searched again, yet shows what a
/// search would, follows songs added since, and never shows a tune its singer has withdrawn.
@Suite struct KeptLikenessTests {
    /// The demo songs, and the lullaby's tune sung again at another stop under another title (so two songs are alike).
    static func archiveWithTwins() throws -> (TourArchive, URL, boats: Int64) {
        let (archive, folder) = try MelodicSearchTests.archive()
        return (archive, folder, try archive.importSong(try twin()))
    }

    static func twin() throws -> Song {
        let text = try String(contentsOf: Fixtures.songs.appendingPathComponent("hush-the-harbour-sleeps.cho"), encoding: .utf8)
            .replacingOccurrences(of: "{title: Hush, the Harbour Sleeps}", with: "{title: The Night Boats}")
            .replacingOccurrences(of: "id=portrush-2026-06; place=Portrush; nation=northern-ireland", with: "id=weymouth-2026-11; place=Weymouth; nation=england")
        return try #require(try ChordProReader.read(text, name: "again.cho").value.first)
    }

    @Test func keptLikenessesAreWhatASearchFindsAndAreReadBack() throws {
        let (archive, folder, _) = try Self.archiveWithTwins()
        defer { try? FileManager.default.removeItem(at: folder) }
        let kept = try KeptParts(path: folder.appendingPathComponent("a.sqlite.kept").path)
        var anyLiked = false
        for song in try archive.list() {
            let searched = try archive.tunesLike(song: song.id, least: 0)
            #expect(try archive.tunesLike(song: song.id, kept: kept, least: 0) == searched, "\(song.title), kept the first time")
            #expect(kept.likeness(of: song.id) != nil)
            #expect(try archive.tunesLike(song: song.id, kept: kept, least: 0) == searched, "\(song.title), from what was kept")
            anyLiked = anyLiked || !searched.isEmpty
        }
        #expect(anyLiked)
        // What was kept is what is shown: kept hits given another similarity show it (no search was made).
        let song = try #require(try archive.list().first { !(try archive.tunesLike(song: $0.id, least: 0)).isEmpty })
        var stored = try #require(kept.likeness(of: song.id))
        stored.hits = stored.hits.map { $0.map { var hit = $0; hit.similarity = 0.987; return hit } }
        kept.keep(likeness: stored, of: song.id)
        let shown = try archive.tunesLike(song: song.id, kept: kept, least: 0)
        #expect(!shown.isEmpty && shown.allSatisfy { $0.match.similarity == 0.987 }, "\(shown.map(\.match.similarity))")
    }

    @Test func aSongAddedSinceIsFoundAndAWithdrawnTuneLeavesAKeptList() throws {
        let (archive, folder) = try MelodicSearchTests.archive()
        defer { try? FileManager.default.removeItem(at: folder) }
        let kept = try KeptParts(path: folder.appendingPathComponent("a.sqlite.kept").path)
        let hush = try #require(try archive.list().first { $0.title == "Hush, the Harbour Sleeps" })
        for song in try archive.list() { _ = try archive.tunesLike(song: song.id, kept: kept) }
        #expect(!(try archive.tunesLike(song: hush.id, kept: kept)).contains { $0.match.title == "The Night Boats" })
        // The lullaby's tune, sung again at another stop under another title, after Hush's likenesses were kept.
        let boats = try archive.importSong(try Self.twin())
        let before = try #require(kept.likeness(of: hush.id)).upTo
        let joined = try archive.tunesLike(song: hush.id, kept: kept)
        let link = try #require(joined.first { $0.match.title == "The Night Boats" }, "\(joined.map(\.match.title))")
        #expect(link.match.similarity > 0.95)
        // As a whole search finds them, and kept with the new rows counted in.
        #expect(Set(joined.map(\.match.title)) == Set(try archive.tunesLike(song: hush.id).map(\.match.title)))
        #expect(try #require(kept.likeness(of: hush.id)).upTo > before)
        #expect(try archive.tunesLike(song: boats, kept: kept).contains { $0.match.title == "Hush, the Harbour Sleeps" })
        // Aoife Byrne (c-ab14) wrote both tunes and withdraws: with every list kept and the index in memory, neither
        // song is shown as like the other, nor as like any song.
        try archive.setConsent("c-ab14", .withdrawn)
        for song in try archive.list() {
            let likes = try archive.tunesLike(song: song.id, kept: kept, least: 0)
            #expect(!likes.contains { ["Hush, the Harbour Sleeps", "The Night Boats"].contains($0.match.title) }, "\(song.title): \(likes.map(\.match.title))")
            #expect(likes == (try archive.tunesLike(song: song.id, least: 0)), "\(song.title)")
        }
    }

    @Test func keptBytesThatAreNotALikenessAreSearchedAgain() throws {
        let (archive, folder, _) = try Self.archiveWithTwins()
        defer { try? FileManager.default.removeItem(at: folder) }
        let kept = try KeptParts(path: folder.appendingPathComponent("a.sqlite.kept").path)
        let song = try #require(try archive.list().first { !(try archive.tunesLike(song: $0.id)).isEmpty })
        let searched = try archive.tunesLike(song: song.id)
        _ = try archive.tunesLike(song: song.id, kept: kept)
        // Another song's tunes kept under this one's id (an archive restored in place, say): not this song's tunes.
        let other = try #require(try archive.list().first { $0.id != song.id })
        _ = try archive.tunesLike(song: other.id, kept: kept)
        kept.keep(likeness: try #require(kept.likeness(of: other.id)), of: song.id)
        #expect(try archive.tunesLike(song: song.id, kept: kept) == searched)
        // Rows that now hold other tunes: those hits are not shown.
        var stored = try #require(kept.likeness(of: song.id))
        stored.hits = stored.hits.map { $0.map { var hit = $0; hit.check &+= 1; return hit } }
        kept.keep(likeness: stored, of: song.id)
        #expect(try archive.tunesLike(song: song.id, kept: kept) == searched)
    }

    /// Which versions changed a tune, as a song page's family tree marks them: worked out from the index in memory, as
    /// the stored rows give it, over versions that change the tune, keep it, and add words only.
    @Test func tuneChangesFromTheIndexInMemoryAreTheStoredOnes() throws {
        let (archive, folder, _) = try Self.archiveWithTwins()
        defer { try? FileManager.default.removeItem(at: folder) }
        try archive.add(TourStop(id: "rhyl-2026", place: "Rhyl", nation: .wales, venue: .school, date: "2026-10-01"))
        try archive.add(Contributor(id: "c1", name: "Mair Lewis", generation: .olderAdult, consent: .fullName))
        let id = try archive.newSong(title: "Sand and Stars", stop: "rhyl-2026", key: Key("C")!, meter: .fourFour)
        func add(_ kind: Contribution.Kind, _ payload: String, section: String = "Verse 1", line: Int? = nil) throws {
            try archive.setStatus(try archive.contribute(song: id, by: ["c1"], kind: kind, payload: payload, section: section, line: line), .accepted)
            _ = try archive.merge(song: id)
        }
        try add(.lyrics, "Sand between our toes", line: 1)
        try add(.melody, "X:1\nM:4/4\nL:1/4\nK:C\nC D E F|G4|")
        try add(.lyrics, "stars above the sea", line: 2)
        // A chorus with a tune of its own: the song's tunes change again.
        try add(.melody, "X:1\nM:4/4\nL:1/4\nK:C\nE D C D|E4|", section: "Chorus")
        let numbers = try archive.versions(id).map(\.number)
        #expect(numbers.count == 4)
        let stored = try archive.tuneChanges(song: id)
        #expect(stored == [2, 4], "\(stored)")
        #expect(try archive.tuneChanges(song: id, versions: numbers) == stored)
        for song in try archive.list() {
            #expect(try archive.tuneChanges(song: song.id, versions: try archive.versions(song.id).map(\.number)) == (try archive.tuneChanges(song: song.id)))
        }
    }
}
