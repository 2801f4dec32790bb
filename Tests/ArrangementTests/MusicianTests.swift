import Foundation
import SongCore
import SongTesting
import SongText
import Testing
@testable import Arrangement

/// What a community musician listens for before putting a draft in front of a room, checked on the demo songs in
/// their own styles and on a chart in every style and every common meter: the band under the singers, no clashes
/// or parallels with the tune, an ending on the home chord, phrases with fills where phrases end, and variety.
@Suite struct MusicianTests {
    static let songs = ["can-y-cwm", "haul-away-for-stonehaven", "hush-the-harbour-sleeps", "the-pavilion-waltz", "the-tide-comes-in"]

    static func song(_ name: String) throws -> Song {
        try #require(try SongFile.read(path: Fixtures.songs.appendingPathComponent("\(name).cho").path).songs.first)
    }

    /// A 32-bar chart (G C D7 Em Am7 D G G) in `meter`, one chord a bar, with a tune of one note a beat on the
    /// chord's tones, rising and falling, so that the band has something to keep under.
    static func chart(meter: Meter) -> Song {
        let chords = ["G", "C", "D7", "Em", "Am7", "D", "G", "G"].map { try! ChordSymbol(parsing: $0) }
        let tones: [[String]] = [["B", "d", "g"], ["c", "e", "g"], ["A", "d", "f"], ["B", "e", "g"], ["A", "c", "e"], ["A", "d", "f"], ["G", "B", "d"], ["g", "d", "B"]]
        let beats = meter.isCompound ? meter.beats / 3 : meter.beats
        let unit = meter.isCompound ? "3" : ""
        var abc = "X:1\nT:Chart\nM:\(meter)\nL:1/\(meter.beatUnit)\nK:G\n"
        for bar in 0..<32 {
            let t = tones[bar % 8]
            abc += "\"\(chords[bar % 8])\"" + (0..<beats).map { t[$0 % 3] + unit }.joined() + (bar % 4 == 3 ? " |\n" : " | ")
        }
        return try! ABCReader.read(abc).value.tunes[0].song
    }

    /// Every judged arrangement: the demo songs in their styles, and the chart in each style and meter.
    static func arrangements() throws -> [(String, Performance, Key)] {
        var out: [(String, Performance, Key)] = []
        for name in songs {
            let s = try song(name)
            let p = try Arranger.perform(s, options: ArrangementOptions(style: StyleLibrary.styleName(asked: nil, for: s)))
            out.append((name, p, p.keys[0].value))
        }
        for style in StyleLibrary.shipped.map(\.name) {
            for meter in StyleDefinition.commonMeters {
                out.append(("chart \(style) \(meter)", try Arranger.perform(chart(meter: meter), options: ArrangementOptions(style: style)), Key("G")!))
            }
        }
        return out
    }

    static func tracks(_ p: Performance, _ roles: Set<PerformanceTrack.Role>) -> [PerformanceNote] {
        p.tracks.filter { roles.contains($0.role) }.flatMap(\.notes)
    }

    @Test func theBandKeepsUnderTheSingersAndOffASemitoneFromThem() throws {
        for (name, p, _) in try Self.arrangements() {
            let tune = Self.tracks(p, [.melody]), chords = Self.tracks(p, [.chords, .pad])
            guard !tune.isEmpty else { continue }
            // Sung time with a chord part above the tune, in 1/96 steps of a whole note.
            var sung = 0, above = 0
            for m in tune {
                var t = m.onset
                while t < m.onset + m.duration {
                    sung += 1
                    if chords.contains(where: { $0.onset <= t && t < $0.onset + $0.duration && $0.key > m.key }) { above += 1 }
                    t += NoteLength(1, 96)
                }
            }
            #expect(Double(above) <= 0.2 * Double(sung), "\(name): chords above the tune \(above * 100 / max(1, sung))% of the time")
            let clashes = (chords + Self.tracks(p, [.bass])).filter { a in
                tune.contains { m in m.onset < a.onset + a.duration && a.onset < m.onset + m.duration && abs(m.key - a.key) % 12 == 1 }
            }
            #expect(clashes.isEmpty, "\(name): \(clashes.count) notes a semitone from the tune, first at \(clashes.first?.onset ?? .zero)")
        }
    }

