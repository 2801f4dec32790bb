import Foundation
import SongCore

/// Turns a song into a performance: plays its form section by section (the melody with each verse's words,
/// or the chord grid, or one bar per chord where there is neither), then lets the style add the band.
public enum Arranger {
    /// Why a song cannot be arranged.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        /// What is wrong.
        public var description: String
    }

    /// The performance of `song` with `options`.
    public static func perform(_ song: Song, options: ArrangementOptions = ArrangementOptions()) throws(Problem) -> Performance {
        guard let style = StyleLibrary.style(named: options.style) else {
            throw Problem(description: "unknown style '\(options.style)'; the styles are \(StyleLibrary.names.joined(separator: ", "))")
        }
        var song = song
        if let key = options.key {
            guard let from = song.metadata.key ?? song.sections.compactMap(\.melody).first?.key else {
                throw Problem(description: "the song has no key to move from; use a number of semitones instead")
            }
            song = Transposition(from: from, to: key).apply(song)
        } else if let n = options.transpose, n != 0 {
            song = Transposition(semitones: n, from: song.metadata.key ?? song.sections.compactMap(\.melody).first?.key).apply(song)
        } else if !options.fitGroups.isEmpty, let fit = keyFit(song, groups: options.fitGroups), fit.semitones != 0 {
            song = Transposition(semitones: fit.semitones, from: song.metadata.key ?? song.sections.compactMap(\.melody).first?.key).apply(song)
        }
        // The words as they are now on their tunes (a line added since the tune was written is sung too).
        song = SungWords.apply(to: song)
        var builder = Builder(song: song, style: style, options: options)
        // A song in another meter than the style's (another bar, or another feel: 6/8 and 3/4 have equal bars but
        // not the same beat) gets the style adapted to it, unless the style's file refuses that meter.
        if let def = style.styleDefinition, builder.meter.barLength != nil, !def.isOwn(builder.meter) {
            guard def.plays(builder.meter) else {
                throw Problem(description: "the \(def.name) style does not play \(builder.meter) (its file refuses it); choose another (see songbridge styles)")
            }
            builder = Builder(song: song, style: DataStyle(def.adapted(to: builder.meter)), options: options)
        }
        try builder.build()
        return builder.performance
    }

    /// The key that fits `groups`, for a song with a melody.
    public static func keyFit(_ song: Song, groups: [VoiceRange]) -> KeyFit? {
        let keys = KeyFitter.sungKeys(song)
        guard !keys.isEmpty else { return nil }
        return KeyFitter.fit(melodyKeys: keys, key: song.metadata.key ?? song.sections.compactMap(\.melody).first?.key ?? .cMajor, groups: groups)
    }

    /// Walks the form and collects notes, words, chords and markers.
    struct Builder {
        let song: Song
        let style: any ArrangementStyle
        let options: ArrangementOptions
        var performance = Performance()
        var melodyNotes: [PerformanceNote] = []
        /// The notes of a tune's further voices (ABC `V:`), by voice number (0 is the tune's second voice).
        var voiceNotes: [[PerformanceNote]] = []
        var syllables: [SungSyllable] = []
        var chords: [ChordSpan] = []
        var time = NoteLength.zero
        var meter: Meter
        var key: Key
        var timesSung: [String: Int] = [:]
        /// What did not fit (a bar of a chord grid longer or shorter than the meter's), for the person rendering.
        var gridWarnings: [String] = []
        /// The song's first bar (after any count-in and the style's introduction) and where the ending begins.
        var songStart = NoteLength.zero
        var endingStart: NoteLength?
        /// Where the last chorus's lift begins, when it has one.
        var liftStart: NoteLength?

        init(song: Song, style: any ArrangementStyle, options: ArrangementOptions) {
            self.song = song
            self.style = style
            self.options = options
            let firstMelody = song.sections.compactMap(\.melody).first
            meter = song.metadata.meter ?? firstMelody?.meter ?? .fourFour
            key = song.metadata.key ?? firstMelody?.key ?? .cMajor
        }

        mutating func build() throws(Problem) {
            let firstMelody = song.sections.compactMap(\.melody).first
            var tempo = song.metadata.tempo ?? firstMelody?.tempo ?? Tempo(style.styleDefinition?.tempo ?? 100, beat: meter.pulse)
            if let bpm = options.tempo { tempo.beatsPerMinute = bpm }
            guard options.tempoScale > 0.05, options.tempoScale < 20 else { throw Problem(description: "tempo scale must be between 0.05 and 20") }
            tempo.beatsPerMinute *= options.tempoScale
            guard tempo.beatsPerMinute >= 10, tempo.beatsPerMinute <= 400 else { throw Problem(description: "tempo \(Int(tempo.beatsPerMinute)) is outside 10–400 beats per minute") }
            performance.title = song.metadata.title
            performance.copyright = song.metadata.copyright
            performance.credits = song.provenance.isEmpty
                ? (song.metadata.lyricists.isEmpty ? [] : ["Words: " + song.metadata.lyricists.joined(separator: ", ")])
                    + (song.metadata.composers.isEmpty ? [] : ["Music: " + song.metadata.composers.joined(separator: ", ")])
                : song.provenance.publicCreditLines
            performance.tempos = [TimedValue(at: .zero, value: tempo)]
            performance.meters = [TimedValue(at: .zero, value: meter)]
            performance.keys = [TimedValue(at: .zero, value: key)]

            if options.countIn, let bar = meter.barLength {
                var clicks = PerformanceTrack(name: "Count-in", role: .drums, channel: 9, program: 0, bank: 128, volume: 90, reverb: 10)
                var beat = NoteLength.zero
                while beat < bar {
                    clicks.notes.append(PerformanceNote(onset: beat, duration: meter.pulse, key: 37, velocity: beat.isZero ? 110 : 80))
                    beat += meter.pulse
                }
                performance.tracks.append(clicks)
                time = bar
            }
            let musicStart = time
            // A lift for the last chorus: from its last pass on, the song is played moved up (a direct key change).
            guard (0...5).contains(options.liftLastChorus) else { throw Problem(description: "the last chorus can move up 0 to 5 semitones") }
            let liftAt = options.liftLastChorus > 0 ? song.form.lastIndex { song.section($0.section)?.kind == .chorus } : nil
            let lifting = liftAt.map { _ in Transposition(semitones: options.liftLastChorus, from: key) }
            let lifted = lifting.map { $0.apply(song) }
            // Bounded as it grows: before each pass of a section the music so far is measured against the limits,
            // so a form that repeats a section a billion times stops at the limit, having made no more than that.
            for (index, item) in song.form.enumerated() {
                guard let section = song.section(item.section) else { continue }
                for pass in 0..<item.times {
                    try checkLength()
                    let before = time
                    if let liftAt, let lifting, let lifted, index > liftAt || (index == liftAt && pass == item.times - 1),
                       let up = lifted.section(item.section) {
                        if liftStart == nil {
                            liftStart = time
                            setKey(lifting.apply(key))
                        }
                        play(up)
                    } else {
                        play(section)
                    }
                    if time == before { break }   // a section with nothing to play takes no time however often
                }
            }
            try checkLength()
            songStart = musicStart
            if let def = style.styleDefinition, let bar = meter.barLength {
                addIntroAndEnding(def, bar: bar, musicStart: musicStart)
            }
            melodyNotes = Arranger.shaped(melodyNotes, phrases: performance.lines.map(\.at), every: (meter.barLength ?? .whole) * 4, from: songStart)
            if let def = style.styleDefinition, def.swing > 0, def.swingTune, !meter.isCompound {
                (melodyNotes, syllables) = Arranger.swung(melodyNotes, syllables, by: def.swingDelay)
            }
            let clock = performance.clock
            melodyNotes = Arranger.articulated(melodyNotes, seconds: clock.seconds(at:))
            var lead = PerformanceTrack(name: "Melody", role: .melody, channel: 0, program: options.leadProgram ?? style.leadProgram, volume: options.practice ? 127 : 110, reverb: 45)
            lead.notes = options.myLines.isEmpty ? melodyNotes : melodyNotes.filter { n in myLineTimes.contains { $0.contains(n.onset) } }
            lead.syllables = syllables
            if !melodyNotes.isEmpty { performance.tracks.insert(lead, at: performance.tracks.first?.role == .drums ? 1 : 0) }
            // A tune's further voices (a harmony line written for a choir) are parts of their own, sung by the
            // lead's instrument a little softer, on channels the styles leave free (5 to 8).
            for (n, notes) in voiceNotes.enumerated() where !notes.isEmpty && n < 4 {
                var part = PerformanceTrack(name: "Voice \(n + 2)", role: .harmony, channel: 5 + n, program: options.leadProgram ?? style.leadProgram,
                                            volume: 85, pan: n % 2 == 0 ? 44 : 84, reverb: 45)
                part.notes = Arranger.articulated(notes, seconds: clock.seconds(at:))
                performance.tracks.append(part)
            }
            if let interval = options.harmony, !melodyNotes.isEmpty {
                var second = PerformanceTrack(name: "Harmony", role: .harmony, channel: 4, program: options.leadProgram ?? style.leadProgram, volume: 80, pan: 84, reverb: 45)
                second.notes = lead.notes.map { n in var h = n; h.key = Arranger.diatonicBelow(n.key, steps: interval - 1, in: keyAt(n.onset)); h.velocity = max(1, n.velocity - 16); return h }
                performance.tracks.append(second)
            }
            var context = AccompanimentContext(tune: SungLine(melodyNotes), songStart: songStart, endingStart: endingStart, ending: options.ending, key: key)
            context.sections = performance.markers
            var band = style.accompaniment(for: chords, context: context).filter { !$0.notes.isEmpty }
            performance.warnings = gridWarnings + style.warnings(for: chords)
            if options.practice { band = band.map { var t = $0; t.volume = Int(Double(t.volume) * 0.7); return t } }
            performance.tracks += band
            performance.end = time
            performance.chords = chords.map { TimedValue(at: $0.at, value: $0.symbol) }
            guard time > .zero else { throw Problem(description: "the song has nothing to play: no melody, chord grid or chords") }
            try checkLength()
            let notes = performance.tracks.reduce(0) { $0 + $1.notes.count }
            guard notes <= SongLimits.arrangedNotes else {
                throw Problem(description: "the arrangement has \(notes) notes; at most \(SongLimits.arrangedNotes) are played")
            }
            guard performance.tracks.count <= SongLimits.arrangedParts else {
                throw Problem(description: "the arrangement has \(performance.tracks.count) parts; at most \(SongLimits.arrangedParts)")
            }
        }

        /// Refuses music longer than `SongLimits.arrangedSeconds` (at this tempo scale) or with more melody notes
        /// than an arrangement may hold.
        func checkLength() throws(Problem) {
            let seconds = performance.seconds(at: time)
            guard seconds <= SongLimits.arrangedSeconds else {
                throw Problem(description: "the song would play for more than \(Int(SongLimits.arrangedSeconds / 60)) minutes (\(Int(seconds / 60)) so far) at this speed; shorten its form or choose a faster tempo")
            }
            guard melodyNotes.count <= SongLimits.arrangedNotes else {
                throw Problem(description: "the song has more than \(SongLimits.arrangedNotes) notes to play")
            }
        }

        /// The style's introduction (the song's last bars of chords, before the tune; none when the song opens with
        /// an introduction of its own) and ending (the home chord, held on the last downbeat as the band slows, or
        /// a short button).
        mutating func addIntroAndEnding(_ def: StyleDefinition, bar: NoteLength, musicStart: NoteLength) {
            // A song with an introduction of its own starts with it; the style adds none.
            let ownIntro = song.form.first.flatMap { song.section($0.section) }?.isIntroduction ?? false
            let introLength = ownIntro ? .zero : bar * def.introBars
            if !ownIntro, def.introBars > 0, let songEnd = chords.last.map({ $0.at + $0.duration }) {
                let introFrom = max(musicStart, songEnd - introLength)
                // (In the song's own key: the last bars of a lifted last chorus are moved back down.)
                let down = liftStart.map { _ in Transposition(semitones: -options.liftLastChorus, from: key) }
                let introChords = chords.filter { $0.at + $0.duration > introFrom }.map { c -> ChordSpan in
                    var s = c
                    if let down, let liftStart, c.at >= liftStart { s.symbol = down.apply(c.symbol) }
                    let start = max(c.at, introFrom)
                    s.duration = c.at + c.duration - start
                    s.at = start - introFrom + musicStart
                    s.barStart = musicStart + NoteLength(((start - introFrom) / bar).numerator / max(1, ((start - introFrom) / bar).denominator)) * bar
                    return s
                }
                // Everything after the count-in moves later by the introduction.
                func shift(_ d: NoteLength) -> NoteLength { d >= musicStart ? d + introLength : d }
                melodyNotes = melodyNotes.map { var n = $0; n.onset = shift(n.onset); return n }
                syllables = syllables.map { var s = $0; s.at = shift(s.at); return s }
                chords = chords.map { var c = $0; c.at = shift(c.at); c.barStart = shift(c.barStart); return c }
                performance.markers = performance.markers.map { var m = $0; m.at = shift(m.at); return m }
                performance.lines = performance.lines.map { var l = $0; l.at = shift(l.at); return l }
                performance.markers.insert(TimedText(at: musicStart, text: "Intro"), at: 0)
                performance.meters = performance.meters.map { var m = $0; if m.at > .zero { m.at = shift(m.at) }; return m }
                performance.keys = performance.keys.map { var k = $0; if k.at > .zero { k.at = shift(k.at) }; return k }
                performance.tempos = performance.tempos.map { var t = $0; if t.at > .zero { t.at = shift(t.at) }; return t }
                chords = introChords + chords
                myLineTimes = myLineTimes.map { shift($0.lowerBound)..<shift($0.upperBound) }
                time += introLength
                songStart = musicStart + introLength
            }
            // Every style ends on the home chord: its bars, the last held on the downbeat while the band slows to 90%
            // and then 80% over the last two bars, or struck short in time for a button.
            let home = ChordSymbol.chord(Chord(root: key.tonic, quality: key.mode.isMinorLike ? .minor : .major))
            let length = bar * max(1, def.endingBars)
            performance.markers.append(TimedText(at: time, text: "Ending"))
            endingStart = time
            chords.append(ChordSpan(at: time, duration: length, symbol: home, meter: meter, barStart: time))
            time += length
            if options.ending == .held, let last = performance.tempos.last?.value, time > bar * 2 {
                performance.tempos.append(TimedValue(at: time - bar * 2, value: Tempo(last.beatsPerMinute * 0.9, beat: last.beat, text: last.text)))
                performance.tempos.append(TimedValue(at: time - bar, value: Tempo(last.beatsPerMinute * 0.8, beat: last.beat, text: last.text)))
            }
        }

        /// Time ranges of the lines credited to the chosen people or generations ("hear my lines").
        var myLineTimes: [Range<NoteLength>] = []

        /// The key in force at a time.
        func keyAt(_ t: NoteLength) -> Key { performance.keys.last { $0.at <= t }?.value ?? key }

        /// Whether line `n` (1-based) of a section is credited to one of the chosen people or generations.
        func isMine(section: String, line n: Int) -> Bool {
            song.provenance.credits.contains { c in
                c.part == .lines && c.section == section && (c.lines.isEmpty || c.lines.contains(n))
                    && c.contributors.contains { id in options.myLines.contains(id) || song.provenance.contributor(id).map { options.myLines.contains($0.generation.rawValue) } == true }
            }
        }

        mutating func play(_ section: Section) {
            let sung = timesSung[section.id, default: 0]
            timesSung[section.id] = sung + 1
            performance.markers.append(TimedText(at: time, text: section.id))
            if let melody = section.melody {
                playMelody(melody, verse: melody.verseCount == 0 ? 0 : min(sung, melody.verseCount - 1), sectionID: section.id)
            } else if section.lines.contains(where: { if case .grid = $0 { true } else { false } }) {
                playGrid(section)
            } else if !section.chords.isEmpty {
                // Chords over words with no timing: a bar each; a line of words begins with its first chord.
                let bar = meter.barLength ?? .whole
                var chordsBefore = 0
                for (n, line) in section.lines.filter({ $0.words != nil }).enumerated() {
                    performance.lines.append(TimedLine(at: time + bar * chordsBefore, section: section.id, line: n))
                    chordsBefore += line.chords.count
                }
                for chord in section.chords {
                    addChord(chord, at: time, duration: bar, barStart: time)
                    time += bar
                }
            }
        }

        mutating func setMeter(_ m: Meter) {
            guard m != meter else { return }
            meter = m
            performance.meters.append(TimedValue(at: time, value: m))
        }

        mutating func setKey(_ k: Key) {
            guard k != key else { return }
            key = k
            performance.keys.append(TimedValue(at: time, value: k))
        }

        mutating func playMelody(_ melody: Melody, verse: Int, sectionID: String = "") {
            setMeter(melody.meter)
            setKey(melody.key)
            let start = time
            var lineNumber = 1
            var lineStart = time
            var barStart = time
            var open: [Int: Int] = [:]  // tied notes waiting to be continued: key → index
            var pendingChord: (ChordSymbol, NoteLength)?
            var wordsStart = syllables.count
            var linesTimed = 0   // lines of this pass given a start time (when their first note comes)
            let elements = melody.playedElements
            // Which line of words each line of the tune sings: a line of the tune with no words in this verse (an
            // instrumental line, or one a new verse has no words for yet) is not a line of words.
            var wordsLine: [Int?] = []
            var sings = false, worded = 0
            for element in elements {
                if case .note(let note) = element, note.lyrics.indices.contains(verse), case .syllable = note.lyrics[verse] { sings = true }
                if case .lineBreak = element {
                    wordsLine.append(sings ? worded : nil)
                    if sings { worded += 1 }
                    sings = false
                }
            }
            wordsLine.append(sings ? worded : nil)
            for element in elements {
                switch element {
                case .note(let note):
                    if let c = note.chordSymbol { pendingChord = flushChord(pendingChord, newChord: c, barStart: barStart) }
                    if linesTimed < lineNumber {
                        if let line = wordsLine[lineNumber - 1] {
                            performance.lines.append(TimedLine(at: lineStart, section: sectionID, line: line))
                        }
                        linesTimed = lineNumber
                    }
                    var stillOpen: [Int: Int] = [:]
                    for pitch in note.pitches {
                        let k = pitch.midiNumber
                        if let i = open[k] {
                            melodyNotes[i].duration += note.duration
                            if note.tiedToNext { stillOpen[k] = i }
                        } else {
                            melodyNotes.append(PerformanceNote(onset: time, duration: note.duration, key: k, velocity: 96))
                            if note.tiedToNext { stillOpen[k] = melodyNotes.count - 1 }
                        }
                    }
                    open = stillOpen
                    if note.lyrics.indices.contains(verse), case .syllable(let text, let continues) = note.lyrics[verse] {
                        syllables.append(SungSyllable(at: time, text: text, continuesWord: continues))
                    }
                    time += note.duration
                case .rest(let rest):
                    if let c = rest.chordSymbol { pendingChord = flushChord(pendingChord, newChord: c, barStart: barStart) }
                    open = [:]
                    time += rest.duration
                case .bar:
                    barStart = time
                case .lineBreak:
                    if syllables.count > wordsStart { syllables[syllables.count - 1].endsLine = true }
                    wordsStart = syllables.count
                    lineNumber += 1
                    if !options.myLines.isEmpty, isMine(section: sectionID, line: lineNumber - 1) { myLineTimes.append(lineStart..<time) }
                    lineStart = time
                case .meter(let m):
                    setMeter(m)
                    barStart = time
                case .key(let k):
                    setKey(k)
                case .tempo(let t):
                    var scaled = t
                    if let bpm = options.tempo { scaled.beatsPerMinute = bpm }
                    scaled.beatsPerMinute *= options.tempoScale
                    performance.tempos.append(TimedValue(at: time, value: scaled))
                default:
                    break
                }
            }
            _ = flushChord(pendingChord, newChord: nil, barStart: barStart)
            // The other voices of the tune sound with it, from where it started, as they are written.
            for (n, voice) in melody.voices.enumerated() {
                if voiceNotes.count <= n { voiceNotes.append([]) }
                voiceNotes[n] += voice.melody.performedNotes.map { note in
                    PerformanceNote(onset: start + note.onset, duration: note.duration, key: note.pitch.midiNumber, velocity: 84)
                }
            }
            if !options.myLines.isEmpty, time > lineStart, isMine(section: sectionID, line: lineNumber) { myLineTimes.append(lineStart..<time) }
            if syllables.count > 0, syllables.last!.at >= start {
                syllables[syllables.count - 1].endsLine = true
                syllables[syllables.count - 1].endsParagraph = true
            }
        }

        /// Closes the chord that was sounding (it lasts until now) and opens the next.
        mutating func flushChord(_ pending: (ChordSymbol, NoteLength)?, newChord: ChordSymbol?, barStart: NoteLength) -> (ChordSymbol, NoteLength)? {
            if let (symbol, started) = pending, time > started {
                addChord(symbol, at: started, duration: time - started, barStart: barStart <= started ? barStart : started)
            }
            return newChord.map { ($0, time) }
        }

        mutating func addChord(_ symbol: ChordSymbol, at: NoteLength, duration: NoteLength, barStart: NoteLength) {
            chords.append(ChordSpan(at: at, duration: duration, symbol: symbol, meter: meter, barStart: barStart))
        }
    }

    /// The tune shaped in loudness by its phrases (each sung line, else four bars at a time): each phrase swells
    /// towards its middle and falls away at its end, from 84 to 104 around the 96 the tune is written at.
    static func shaped(_ notes: [PerformanceNote], phrases starts: [NoteLength], every length: NoteLength, from songStart: NoteLength) -> [PerformanceNote] {
        guard let last = notes.map({ $0.onset + $0.duration }).max() else { return notes }
        var bounds = Array(Set(starts)).sorted()
        if bounds.isEmpty {
            var t = songStart
            while t < last { bounds.append(t); t += length }
        }
        bounds.append(last)
        return notes.map { n in
            var n = n
            guard let i = bounds.lastIndex(where: { $0 <= n.onset }), i + 1 < bounds.count else { return n }
            let span = bounds[i + 1] - bounds[i], into = n.onset - bounds[i]
            let position = span.isZero ? 0 : Double(into.numerator * span.denominator) / Double(into.denominator * span.numerator)
            n.velocity = max(1, min(127, n.velocity - 12 + Int((20 * sin(Double.pi * min(1, position))).rounded())))
            return n
        }
    }

    /// The tune swung as the band is: a note on an off-beat eighth starts `delay` late (its word with it), and the
    /// note before it, if it ran up to it, lasts that much longer.
    static func swung(_ notes: [PerformanceNote], _ syllables: [SungSyllable], by delay: NoteLength) -> ([PerformanceNote], [SungSyllable]) {
        let offBeat = StyleDefinition.isOffBeatEighth
        var out = notes
        for i in out.indices where offBeat(notes[i].onset) {
            out[i].onset += delay
            out[i].duration = out[i].duration > delay ? out[i].duration - delay : out[i].duration
            if i > 0, notes[i - 1].onset + notes[i - 1].duration == notes[i].onset { out[i - 1].duration += delay }
        }
        let words = syllables.map { s in var s = s; if offBeat(s.at) { s.at += delay }; return s }
        return (out, words)
    }

    /// The note `steps` scale steps below `key` (a third is 2 steps, a sixth 5) in `scale`'s key.
    static func diatonicBelow(_ midi: Int, steps: Int, in key: Key) -> Int {
        let pitch = key.spell(midiNumber: midi)
        let notes = key.scale.notes
        guard let degree = notes.firstIndex(where: { $0.letter == pitch.name.letter }) else { return midi - (steps == 2 ? 3 : 8) }
        let target = notes[((degree - steps) % 7 + 7) % 7]
        var k = midi - 1
        while ((k % 12) + 12) % 12 != target.pitchClass { k -= 1 }
        return k
    }
}
