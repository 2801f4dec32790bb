import Arrangement
import Foundation
import SongCore
import SongTesting
import SongText
import Testing
@testable import SongMIDI

@Suite struct SongToMIDITests {
    func song(_ name: String) throws -> Song {
        try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent(name).path).songs.first)
    }

    /// The syllables a song sings, section by section in its form, each verse's words on its repeat.
    func sungWords(_ song: Song) -> [String] {
        var count: [String: Int] = [:]
        var words: [String] = []
        for item in song.form {
            guard let melody = song.section(item.section)?.melody else { continue }
            for _ in 0..<item.times {
                let n = count[item.section, default: 0]
                count[item.section] = n + 1
                words += melody.syllables(verse: melody.verseCount == 0 ? 0 : min(n, melody.verseCount - 1))
            }
        }
        return words
    }

    @Test(arguments: Fixtures.songFiles.map(\.lastPathComponent))
    func lyricEventsSpellTheWordsInOrder(name: String) throws {
        let s = try song(name)
        let file = try MIDIFile(bytes: MIDIFile(performance: Arranger.perform(s)).data())
        let lyrics = file.texts(type: MIDIEvent.MetaType.lyric)
        let stripped = lyrics.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \r\n")) }
        #expect(stripped == sungWords(s))
        // RP-017: words end in a space, lines in CR, verses in LF; syllables inside a word have nothing after them.
        #expect(lyrics.contains { $0.hasSuffix("\r") } && lyrics.last?.hasSuffix("\n") == true)
        #expect(lyrics.contains { !$0.hasSuffix(" ") && !$0.hasSuffix("\r") && !$0.hasSuffix("\n") })
    }

    @Test func sectionMarkersTempoMeterAndKey() throws {
        let s = try song("haul-away-for-stonehaven.cho")
        let file = MIDIFile(performance: try Arranger.perform(s))
        #expect(file.texts(type: MIDIEvent.MetaType.marker) == ["Verse", "Chorus", "Chorus"])
        #expect(file.startingMeter == Meter(6, 8))
        #expect(file.startingKey.fifths == Key("Ador")!.fifths)
        // 96 dotted quarters a minute is 144 quarters.
        #expect(file.startingTempo.beatsPerMinute == 144)
    }

    @Test func creditsFollowConsent() throws {
        let s = try song("can-y-cwm.cho")
        let file = MIDIFile(performance: try Arranger.perform(s))
        // The credits are in the copyright notice, not a text event (which notation programs take for words).
        #expect(file.texts(type: MIDIEvent.MetaType.text).isEmpty)
        let texts = file.texts(type: MIDIEvent.MetaType.copyright).joined(separator: "\n")
        #expect(texts == "Words: Gwilym Jones, a child, S. R.; Music: Elin Morgan")
        #expect(texts.contains("Gwilym Jones"))          // full-name
        #expect(texts.contains("S. R."))                  // initials
        #expect(!texts.contains("Nia"))                   // a child without a guardian's consent
        #expect(texts.contains("a child"))
        #expect(!texts.contains("Tomos") && !texts.contains("Price"))   // withdrawn
        // No name appears anywhere in the file's bytes that consent forbids.
        let bytes = String(decoding: file.data(), as: UTF8.self)
        for forbidden in ["Nia Evans", "Tomos Price", "Siân Roberts", "Nia"] { #expect(!bytes.contains(forbidden), "\(forbidden)") }
    }

    @Test func karaokeTrackHasSoftKaraokeHeadersAndMarks() throws {
        let s = try song("hush-the-harbour-sleeps.cho")
        let file = MIDIFile(performance: try Arranger.perform(s), options: MIDIWriteOptions(karaoke: true))
        let words = try #require(file.tracks.last)
        let texts: [String] = words.compactMap { if case .meta(1, let d) = $0.kind { MIDITextEncoding.decode(d) } else { nil } }
        #expect(texts.prefix(3) == ["@KMIDI KARAOKE FILE", "@V0100", "@THush, the Harbour Sleeps"])
        let lyric = texts.filter { !$0.hasPrefix("@") }
        #expect(lyric.first == "\\Hush")
        #expect(lyric.contains("/boats"))
        #expect(lyric.contains(" now,") && lyric.contains(" sleep") && lyric.contains("y"))
    }

    /// Someone else's reader of our MIDI files: MuseScore (Debian's musescore3, headless) imports each demo song's
    /// .mid and .kar and puts every syllable of its words, in order, under the melody. Credits written as text
    /// events read to it as words: it gave the melody the credits and dropped every syllable.
    @Test(arguments: [false, true])
    func museScoreImportsTheWordsUnderTheMelody(karaoke: Bool) async throws {
        let mscore = try #require(CommandRunner.program("mscore3"), "MuseScore (musescore3) is missing: make test installs it")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var job: [[String: String]] = [], expected: [[String]] = []
        for (i, url) in Fixtures.songFiles.enumerated() {
            let s = try #require(try SongFile.read(path: url.path).songs.first).publicProjection
            let performance = try Arranger.perform(s, options: ArrangementOptions(style: "none"))
            let file = folder.appendingPathComponent("\(i).mid")   // MuseScore opens MIDI files by this ending
            try Data(MIDIFile(performance: performance, options: MIDIWriteOptions(karaoke: karaoke)).data()).write(to: file)
            job.append(["in": file.path, "out": folder.appendingPathComponent("\(i).musicxml").path])
            expected.append(try #require(performance.wordsTrack).syllables.map(\.text))
        }
        try JSONSerialization.data(withJSONObject: job).write(to: folder.appendingPathComponent("job.json"))
        let run = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["QT_QPA_PLATFORM=offscreen", "XDG_RUNTIME_DIR=\(folder.path)", mscore, "-j", folder.appendingPathComponent("job.json").path], in: folder)
        #expect(run.status == 0, "\(run.stderr.suffix(500))")
        for ((entry, words), url) in zip(zip(job, expected), Fixtures.songFiles) {
            let xml = try String(contentsOfFile: entry["out"]!, encoding: .utf8)
            // MuseScore's lyrics, in order: each <lyric>'s <text>.
            let lyrics = xml.components(separatedBy: "<lyric").dropFirst().compactMap { lyric -> String? in
                guard let open = lyric.range(of: "<text>"), let close = lyric.range(of: "</text>", range: open.upperBound..<lyric.endIndex) else { return nil }
                var text = String(lyric[open.upperBound..<close.lowerBound])
                for (entity, character) in [("&apos;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
                    text = text.replacingOccurrences(of: entity, with: character)
                }
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            #expect(lyrics == words, "\(url.lastPathComponent): MuseScore read \(lyrics.count) syllables, \(words.count) sung: \(lyrics.prefix(6))")
        }
    }

    @Test func latin1LyricsForOlderPlayers() throws {
        let s = try song("can-y-cwm.cho")
        let file = MIDIFile(performance: try Arranger.perform(s), options: MIDIWriteOptions(encoding: .latin1))
        let bytes = file.data()
        // "côr" in Latin-1 is 63 F4 72.
        #expect(bytes.indices.dropLast(2).contains { bytes[$0] == 0x63 && bytes[$0 + 1] == 0xF4 && bytes[$0 + 2] == 0x72 })
    }

    @Test func aMelodyPlayedInComesBackAsAMelody() throws {
        // Given a melody with words written as MIDI
        let s = try song("the-pavilion-waltz.cho")
        let verse = try #require(s.section("Verse")?.melody)
        let one = Song(metadata: SongMetadata(title: "Waltz"), blocks: [.section(Section(kind: .verse, label: "Verse", melody: verse))])
        let file = try MIDIFile(bytes: MIDIFile(performance: Arranger.perform(one, options: ArrangementOptions(style: "none"))).data())
        // When it is imported
        let imported = try #require(file.importedMelody())
        // Then the notes, their timing, the meter, key and words are the same
        #expect(imported.meter == Meter(3, 4))
        #expect(imported.key == Key("D")!)
        #expect(imported.performedNotes.map { "\($0.onset) \($0.pitch.midiNumber)" } == verse.performedNotes.map { "\($0.onset) \($0.pitch.midiNumber)" })
        #expect(imported.syllables(verse: 0) == verse.syllables(verse: 0))
        #expect(imported.writtenBarCount == verse.writtenBarCount)
    }

    @Test func transposeAndRetimeAMIDIFile() throws {
        let file = MIDIFile(tracks: [[MIDIEvent(tick: 0, .meta(type: 0x51, data: [0x07, 0xA1, 0x20])), .noteOn(0, channel: 0, key: 60, velocity: 90), .noteOn(0, channel: 9, key: 38, velocity: 90)]])
        let moved = file.transposed(by: 2)
        #expect(moved.tracks[0][1] == .noteOn(0, channel: 0, key: 62, velocity: 90))
        #expect(moved.tracks[0][2] == .noteOn(0, channel: 9, key: 38, velocity: 90))
        #expect(file.retimed(by: 2).startingTempo.beatsPerMinute == 240)
    }
}

@Suite struct StyleNoneMatchesAbc2midiTests {
    static let tunes: [String] = Fixtures.corpusFiles.flatMap { url in
        Fixtures.text(url).split(separator: "\n").filter { $0.hasPrefix("X:") }.map { "\(url.lastPathComponent)#\($0.dropFirst(2))" }
    }

    @Test(.enabled(if: ABC2MIDI.path != nil), arguments: tunes)
    func styleNoneGivesAbc2midisNotes(tuneID: String) async throws {
        let parts = tuneID.split(separator: "#")
        let url = Fixtures.corpus.appendingPathComponent(String(parts[0]))
        let reference = Int(parts[1])!
        let tune = try #require(try ABCReader.read(SourceText(contentsOf: url)).value.tune(reference: reference))
        let ours = try MIDIFile(bytes: MIDIFile(performance: Arranger.perform(tune.song, options: ArrangementOptions(style: "none"))).data())
        let theirs = try await ABC2MIDI.notes(abcText: Fixtures.text(url), reference: reference)
        let mine = ours.mergedEvents.filter(\.isNoteOn).map { e -> String in
            guard case .channel(_, let key, _) = e.kind else { return "" }
            return "\(NoteLength(e.tick, ours.ticksPerQuarter * 4)) \(key)"
        }.sorted()
        let lead = (theirs.notes.filter { $0.channel == 0 }.first?.tick ?? 0)
        let other = theirs.notes.filter { $0.channel == 0 }.map { "\(NoteLength($0.tick - lead, theirs.division * 4)) \($0.note)" }.sorted()
        #expect(mine == other)
    }
}
