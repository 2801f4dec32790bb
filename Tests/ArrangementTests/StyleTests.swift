import Foundation
import SongCore
import SongMIDI
import Testing
@testable import Arrangement

/// Musical sanity of every style, in its own meter.
@Suite struct StyleTests {
    /// A chart of `bars` bars in `meter`, cycling through chords that include a slash chord and a seventh.
    func chart(bars: Int, meter: Meter, tempo: Double = 120) -> Song {
        let cycle = ["G", "C/G", "D7", "Em", "Am7", "D/F#", "G", "G"].map { try! ChordSymbol(parsing: $0) }
        var cells: [GridRow.Cell] = []
        for b in 0..<bars {
            cells.append(.bar("|"))
            cells.append(.chord(cycle[b % cycle.count]))
            cells += Array(repeating: .hold, count: meter.beats - 1)
        }
        cells.append(.bar("|"))
        var meta = SongMetadata(title: "Chart")
        meta.key = Key("G")!
        meta.meter = meter
        meta.tempo = Tempo(tempo, beat: NoteLength(1, meter.beatUnit))
        return Song(metadata: meta, blocks: [.section(Section(kind: .grid, label: "Chart", lines: [.grid(GridRow(cells: cells))]))])
    }

    static let dataStyles: [String] = StyleLibrary.shipped.map(\.name)

    /// A fresh folder for a test's own style files.
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-styles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func fourteenStylesShip() {
        #expect(Self.dataStyles.count >= 14)
        for name in ["folk", "ballad", "pop", "rocknroll", "waltz", "countrywaltz", "march", "shanty", "jig", "swing", "musichall", "hymn", "lullaby", "bossa"] {
            #expect(Self.dataStyles.contains(name), "\(name)")
        }
    }

