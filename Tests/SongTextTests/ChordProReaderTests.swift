import SongCore
import Testing
@testable import SongText

func song(_ text: String) throws -> Song {
    try #require(try ChordProReader.read(text, name: "test.cho").value.first)
}

@Suite struct ChordProReaderTests {
    @Test func metadataDirectives() throws {
        let s = try song("""
            {title: The Tide Comes In}
            {st: A seaside song}
            {artist: Seaview Singers}
            {composer: Sam Reed}
            {lyricist: Year 4}
            {key: G}
            {time: 3/4}
            {tempo: 96}
            {capo: 2}
            {year: 2026}
            {copyright: CC BY 4.0}
            {meta: place Weymouth}
            {transpose: -2}
            """)
        let m = s.metadata
        #expect(m.title == "The Tide Comes In")
        #expect(m.subtitles == ["A seaside song"])
        #expect(m.artists == ["Seaview Singers"] && m.composers == ["Sam Reed"] && m.lyricists == ["Year 4"])
        #expect(m.key == Key("G")! && m.meter == Meter(3, 4) && m.tempo == Tempo(96) && m.capo == 2)
        #expect(m.year == "2026" && m.copyright == "CC BY 4.0" && m.transpose == -2)
        #expect(m.other == [.init(name: "place", value: "Weymouth")])
    }

    @Test func sectionsLabelsAndChords() throws {
        let s = try song("""
            {start_of_verse: Verse 1}
            [G]We walked the [C]prom in [G/B]Sunday shoes
            {end_of_verse}

            {soc}
            The [Am7]tide comes [D7]in
            {eoc}

            {start_of_bridge label="Bridge"}
            [*Slowly]And [N.C.]then
            {end_of_bridge}
            """)
        #expect(s.sections.map(\.kind) == [.verse, .chorus, .bridge])
        #expect(s.sections.map(\.label) == ["Verse 1", nil, "Bridge"])
        guard case .lyrics(let segments) = s.sections[0].lines[0] else { Issue.record("not a lyric line"); return }
        #expect(segments.map(\.text) == ["We walked the ", "prom in ", "Sunday shoes"])
        #expect(segments.map { $0.chord?.description } == ["G", "C", "G/B"])
        #expect(s.sections[0].lyricLines == ["We walked the prom in Sunday shoes"])
        guard case .lyrics(let bridge) = s.sections[2].lines[0] else { Issue.record("not a lyric line"); return }
        #expect(bridge[0].annotation == "Slowly")
        #expect(bridge[1].chord == .noChord)
    }

    @Test func chorusRecallAndComments() throws {
        let s = try song("""
            {start_of_chorus: Chorus}
            La la
            {end_of_chorus}
            {comment: Everyone sings}
            {chorus}
            {chorus: Chorus}
            """)
        #expect(s.blocks.count == 4)
        #expect(s.blocks[2] == .chorusRecall(label: nil))
        // The comment between is not a step of the form, so the chorus is sung three times in a row.
        #expect(s.form.map(\.description) == ["Chorus x3"])
        #expect(s.sections[1].lines == [.comment("Everyone sings", style: "comment")])
    }

    @Test func gridSections() throws {
        let s = try song("""
            {start_of_grid: label="Intro" shape="1+4x2+4"}
            A | D . . . | G . / . | % | A7 . . . | x2
            {end_of_grid}
            """)
        let section = s.sections[0]
        #expect(section.kind == .grid && section.label == "Intro")
        #expect(section.attributes == ["shape": "1+4x2+4"])
        guard case .grid(let row) = section.lines[0] else { Issue.record("not a grid row"); return }
        #expect(row.label == "A" && row.comment == "x2")
        #expect(row.barCount == 4)
        #expect(row.cells.contains(.again) && row.cells.contains(.repeatBar))
        #expect(section.chords.map(\.description) == ["D", "G", "A7"])
    }

    @Test func abcBlocksBecomeTheSectionsMelody() throws {
        let s = try song("""
            {start_of_verse: Verse 1}
            Sing a song
            {end_of_verse}
            {start_of_abc: Verse 1}
            X:1
            L:1/4
            K:G
            "G"G A B|
            w:Sing a song
            {end_of_abc}
            """)
        let melody = try #require(s.sections[0].melody)
        #expect(melody.syllables(verse: 0) == ["Sing", "a", "song"])
        #expect(melody.chordSymbols == [try ChordSymbol(parsing: "G")])
    }

    @Test func provenanceDirectives() throws {
        let s = try song("""
            {title: Test}
            {x_songbridge_stop: id=w1; place=Weymouth; nation=england; venue=care-home; date=2026-05-14; partners=Seaview, Wyke Primary}
            {x_songbridge_contributor: id=c1; generation=older-adult; role=participant; consent=full-name; name=Margaret Hughes}
            {x_songbridge_contributor: id=c2; generation=child; consent=first-name; guardian=yes; name=Josh}
            {x_songbridge_credit: c1,c2; part=lines; section=Verse; lines=1-2,4}
            {x_songbridge_form: Verse, Chorus x2}
            {x_songbridge_theme: seaside, family}
            {start_of_verse: Verse}
            a
            b
            c
            d
            {end_of_verse}
            """)
        let p = s.provenance
        #expect(p.stop == TourStop(id: "w1", place: "Weymouth", nation: .england, venue: .careHome, date: "2026-05-14", partners: ["Seaview", "Wyke Primary"]))
        #expect(p.contributors.map(\.id) == ["c1", "c2"])
        #expect(p.contributors[1].guardianConsent && p.contributors[1].role == .participant)
        #expect(p.credits == [Credit(contributors: ["c1", "c2"], part: .lines, section: "Verse", lines: [1, 2, 4])])
        #expect(p.authors(ofLine: 4, inSection: "Verse").map(\.id) == ["c1", "c2"])
        #expect(p.authors(ofLine: 3, inSection: "Verse").isEmpty)
        #expect(s.form.map(\.description) == ["Verse", "Chorus x2"])
        #expect(s.metadata.themes == ["seaside", "family"])
    }

    @Test func unknownDirectivesAreKeptAndWarnedAbout() throws {
        let parsed = try ChordProReader.read("{title: T}\n{x_other_tool: 42}\n{columns: 2}\nWords\n", name: "u.cho")
        #expect(parsed.warnings.count == 1)
        #expect(parsed.warnings[0].description.hasPrefix("u.cho:2:1: warning: unknown directive {x_other_tool}"))
        let lines = parsed.value[0].sections[0].lines
        #expect(lines.contains(.unknownDirective(name: "x_other_tool", value: "42")))
        #expect(lines.contains(.unknownDirective(name: "columns", value: "2")))
        #expect(ChordProWriter.write(parsed.value[0]).contains("{x_other_tool: 42}"))
    }

    @Test func severalSongsInOneFile() throws {
        let songs = try ChordProReader.read("{title: One}\nA\n{new_song}\n{title: Two}\nB\n").value
        #expect(songs.map(\.metadata.title) == ["One", "Two"])
    }
}
