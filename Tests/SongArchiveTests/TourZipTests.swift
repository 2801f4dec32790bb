import Foundation
import SongArchive
import SongCore
import SongTesting
import SongText
import Testing
@testable import TourExport

/// The archivists' ZIP export, read back with an independent reader (Python's zipfile, which also checks every
/// entry's CRC), through the consent projection.
@Suite struct TourZipTests {
    @Test func aZipHoldsEverySongAsThePublicMaySeeItWithAnIndex() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try TourArchive(path: scratch.archivePath)
        for url in Fixtures.songFiles { _ = try archive.importSong(try #require(try SongFile.read(path: url.path).songs.first)) }
        // Doris wrote two lines of The Pavilion Waltz, then withdrew: the export must not hold her name or lines.
        let waltz = try #require(try archive.list().first { $0.title == "The Pavilion Waltz" })
        let hers = try #require(try archive.song(waltz.id).section("Verse")?.lyricLines.first)
        try archive.setConsent("c-dw21", .withdrawn)
        let songs = try archive.list()
        let day = try #require(ISO8601DateFormatter().date(from: "2026-11-26T12:00:00Z"))
        let export = TourZip(name: "songbridge-tour", chosen: "every song of the tour", exportedAt: day)
        let data = try export.make(songs, from: archive)
        let read = try await PythonZip.entries(of: data, in: scratch.folder)
        let files = try #require(read.entries, "\(read.problem)")

        // One folder; a README, an index and, for each song, ChordPro and MIDI (and ABC where there is a melody).
        #expect(files.keys.allSatisfy { $0.hasPrefix("songbridge-tour/") })
        let readme = try #require(files["songbridge-tour/README.txt"])
        #expect(readme.contains("Exported 2026-11-26: 5 songs"), "\(readme)")
        let index = try #require(files["songbridge-tour/index.csv"])
        #expect(index.hasPrefix("\u{FEFF}id,title,place,nation,date,version"))
        let rows = index.dropFirst().split(separator: "\r\n")
        #expect(rows.count == 1 + songs.count)
        for song in songs {
            let row = try #require(rows.first { $0.hasPrefix("\(song.id),") }, "no row for \(song.title)")
            let named = row.split(separator: ",").last.map { $0.split(separator: " ").map(String.init) } ?? []
            #expect(named.contains { $0.hasSuffix(".cho") } && named.contains { $0.hasSuffix(".mid") }, "\(row)")
            for name in named { #expect(files["songbridge-tour/" + name] != nil, "the index names \(name), not in the ZIP") }
        }
        let cwm = try #require(files.first { $0.key.hasSuffix("machynlleth-2026-09-17/can-y-cwm.cho") }?.value)
        #expect(try ChordProReader.read(cwm, name: "can-y-cwm.cho").value.first?.metadata.title == "Cân y Cwm")
        #expect(files.contains { $0.key.hasSuffix("/can-y-cwm.abc") })
        #expect(files.filter { $0.key.hasSuffix(".mid") }.allSatisfy { $0.value.hasPrefix("MThd") })

        // Consent as it is today: nothing of Doris anywhere, and her lines gone from the waltz.
        for (name, text) in files {
            #expect(!text.contains("Whitaker") && !text.contains("Doris"), "\(name) names Doris")
            #expect(!text.contains(hers), "\(name) holds Doris's line")
        }
        // The same songs, consent and day give the same bytes.
        #expect(try export.make(songs, from: archive) == data)
    }

    @Test func fieldsWithCommasQuotesOrLineBreaksAreQuotedAsRFC4180Says() {
        let text = TourZip.csv([["a", "b, c", "say \"hi\""], ["line\nbreak", "", "plain"]])
        #expect(text == "a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",,plain\r\n")
    }
}