    @Test(arguments: dataStyles)
    func musicalSanity(style name: String) throws {
        let def = try #require(StyleLibrary.style(named: name)?.styleDefinition)
        let song = chart(bars: 200, meter: def.meter)
        let performance = try Arranger.perform(song, options: ArrangementOptions(style: name))
        let bar = def.meter.barLength!
        // Bars exact over 200 bars: the music ends exactly at intro + 200 bars + ending, with no drift.
        #expect(performance.end == bar * (200 + def.introBars + def.endingBars))
        let chordsAt = { (t: NoteLength) -> Chord? in
            let songStart = bar * def.introBars
            guard t >= songStart, t < songStart + bar * 200 else { return nil }
            let b = ((t - songStart) / bar).numerator / ((t - songStart) / bar).denominator
            return ["G", "C/G", "D7", "Em", "Am7", "D/F#", "G", "G"].map { try! ChordSymbol(parsing: $0).chord! }[b % 8]
        }
        for track in performance.tracks {
            let part = def.parts.first { $0.name.capitalized == track.name }
            if track.role == .drums {
                #expect(track.channel == 9, "\(name): drums on channel 10")
            }
            for note in track.notes {
                if let part, track.role != .drums {
                    #expect((part.low...part.high).contains(note.key), "\(name) \(track.name): \(note.key) outside \(part.low)-\(part.high)")
                }
                guard let chord = chordsAt(note.onset) else { continue }
                let onBeat = ((note.onset - bar * def.introBars) / def.meter.pulse).denominator == 1
                if track.role == .chords || track.role == .pad {
                    // A swing pianist colours a chord with its sixth and ninth.
                    let colours: Set<Int> = part?.voicing == .swing ? [(chord.root.pitchClass + 9) % 12, (chord.root.pitchClass + 2) % 12] : []
                    #expect(chord.pitchClasses.union(colours).contains(note.key % 12), "\(name) \(track.name): \(note.key) not in \(chord.symbol)")
                }
                if track.role == .bass {
                    // At each chord change (the bar's downbeat here) the bass plays the root or the slash bass.
                    let downbeat = ((note.onset - bar * def.introBars) / bar).denominator == 1
                    if downbeat { #expect(note.key % 12 == chord.bassNote.pitchClass, "\(name): bass \(note.key) on \(chord.symbol)") }
                    // Passing tones only off the beat; on the beat the bass plays chord tones (a walking bass walks
                    // through the beats between changes, by the scale and by semitones).
                    let walks = part?.events.contains { $0.tone == "walk" } == true
                    if onBeat && !walks { #expect(chord.pitchClasses.contains(note.key % 12), "\(name): bass \(note.key) on a beat of \(chord.symbol)") }
                }
            }
        }
    }

    @Test func aThirtyTwoBarChartAtOneTwentyLastsSixtyFourSecondsPlusIntroAndEnding() throws {
        let song = chart(bars: 32, meter: .fourFour, tempo: 120)
        let folk = try #require(StyleLibrary.style(named: "folk")?.styleDefinition)
        let p = try Arranger.perform(song, options: ArrangementOptions(style: "folk"))
        // 2 s a bar at 120 bpm; the ritardando's last two bars run at 90% and 80% speed.
        let intro = Double(folk.introBars) * 2
        let endingSlow = 2 / 0.9 + 2 / 0.8 - 4
        #expect(abs(p.durationSeconds - (64 + intro + Double(folk.endingBars) * 2 + endingSlow)) < 0.001)
        let plain = try Arranger.perform(song, options: ArrangementOptions(style: "basic"))
        #expect(abs(plain.durationSeconds - 64) < 0.001)
    }

    @Test func chordsAStyleCannotVoiceFullyFallBackWithAWarning() throws {
        var song = chart(bars: 4, meter: .fourFour)
        song.blocks = [.section(Section(kind: .grid, label: "Chart", lines: [.grid(GridRow(cells: [.bar("|"), .chord(try ChordSymbol(parsing: "C13")), .hold, .hold, .hold, .bar("|")]))]))]
        let p = try Arranger.perform(song, options: ArrangementOptions(style: "folk"))
        #expect(p.warnings == ["the folk style voices C13 plainly (root, third, fifth and seventh)"])
        let comp = try #require(p.tracks.first { $0.name == "Comp" })
        // Intro and the bar itself are C13 voiced as C7; the ending is the home chord of G.
        #expect(comp.notes.filter { $0.onset < NoteLength(3) }.allSatisfy { [0, 4, 7, 10].contains($0.key % 12) })
    }

    @Test func aStyleInAnotherMeterIsAdaptedUnlessItsFileRefusesIt() throws {
        // The waltz (3/4) on a 4/4 chart: a steady four, the bass on one and three, the chords on two and four.
        let p = try Arranger.perform(chart(bars: 4, meter: .fourFour), options: ArrangementOptions(style: "waltz"))
        let bass = try #require(p.tracks.first { $0.name == "Bass" })
        let bar = NoteLength(1)
        let inSong = bass.notes.filter { $0.onset >= bar * 2 && $0.onset < bar * 5 }   // after the two-bar intro, before the turnaround
        // (In 2,048ths of a bar: the band plays off the downbeat up to half its humanise in them late, as players do,
        // and never early.)
        let units = inSong.map { Int(((($0.onset - bar * 2) / bar).doubleValue * 2_048).rounded()) % 2_048 }
        #expect(Set(units.map { $0 / 1_024 }) == [0, 1] && units.allSatisfy { $0 % 1_024 <= 15 }, "\(units)")
        // Every style plays every common meter, unless its file says otherwise.
        for style in StyleLibrary.shipped {
            for meter in StyleDefinition.commonMeters {
                let q = try Arranger.perform(chart(bars: 4, meter: meter), options: ArrangementOptions(style: style.name))
                #expect(q.tracks.contains { $0.role == .bass && !$0.notes.isEmpty }, "\(style.name) in \(meter)")
            }
        }
        let strict = "style: strict\nmeter: 3/4\nrefuses: 4/4, 2/4\npart bass: program 32, range E1-G3\n  1 root 1/4 100\n"
        let def = try StyleParser.parse(strict, file: "strict.style")
        #expect(!def.plays(.fourFour) && def.plays(.sixEight) && def.plays(.threeFour))
        #expect(def.meterSummary == "3/4 (also 6/8)")
    }

    @Test func aStyleThatRefusesAMeterSaysSo() throws {
        let dir = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "style: strict\nmeter: 3/4\nrefuses: 4/4\npart bass: program 32, range E1-G3\n  1 root 1/4 100\n".write(to: dir.appendingPathComponent("strict.style"), atomically: true, encoding: .utf8)
        let styles = try StyleLibrary.read(folder: dir)
        let strict = try #require(styles.first?.styleDefinition)
        #expect(throws: StyleError.self) { try StyleParser.parse("style: x\nrefuses: 4/5x\n", file: "x.style") }
        #expect(!strict.plays(.fourFour))
    }

    @Test func styleFileErrorsNameFileAndLine() {
        let bad = "style: broken\nmeter: 4/4\npart bass: program 32, range E1-G3\n  1 rooot 1/4 100\n"
        #expect { try StyleParser.parse(bad, file: "broken.style") } throws: { error in
            (error as? StyleError)?.description.hasPrefix("broken.style:4: 'rooot' is not a tone") == true
        }
        #expect { try StyleParser.parse("style: x\n  1 root 1/4 100\n", file: "x.style") } throws: { ($0 as? StyleError)?.line == 2 }
        #expect { try StyleParser.parse("style: x\nmeter: 3/4\npart bass: program 32\n  4 root 1/4 100\n", file: "x.style") } throws: { ($0 as? StyleError)?.message.contains("outside a bar of 3/4") == true }
        // A pattern longer than its bar, and a range outside MIDI's notes, are refused where they are written.
        #expect { try StyleParser.parse("style: x\nmeter: 3/4\npart bass: program 32\n  3 root 1/2 100\n", file: "x.style") } throws: { error in
            (error as? StyleError).map { $0.line == 4 && $0.message.contains("past the end of a bar of 3/4") } == true
        }
        #expect { try StyleParser.parse("style: x\nmeter: 4/4\npart bass: program 32, range C8-C10\n", file: "x.style") } throws: { error in
            (error as? StyleError).map { $0.line == 3 && $0.message.contains("outside MIDI") } == true
        }
    }

    @Test func userStylesAddAndReplace() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "style: folk\nabout: my folk\nmeter: 4/4\npart bass: program 32, channel 2, range E1-G3\n  1 root 1/1 90\n".write(to: folder.appendingPathComponent("folk.style"), atomically: true, encoding: .utf8)
        let styles = try StyleLibrary.all(userFolder: folder)
        #expect(styles.filter { $0.name == "folk" }.count == 1)
        #expect(styles.first { $0.name == "folk" }?.summary == "my folk")
    }

    @Test func swingDelaysOffBeatsAndHumaniseIsRepeatable() throws {
        let song = chart(bars: 4, meter: .fourFour)
        let a = try Arranger.perform(song, options: ArrangementOptions(style: "swing"))
        let b = try Arranger.perform(song, options: ArrangementOptions(style: "swing"))
        #expect(a == b)
        let ride = try #require(a.tracks.first { $0.role == .drums })
        #expect(ride.notes.contains { ($0.onset / NoteLength(1, 8)).denominator != 1 })
    }
}

