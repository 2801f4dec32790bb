import Testing
@testable import SongCore

@Suite struct SongFormTests {
    @Test func chorusRecallsResolveToTheChorus() {
        let song = Song(blocks: [
            .section(Section(kind: .verse, label: "Verse 1", lines: [.lyrics([LyricSegment(text: "one")])])),
            .section(Section(kind: .chorus, label: "Chorus", lines: [.lyrics([LyricSegment(text: "la")])])),
            .section(Section(kind: .verse, label: "Verse 2", lines: [.lyrics([LyricSegment(text: "two")])])),
            .chorusRecall(label: nil), .chorusRecall(label: nil),
        ])
        #expect(song.form.map(\.description) == ["Verse 1", "Chorus", "Verse 2", "Chorus x2"])
    }

    @Test func formItemsReadBack() {
        #expect(FormItem("Chorus x2") == FormItem(section: "Chorus", times: 2))
        #expect(FormItem("Verse 1") == FormItem(section: "Verse 1"))
        #expect(FormItem("  ") == nil)
    }
}
