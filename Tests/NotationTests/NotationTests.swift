import Foundation
@testable import Notation
import SongCore
import SongTesting
import SongText
import Testing

/// Notation drawn by abcm2ps, checked by what it drew: abcm2ps reads our ABC on its own, so its count of note
/// heads beside ours is an outside reader's agreement, tune by tune.
@Suite struct NotationTests {
    let engraver = NotationEngraver()

    /// Pitches sounded (a chord's notes each) in a melody.
    static func pitches(_ melody: Melody) -> Int { melody.notes.reduce(0) { $0 + $1.pitches.count } }

    static func tune(_ abc: String) throws -> Melody {
        try #require(try ABCReader.read(abc).value.tunes.first?.melody)
    }

    @Test(arguments: Fixtures.songFiles.map(\.lastPathComponent))
    func everyDemoSongsTunesAreDrawnWithEveryNoteChordAndSyllable(name: String) async throws {
        #expect(NotationEngraver.installedProgram != nil, "abcm2ps is missing: make test installs it")
        let song = try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent(name).path).songs.first).publicProjection
        let sections = song.sections.filter { $0.melody != nil }
        #expect(!sections.isEmpty)
        let sources = sections.map { NotationSource($0.melody!, name: NotationSource.name(section: $0.id, melody: $0.melody!)) }
        let results = await engraver.engrave(sources)
        #expect(results.count == sections.count)
        for (section, result) in zip(sections, results) {
            let melody = section.melody!
            let drawing = try result.get()
            #expect(drawing.noteHeads == Self.pitches(melody), "\(name) \(section.id)")
            // Chord symbols above, syllables below: real text, in the order sung.
            let texts = drawing.texts.joined(separator: " ")
            for note in melody.notes {
                // abcm2ps writes a chord's flat and sharp as the signs themselves.
                if let chord = note.chordSymbol {
                    let drawn = chord.description.replacingOccurrences(of: "b", with: "♭").replacingOccurrences(of: "#", with: "♯")
                    #expect(drawing.texts.contains(drawn), "\(name) \(section.id): \(chord)")
                }
                for syllable in note.lyrics.compactMap(\.text) where !syllable.isEmpty {
                    #expect(texts.contains(syllable), "\(name) \(section.id): \(syllable)")
                }
            }
            #expect(drawing.svg.hasPrefix("<svg"))
            #expect(drawing.svg.contains(#"role="img""#) && drawing.svg.contains("aria-label=\"The tune of \(section.id)"))
            let root = drawing.svg.prefix { $0 != ">" }
            #expect(!drawing.svg.contains("<!--") && !root.contains(" width=") && root.contains("viewBox="))
        }
        // The same tune gives the same drawing (no dates inside), so a drawing can be kept by its source.
        let again = await engraver.engrave(sources)
        #expect(again.map { try? $0.get() } == results.map { try? $0.get() })
    }

    /// Tunes from real tunebooks (the four collections setup fetches), spread through each: abcm2ps finds as many
    /// notes in the ABC we write as we read in the ABC people typed.
    @Test func realTunesAreDrawnWithTheNotesWeRead() async throws {
        let collections = try ABCCorpus.collections(at: Fixtures.root.appendingPathComponent(".corpus"))
        #expect(collections.count >= 4, "run scripts/fetch-corpus.sh (make test does)")
        var tunes: [(name: String, melody: Melody)] = []
        for (name, all) in collections {
            let step = max(1, all.count / 15)
            for tune in stride(from: 0, to: all.count, by: step).prefix(15).map({ all[$0] }) {
                guard let read = try? ABCReader.read(SourceText(tune.text, name: "\(name)/\(tune.file)")).value.tunes.first,
                      read.melody.voices.isEmpty else { continue }
                tunes.append(("\(name)/\(tune.file) X:\(tune.reference)", read.melody))
            }
        }
        #expect(tunes.count >= 50)
        let results = await engraver.engrave(tunes.map { NotationSource($0.melody, name: $0.name) })
        for (tune, result) in zip(tunes, results) {
            let drawing = try result.get()
            #expect(drawing.noteHeads == Self.pitches(tune.melody), "\(tune.name): abcm2ps drew \(drawing.noteHeads) heads, we read \(Self.pitches(tune.melody))")
        }
    }

    @Test func aTransposedTuneIsDrawnInItsNewKey() async throws {
        let melody = try Self.tune("X:1\nM:4/4\nL:1/4\nK:G\nGABc|d4|]\n")
        let inA = Transposition(from: Key(NoteName(.g)), to: Key(NoteName(.a))).apply(melody)
        let results = await engraver.engrave([NotationSource(melody, name: "G"), NotationSource(inA, name: "A")])
        let g = try results[0].get().svg, a = try results[1].get().svg
        // The key signature: one sharp in G, three in A (and no accidentals among the notes of either).
        func sharps(_ svg: String) -> Int { svg.components(separatedBy: ##"xlink:href="#sh0""##).count - 1 }
        #expect(sharps(g) == 1)
        #expect(sharps(a) == 3)
    }

    @Test func wordsThatLookLikeMarkupAreDrawnAsText() async throws {
        var melody = try Self.tune("X:1\nM:4/4\nL:1/4\nK:C\nCDEF|G4|]\nw:<script>alert(1)</script> on-load=x & \"q\" '%%beginsvg'\n")
        melody.tempo = nil
        let drawing = try #require(try await engraver.engrave([NotationSource(melody, name: "<b>name</b>")]).first?.get())
        #expect(!drawing.svg.contains("<script") && !drawing.svg.contains("<b>"))
        #expect(drawing.texts.contains { $0.contains("<script>alert(1)</script>") })
        #expect(drawing.svg.contains("&lt;b&gt;name&lt;/b&gt;"))
    }

    @Test(arguments: [
        #"<svg width="10px" height="10px"><script>alert(1)</script></svg>"#,
        #"<svg width="10px" height="10px" onload="alert(1)"><g/></svg>"#,
        #"<svg width="10px" height="10px"><use xlink:href="http://example.com/x.svg#a"/></svg>"#,
        #"<svg width="10px" height="10px"><foreignObject><p>x</p></foreignObject></svg>"#,
        #"<svg width="10px" height="10px"><g style="fill:url(javascript:alert(1))"/></svg>"#,
        #"<svg width="10px" height="10px"><g fill=red/></svg>"#,
    ])
    func aDrawingWithAnythingButNotationIsRefused(svg: String) {
        #expect(throws: EngravingFailure.self) { _ = try EngravedSVG.clean(svg[...], name: "x") }
    }

    @Test func anEngraverThatHangsIsStoppedAndTheTuneFailsAlone() async throws {
        // A stand-in that never finishes, as a wedged engraver would: the bound must stop it.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("abcm2ps")
        try "#!/bin/sh\nexec sleep 30\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let hanging = NotationEngraver(program: script.path, timeout: .milliseconds(300))
        let melody = try Self.tune("X:1\nK:C\nCDEF|]\n")
        let result = try #require(await hanging.engrave([NotationSource(melody, name: "x")]).first)
        #expect(throws: EngravingFailure.self) { try result.get() }
        if case .failure(let failure) = result { #expect(failure.isTransient) }
    }

    @Test func withoutTheEngraverEveryTuneSaysWhy() async throws {
        let melody = try Self.tune("X:1\nK:C\nCDEF|]\n")
        let results = await NotationEngraver(program: nil).engrave([NotationSource(melody, name: "x")])
        guard case .failure(let failure) = results.first else { Issue.record("drawn without an engraver"); return }
        #expect(failure.description.contains("abcm2ps"))
    }

    @Test func idsArePrefixedSoSeveralDrawingsShareAPage() async throws {
        let melody = try Self.tune("X:1\nK:C\nCDEF|]\n")
        let drawing = try #require(try await engraver.engrave([NotationSource(melody, name: "x")]).first?.get()).prefixingIDs("s2-")
        #expect(drawing.svg.contains(#"id="s2-hd""#) && drawing.svg.contains(##"xlink:href="#s2-hd""##))
        #expect(!drawing.svg.contains(##"href="#hd""##))
        // The same as Foundation's text replacement would make it, on a real tune's drawing, a prefix with a
        // character beyond ASCII, and text that only looks like an attribute.
        let jig = try Self.tune("X:1\nT:The \"id\" jig\nM:6/8\nL:1/8\nK:D\nA|dfd AFA|Bcd efg|fed edc|d3 d2:|\nw: id=\"x\" href=\"#y\" Dŵr\n")
        let plain = try #require(try await engraver.engrave([NotationSource(jig, name: "jig")]).first?.get())
        for prefix in ["n3-", "ŵ-", ""] {
            #expect(plain.prefixingIDs(prefix).svg == plain.svg.replacingOccurrences(of: " id=\"", with: " id=\"\(prefix)")
                .replacingOccurrences(of: "href=\"#", with: "href=\"#\(prefix)"))
        }
    }
}