@Suite struct KeyFitTests {
    func melody(_ keys: [Int]) -> [Int] { keys }

    @Test func aTuneTooHighForChildrenAndOlderAdultsMovesDown() {
        // D4–D5 in G for children (C4–D5) and older adults (F3–C5) together: it moves down, to C4–C5 in F.
        let groups = [VoiceRange.table[.child]!, VoiceRange.table[.olderAdult]!]
        let fit = KeyFitter.fit(melodyKeys: [62, 67, 71, 74], key: Key("G")!, groups: groups)
        #expect(fit.semitones != 0 || !fit.fitsEveryone)
        // Each group gets a report only for notes truly outside.
        for o in fit.outside { #expect(!(o.below + o.above).isEmpty) }
    }

    @Test func whenItCanFitItDoes() {
        // A sixth (E4–C5) fits both children (C4–D5) and older adults (F3–C5) at pitch.
        let fit = KeyFitter.fit(melodyKeys: [64, 67, 69, 72], key: Key("C")!, groups: [VoiceRange.table[.child]!, VoiceRange.table[.olderAdult]!])
        #expect(fit.fitsEveryone)
        #expect(fit.semitones == 0 || fit.fitsEveryone)
        // A tune pitched for men (C3–A3) goes up for children: they sing it an octave higher, or it moves.
        let low = KeyFitter.fit(melodyKeys: [48, 52, 55, 57], key: Key("C")!, groups: [VoiceRange.table[.child]!])
        #expect(low.fitsEveryone)
    }

    @Test func amongKeysThatFitTheEasiestOnTheBandsInstrumentsWins() {
        // A fifth (D♭4–A♭4) fits adults in many keys: the one chosen is easy on guitar, accordion and ukulele.
        let fit = KeyFitter.fit(melodyKeys: [61, 63, 65, 66, 68], key: Key("Db")!, groups: [VoiceRange.table[.adult]!])
        #expect(fit.fitsEveryone)
        #expect(fit.easyOn == ["guitar", "accordion", "ukulele"], "\(fit.key)")
        #expect(KeyFitter.easy(Key("Bb")!).isEmpty == false && KeyFitter.easy(Key("Eb")!).isEmpty)
    }

    @Test func anImpossibleFitSaysWhichNotesCannotFit() {
        // Two octaves of melody cannot fit a child's octave.
        let fit = KeyFitter.fit(melodyKeys: [55, 67, 79], key: Key("G")!, groups: [VoiceRange.table[.child]!])
        #expect(!fit.fitsEveryone)
        let child = fit.outside.first { $0.group == "child" }!
        #expect(!(child.below + child.above).isEmpty)
    }

    @Test func groupsAreReadFromGenerationsOrRanges() {
        #expect(VoiceRange(group: "child") == VoiceRange.table[.child])
        #expect(VoiceRange(group: "altos=G3-C5")?.low == 55)
        #expect(VoiceRange(group: "altos=C5-G3") == nil)
        #expect(VoiceRange(group: "elves") == nil)
        #expect(VoiceRange.table.values.allSatisfy { !$0.source.isEmpty })
    }
}

@Suite struct HarmoniserTests {
    @Test func chordsForAMelodyWithNone() throws {
        // A tune in C: C E G | F A C | G B D | C.
        var melody = Melody(key: Key("C")!, meter: Meter(3, 4), unitLength: .quarter)
        for (i, k) in [60, 64, 67, 65, 69, 72, 67, 71, 74, 72].enumerated() {
            melody.elements.append(.note(Note(Key("C")!.spell(midiNumber: k), i == 9 ? NoteLength(3, 4) : .quarter)))
            if i % 3 == 2 || i == 9 { melody.elements.append(.bar(.single)) }
        }
        let chords = Harmoniser.harmonise(melody).chordSymbols.map(\.description)
        #expect(chords == ["C", "F", "G", "C"])
    }

    @Test func simplifying() throws {
        #expect(Harmoniser.triad(try ChordSymbol(parsing: "Am7b5")).description == "Am")
        #expect(Harmoniser.triad(try ChordSymbol(parsing: "Gsus4")).description == "G")
        #expect(Harmoniser.threeChord(try ChordSymbol(parsing: "Em"), in: Key("G")!).description == "G")
        #expect(Harmoniser.threeChord(try ChordSymbol(parsing: "A7"), in: Key("G")!).description == "D")
        #expect(Harmoniser.capo(for: Key("Bb")!, instrument: "guitar").map { "\($0.fret) \($0.shapes)" } == "1 A")
        #expect(Harmoniser.capo(for: Key("G")!, instrument: "guitar").map { "\($0.fret) \($0.shapes)" } == "0 G")
    }

    @Test func harmonyVoiceIsADiatonicThirdBelow() {
        #expect(Arranger.diatonicBelow(67, steps: 2, in: Key("C")!) == 64)   // G → E
        #expect(Arranger.diatonicBelow(65, steps: 2, in: Key("C")!) == 62)   // F → D
        #expect(Arranger.diatonicBelow(71, steps: 5, in: Key("G")!) == 62)   // B → D, a sixth below
    }
}
