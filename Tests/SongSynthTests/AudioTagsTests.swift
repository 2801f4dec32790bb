import Arrangement
import Foundation
import SongCore
import SongMIDI
import SongTesting
import SongText
import Testing
@testable import SongSynth

/// Rendered files say what they are: the song's title, its public credits and its tour stop, read back by
/// exiftool (Debian's libimage-exiftool-perl, someone else's reader of all three containers), and nobody named
/// whom the song's page would not name.
@Suite struct AudioTagsTests {
    @Test func aRenderCarriesTheSongsTitleCreditsAndStopAndNoWithdrawnOrChildsName() async throws {
        let exiftool = try #require(CommandRunner.program("exiftool"), "exiftool (libimage-exiftool-perl) is missing: make test installs it")
        let font = try #require(try? SoundFontLibrary().choose("TimGM6mb"), "make test installs timgm6mb-soundfont")
        // Cân y Cwm credits Tomos Price, who withdrew, and Nia Evans, a child whose guardian gave no consent to
        // her name; its first section alone, to render quickly.
        var song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent("can-y-cwm.cho").path).songs.first)
        let withdrawnName = try #require(song.provenance.contributors.first { $0.consent == .withdrawn }?.name)
        let childName = try #require(song.provenance.contributors.first { $0.generation == .child }?.name)
        song.blocks = [try #require(song.blocks.first { if case .section = $0 { true } else { false } })]
        let midi = MIDIFile(performance: try Arranger.perform(song, options: ArrangementOptions(style: "hymn")))
        let tags = AudioTags(song: song)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tags-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for format in ["wav", "flac", "ogg"] {
            let file = folder.appendingPathComponent("cwm.\(format)")
            _ = try await Renderer.render(midi, to: file, format: try #require(AudioFormat(path: file.path)), options: RenderOptions(soundFont: font), tags: tags)
            // RIFF INFO has no character set of its own: ours is UTF-8, and exiftool is told so.
            let read = try await CommandRunner.run(URL(fileURLWithPath: exiftool), ["-j", "-charset", "RIFF=UTF8", file.path], in: folder)
            let found = try #require((try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [[String: Any]])?.first, "\(read.stderr)")
            #expect(found["Title"] as? String == "Cân y Cwm", "\(format)")
            #expect(found["Artist"] as? String == "Gwilym Jones, a child, S. R., Elin Morgan", "\(format)")
            // WAV's INFO list names its album "product" (IPRD).
            #expect((found["Album"] ?? found["Product"]) as? String == "Songbridge tour: Machynlleth, Wales", "\(format)")
            #expect(found["Comment"] as? String == "Words: Gwilym Jones, a child, S. R.; Music: Elin Morgan", "\(format)")
            #expect(((found["Encoder"] ?? found["Software"]) as? String)?.hasPrefix("Songbridge") == true, "\(format)")
            let bytes = try Data(contentsOf: file)
            for name in [withdrawnName, childName] + withdrawnName.split(separator: " ").map(String.init) {
                #expect(bytes.range(of: Data(name.utf8)) == nil, "\(format) names \(name)")
            }
        }
    }

    @Test func aTagIsOneLineOfPlainTextAndBounded() {
        let tags = AudioTags(title: "Line one\nline two\u{7}\u{202E}", artist: String(repeating: "a", count: 500), album: " \n ")
        let fields = Dictionary(uniqueKeysWithValues: tags.fields.map { ($0.vorbis, $0.value) })
        #expect(fields["TITLE"] == "Line one line two")
        #expect(fields["ARTIST"]?.count == AudioTags.longest)
        #expect(fields["ALBUM"] == nil, "nothing left to say")
        #expect(fields["ENCODER"] == "Songbridge")
    }
}