    @Test func theBassMakesNoParallelFifthsOrOctavesWithTheTuneOnStrongBeats() throws {
        for (name, p, _) in try Self.arrangements() {
            let tune = Self.tracks(p, [.melody]), bass = Self.tracks(p, [.bass])
            guard !tune.isEmpty, let meter = p.meters.first?.value, let bar = meter.barLength else { continue }
            let strong = meter.isCompound ? (0..<(meter.beats / 3)).map { meter.pulse * $0 } : (meter.beats == 4 ? [.zero, bar * NoteLength(1, 2)] : [.zero])
            var previous: (Int, Int)?
            var t = NoteLength.zero
            var parallels: [NoteLength] = []
            while t < p.end {
                for s in strong {
                    let at = t + s
                    let m = tune.filter { $0.onset <= at && at < $0.onset + $0.duration }.map(\.key).max()
                    let b = bass.filter { $0.onset <= at && at < $0.onset + $0.duration }.map(\.key).min()
                    guard let m, let b else { previous = nil; continue }
                    if let (pb, pm) = previous {
                        let before = ((pm - pb) % 12 + 12) % 12, now = ((m - b) % 12 + 12) % 12
                        if before == now, now == 0 || now == 7, pb != b, pm != m, (b > pb) == (m > pm) { parallels.append(at) }
                    }
                    previous = (b, m)
                }
                t += bar
            }
            #expect(parallels.isEmpty, "\(name): parallel fifths or octaves at \(parallels)")
        }
    }

    @Test func everyArrangementEndsOnTheHomeChordHeldOnTheDownbeatWithTheRootInTheBass() throws {
        for (name, p, key) in try Self.arrangements() {
            let band = Self.tracks(p, [.bass, .chords, .pad])
            let last = try #require(band.map(\.onset).max())
            let bar = try #require(p.meters.first?.value.barLength)
            #expect((last / bar).denominator == 1, "\(name): the last chord falls off the downbeat")
            let bass = p.tracks.first { $0.role == .bass }?.notes.filter { $0.onset == last }.map(\.key).min()
            #expect(bass.map { $0 % 12 == key.tonic.pitchClass } == true, "\(name): the bass ends on \(bass.map(String.init) ?? "nothing")")
            #expect(band.filter { $0.onset == last }.allSatisfy { $0.onset + $0.duration == p.end }, "\(name): the last chord is not held to the end")
            #expect(p.tempos.last.map { $0.value.beatsPerMinute < p.tempos[0].value.beatsPerMinute } == true, "\(name): no ritardando")
        }
        // A button: the home chord struck short, in time.
        let button = try Arranger.perform(Self.song("the-tide-comes-in"), options: { var o = ArrangementOptions(style: "folk"); o.ending = .button; return o }())
        let last = try #require(Self.tracks(button, [.bass, .chords]).map(\.onset).max())
        #expect(Self.tracks(button, [.bass, .chords]).filter { $0.onset == last }.allSatisfy { $0.duration <= NoteLength(1, 8) })
        #expect(button.tempos.count == 1)
    }

    /// A lift for the last chorus: up to its last pass the performance is the plain one, note for note (the band's
    /// last bar before it may lead into the new key); from there
    /// every note of the tune and the band is the plain one moved up (the band's voicings may move within the
    /// chord, so the band is checked by its bass, which plays the chord's root or fifth), and the song ends at home
    /// in the new key. The style's introduction, made of the song's last bars, stays in the old key.
    @Test(arguments: ["the-tide-comes-in", "can-y-cwm", "the-pavilion-waltz"])
    func theLastChorusCanLiftAndTheSongEndsInTheNewKey(name: String) throws {
        let song = try Self.song(name)
        let style = StyleLibrary.styleName(asked: nil, for: song)
        let plain = try Arranger.perform(song, options: ArrangementOptions(style: style))
        var options = ArrangementOptions(style: style)
        options.liftLastChorus = 2
        let lifted = try Arranger.perform(song, options: options)
        let lastChorus = try #require(plain.markers.last { $0.text.hasPrefix("Chorus") }).at
        #expect(lifted.markers.map(\.text) == plain.markers.map(\.text) && lifted.end == plain.end)
        let tune = (plain.tracks.first { $0.role == .melody }?.notes ?? [], lifted.tracks.first { $0.role == .melody }?.notes ?? [])
        #expect(tune.0.count == tune.1.count && !tune.0.isEmpty)
        for (a, b) in zip(tune.0, tune.1) {
            #expect(a.onset == b.onset && b.key == a.key + (a.onset >= lastChorus ? 2 : 0), "\(name) at \(a.onset): \(a.key) → \(b.key)")
        }
        // Before the lift the band is as it was, but for the bar that leads into it (the bass approaches the new
        // key's chord); the intro is in the old key.
        let bar = try #require(plain.meters.last?.value.barLength)
        let before = { (p: Performance) in Self.tracks(p, [.bass, .chords, .pad]).filter { $0.onset < lastChorus - bar }.map { "\($0.onset) \($0.key)" }.sorted() }
        #expect(before(plain) == before(lifted), "\(name): the band changed before the last chorus")
        let home = try #require(lifted.keys.last?.value)
        #expect(home.tonic.pitchClass == (song.metadata.key!.tonic.pitchClass + 2) % 12 && lifted.keys.last!.at == lastChorus, "\(lifted.keys)")
        let last = try #require(Self.tracks(lifted, [.bass]).map(\.onset).max())
        #expect(Self.tracks(lifted, [.bass]).filter { $0.onset == last }.map { $0.key % 12 }.min() == home.tonic.pitchClass)
        // Bass roots after the lift are the plain ones moved up by the same step.
        let bassAfter = { (p: Performance, shift: Int) in Self.tracks(p, [.bass]).filter { $0.onset >= lastChorus && $0.onset < p.end }.map { ($0.key + shift) % 12 } }
        #expect(Set(bassAfter(lifted, 0)) == Set(bassAfter(plain, 2)), "\(name): the bass after the lift")
    }

