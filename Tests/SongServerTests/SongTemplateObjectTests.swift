import Foundation
import SongCore
import SongTesting
import SongText
import Testing
@testable import SongServer

/// A song page's template reads the song as its JSON has it: the object made directly is the JSON read back, key
/// for key, for every demo song and for songs with the optional parts left out.
@Suite struct SongTemplateObjectTests {
    /// Both as JSON with sorted keys: the same text, or the same object.
    static func sameJSON(_ song: SongJSON) throws -> (made: String, read: String) {
        let read = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(song))
        func text(_ object: Any) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        return (try text(song.templateObject), try text(read))
    }

    @Test func theObjectIsTheSongsJSONReadBack() throws {
        var checked = 0
        for url in Fixtures.songFiles {
            let song = try #require(try SongFile.read(path: url.path).songs.first)
            let json = SongJSON(id: Int64(checked + 1), song: song)
            let (made, read) = try Self.sameJSON(json)
            #expect(made == read, "\(url.lastPathComponent)")
            #expect(made.contains("\"segments\""))
            checked += 1
        }
        #expect(checked >= 5)
        // A song with no key, meter, tempo, stop or tunes: those keys are left out, as the JSON leaves them out.
        let bare = try #require(try ChordProReader.read("{title: Bare}\n{start_of_verse}\nJust [G]words\n{end_of_verse}\n", name: "bare").value.first)
        let (made, read) = try Self.sameJSON(SongJSON(id: 9, song: bare))
        #expect(made == read)
        #expect(!made.contains("\"key\"") && !made.contains("\"tempo\"") && !made.contains("\"place\""))
    }
}