    /// Light timing humanising: off the downbeat the band plays up to half its humanise in 2,048ths of a whole note
    /// late (about a MIDI tick each; never early,
    /// never on the downbeat, never in the ending), the same every time.
    @Test func theBandPlaysAFewTicksLateOffTheDownbeatAndTheSameEveryTime() throws {
        let song = try Self.song("the-tide-comes-in")
        let p = try Arranger.perform(song, options: ArrangementOptions(style: "folk"))
        #expect(p == (try Arranger.perform(song, options: ArrangementOptions(style: "folk"))))
        let humanise = try #require(StyleLibrary.style(named: "folk")?.styleDefinition?.humanise)
        let bar = try #require(p.meters.first?.value.barLength)
        let ending = try #require(p.markers.last { $0.text == "Ending" }).at
        var late = 0, onTime = 0
        for note in Self.tracks(p, [.bass, .chords, .drums]) {
            // 2,048ths of a whole note past the nearest eighth before the note.
            let units = Int((note.onset.doubleValue * 2_048).rounded())
            let past = units % 256
            #expect(past <= humanise / 2, "\(note.onset) is \(past) 2,048ths past an eighth")
            if (units - past) % Int((bar.doubleValue * 2_048).rounded()) == 0 || note.onset >= ending { #expect(past == 0, "\(note.onset): a downbeat or the ending moved") }
            if past > 0 { late += 1 } else { onTime += 1 }
        }
        #expect(late > 50 && onTime > 50, "\(late) late, \(onTime) on time")
    }

    @Test func aLiftNeedsAChorusAndAReasonableStep() throws {
        var options = ArrangementOptions(style: "folk")
        options.liftLastChorus = 7
        #expect(throws: Arranger.Problem.self) { try Arranger.perform(try Self.song("the-tide-comes-in"), options: options) }
        // A song with no chorus is played as it is.
        let verses = try #require(try ChordProReader.read("{title: Verses}\n{key: D}\n{start_of_verse: Verse 1}\n[D]One line [A]sung\n{end_of_verse}\n").value.first)
        options.liftLastChorus = 1
        #expect(try Arranger.perform(verses, options: options) == Arranger.perform(verses, options: ArrangementOptions(style: "folk")))
    }

    @Test func fillsEndTheSongsPhrasesAndASongWithItsOwnIntroGetsNoOther() throws {
        // The Tide Comes In (folk: a fill every 8 bars) has a two-bar style intro; its fills fall on bars 8, 16…
        // of the song, never in the introduction.
        let p = try Arranger.perform(Self.song("the-tide-comes-in"), options: ArrangementOptions(style: "folk"))
        let drums = try #require(p.tracks.first { $0.role == .drums })
        let intro = try #require(p.markers.first { $0.text == "Intro" }).at
        let songStart = try #require(p.markers.first { $0.text != "Intro" }).at
        #expect(songStart - intro == NoteLength(2))
        let tomBars = Set(drums.notes.filter { [48, 45].contains($0.key) }.map { n -> Int in
            let q = (n.onset - songStart) / NoteLength(1)
            return q.numerator / q.denominator + 1
        })
        #expect(!tomBars.isEmpty && tomBars.allSatisfy { $0 % 8 == 0 }, "fills on bars \(tomBars.sorted())")
        // The Pavilion Waltz opens with its own four-bar introduction: the tune comes in after those four bars.
        let waltz = try Arranger.perform(Self.song("the-pavilion-waltz"), options: ArrangementOptions(style: "waltz"))
        let first = try #require(waltz.tracks.first { $0.role == .melody }?.notes.map(\.onset).min())
        #expect(first == NoteLength(3, 4) * 4)
    }

    @Test func everyPartPlaysAtLeastThreeRhythmsAndHeldChordsChangeWithTheHarmony() throws {
        for (name, p, _) in try Self.arrangements() where name.hasPrefix("chart") {
            let bar = try #require(p.meters.first?.value.barLength)
            for track in p.tracks where track.role != .melody {
                var bars: [Int: Set<NoteLength>] = [:]
                for n in track.notes {
                    let q = n.onset / bar
                    let index = q.numerator / q.denominator
                    bars[index, default: []].insert(n.onset - bar * index)
                }
                #expect(Set(bars.values).count >= 3, "\(name): \(track.name) plays \(Set(bars.values).count) rhythms")
            }
            // No chord part holds across a chord change.
            let changes = p.chords.map(\.at)
            for n in Self.tracks(p, [.chords, .pad]) {
                #expect(!changes.contains { $0 > n.onset && $0 < n.onset + n.duration }, "\(name): a chord held across a change at \(n.onset)")
            }
        }
    }

    @Test func theSwingStyleSwingsTheTuneAsItSwingsTheBand() throws {
        let song = try Self.song("the-tide-comes-in")
        let straight = try #require(try Arranger.perform(song, options: ArrangementOptions(style: "folk")).tracks.first { $0.role == .melody }?.notes)
        let swung = try #require(try Arranger.perform(song, options: ArrangementOptions(style: "swing")).tracks.first { $0.role == .melody }?.notes)
        let eighth = NoteLength(1, 8), quarter = NoteLength(1, 4)
        // The same tune: every note on an off-beat eighth straight is a third of an eighth late swung.
        #expect(straight.count == swung.count)
        let offBeats = straight.indices.filter { (straight[$0].onset / eighth).denominator == 1 && (straight[$0].onset / quarter).denominator != 1 }
        #expect(!offBeats.isEmpty)
        let introDifference = swung[0].onset - straight[0].onset
        for i in offBeats { #expect(swung[i].onset - introDifference - straight[i].onset == NoteLength(32, 768)) }
        // A style file may keep the tune straight: 'swing: 0.33 band'.
        let def = try StyleParser.parse("style: x\nswing: 0.33 band\npart bass: program 32\n  1 root 1/4 100\n", file: "x.style")
        #expect(def.swing == 0.33 && !def.swingTune)
    }

    @Test func eachStyleVoicesItsChordsAsItsInstrumentWould() throws {
        /// The chords struck in the chart's bar 3 (G, under a tune of B d g), as keys.
        func strike(_ style: String) throws -> [Int] {
            let p = try Arranger.perform(Self.chart(meter: .fourFour), options: ArrangementOptions(style: style))
            let comp = try #require(p.tracks.first { $0.role == .chords })
            let bar = NoteLength(1), start = try #require(p.markers.first { $0.text != "Intro" }).at + bar * 8
            let first = try #require(comp.notes.filter { $0.onset >= start && $0.onset < start + bar }.map(\.onset).min())
            return comp.notes.filter { $0.onset == first }.map(\.key).sorted()
        }
        // Folk: a strummed guitar's G shape (barred at the third fret) on its middle four strings: D3 G3 B3 D4.
        let guitar = try strike("folk")
        #expect(guitar == [50, 55, 59, 62], "\(guitar)")
        // Music hall: a pianist's root and fifth low and the third a tenth above.
        let piano = try strike("musichall")
        #expect(piano.count >= 3 && piano[1] - piano[0] == 7 && piano[2] - piano[0] == 16, "\(piano)")
        // Swing: rootless, with the sixth and the ninth.
        let swing = try strike("swing")
        #expect(!swing.contains { $0 % 12 == 7 } && swing.contains { $0 % 12 == 4 } && swing.contains { $0 % 12 == 9 }, "\(swing)")
        // March: brass in close position, within an octave.
        let brass = try strike("march")
        #expect(brass.count >= 2 && brass.last! - brass.first! <= 12, "\(brass)")
    }

    @Test func theSwingBassWalks() throws {
        let p = try Arranger.perform(Self.song("the-tide-comes-in"), options: ArrangementOptions(style: "swing"))
        let bass = try #require(p.tracks.first { $0.role == .bass }?.notes).sorted { $0.onset < $1.onset }
        let steps = zip(bass, bass.dropFirst()).map { abs($1.key - $0.key) }
        // A note on every beat, moving nearly always, mostly by step (a tone or a semitone), with chromatic
        // approaches: not root-third-fifth-root.
        #expect(Double(steps.filter { $0 == 0 }.count) < 0.1 * Double(steps.count))
        #expect(Double(steps.filter { $0 <= 2 && $0 > 0 }.count) > 0.5 * Double(steps.count))
        let key = Set(Key("G")!.scale.notes.map(\.pitchClass))
        #expect(bass.contains { !key.contains($0.key % 12) }, "chromatic approach notes")
    }

    @Test func chordsThatDoNotFitTheMeterStillPlayWithAWarningNamingTheBar() throws {
        let sheet = "{title: Odd}\n{key: G}\n{time: 4/4}\n\n{start_of_grid: Chorus}\n| G . . . | C . . . . | D . . . | G . . . |\n{end_of_grid}\n"
        let song = try #require(try ChordProReader.read(sheet).value.first)
        let p = try Arranger.perform(song, options: ArrangementOptions(style: "folk"))
        #expect(p.warnings.contains("Chorus, bar 2 of its chords has 5 beats where 4/4 has 4; the bars after it move"), "\(p.warnings)")
        #expect(p.tracks.contains { $0.role == .bass && !$0.notes.isEmpty })
    }

    @Test func theTuneSwellsThroughEachPhrase() throws {
        let p = try Arranger.perform(Self.song("the-tide-comes-in"), options: ArrangementOptions(style: "folk"))
        let tune = try #require(p.tracks.first { $0.role == .melody }?.notes)
        let line = try #require(p.lines.first).at, next = try #require(p.lines.dropFirst().first).at
        let phrase = tune.filter { $0.onset >= line && $0.onset < next }
        let middle = phrase.filter { $0.onset >= line + (next - line) * NoteLength(1, 3) && $0.onset < line + (next - line) * NoteLength(2, 3) }
        let loudest = try #require(middle.map(\.velocity).max()), opening = try #require(phrase.first?.velocity)
        #expect(loudest > opening)
        #expect(Set(tune.map(\.velocity)).count > 3)
    }

    /// A note sung or played again on the same key is struck again, as a singer's consonant or a flautist's tongue
    /// does: the note before it ends about 60 ms early (at most a quarter of it), so a voice or a flute is heard to
    /// start again (in FluidSynth a pad or a flute struck again without a break barely dips). A note tied over the
    /// bar stays one note, and a note that moves to another key stays legato.
    @Test(arguments: ["none", "folk"])
    func theTuneBreaksBeforeANoteSungAgainAsASingerWould(style: String) throws {
        let abc = "X:1\nT:Again\nM:3/4\nL:1/4\nQ:1/4=120\nK:C\nC C D- | D E E | G3 |]\n"
        let song = try ABCReader.read(abc).value.tunes[0].song
        let p = try Arranger.perform(song, options: ArrangementOptions(style: style))
        let tune = try #require(p.tracks.first { $0.role == .melody }?.notes).sorted { $0.onset < $1.onset }
        #expect(tune.map(\.key) == [60, 60, 62, 64, 64, 67])
        let seconds = tune.map { (p.seconds(at: $0.onset), p.seconds(at: $0.onset + $0.duration)) }
        // Each onset where it was written, half a second apart at 120 a minute (the tied D two beats long; a style
        // slows over its last two bars).
        let gaps = zip(seconds.dropFirst(), seconds).map { $0.0 - $1.0 }
        if style == "none" { for (gap, beats) in zip(gaps, [1.0, 1, 2, 1, 1]) { #expect(abs(gap - 0.5 * beats) < 0.01) } }
        // The C and the first E break before they are sung again: 1/16 of their 0.5 s (62.5 ms; 1/16 of a slower
        // beat is a little longer, and still under 80 ms).
        for i in [0, 3] { #expect((0.0625 - 0.001)...0.08 ~= seconds[i + 1].0 - seconds[i].1, "note \(i)") }
        // The tied D and the second C run into their next notes, and the second E into the G.
        for i in [1, 2, 4] { #expect(abs(seconds[i + 1].0 - seconds[i].1) < 0.001, "note \(i)") }
    }
}
