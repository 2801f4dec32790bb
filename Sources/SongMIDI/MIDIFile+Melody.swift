import SongCore

extension MIDIFile {
    /// The tempo, meter and key at the start, from the first tempo, time and key signature events.
    public var startingTempo: Tempo {
        for e in mergedEvents {
            if case .meta(let type, let d) = e.kind, type == MIDIEvent.MetaType.tempo, d.count == 3 {
                let micro = Int(d[0]) << 16 | Int(d[1]) << 8 | Int(d[2])
                if micro > 0 { return Tempo((60_000_000 / Double(micro) * 100).rounded() / 100) }
            }
        }
        return Tempo(120)
    }

    /// The first time signature, or 4/4.
    public var startingMeter: Meter {
        for e in mergedEvents {
            if case .meta(let type, let d) = e.kind, type == MIDIEvent.MetaType.timeSignature, d.count >= 2, d[0] > 0, d[1] < 7 {
                return Meter(Int(d[0]), 1 << Int(d[1]))
            }
        }
        return .fourFour
    }

    /// The first key signature, or C major.
    public var startingKey: Key {
        for e in mergedEvents {
            if case .meta(let type, let d) = e.kind, type == MIDIEvent.MetaType.keySignature, d.count == 2 {
                return Key(fifths: Int(Int8(bitPattern: d[0])), minor: d[1] == 1)
            }
        }
        return .cMajor
    }

    /// The file as a song titled `title`: its melody (`importedMelody`) as one section, with the melody's key,
    /// meter and tempo as the song's. Nil when no track has notes. (Import and render both make songs this way.)
    public func importedSong(title: String) -> Song? {
        guard let melody = importedMelody() else { return nil }
        var metadata = SongMetadata(title: title)
        metadata.key = melody.key
        metadata.meter = melody.meter
        metadata.tempo = melody.tempo
        return Song(metadata: metadata, blocks: [.section(Section(kind: .verse, label: "Melody", melody: melody))])
    }

    /// The melody of the file: the track that carries the words, else the one with the most notes (drums left out),
    /// quantised to the meter (to sixteenths or triplet sixteenths, whichever fits better), with rests, bar lines,
    /// ties over bar lines, chords for notes struck together, and the words (FF 05 lyrics or `.kar` FF 01 text) on
    /// the notes they start with. Nil when no track has notes.
    public func importedMelody() -> Melody? {
        let candidates = tracks.enumerated().filter { $0.element.contains { $0.isNoteOn && $0.channel != 9 } }
        guard !candidates.isEmpty else { return nil }
        let hasWords: ([MIDIEvent]) -> Bool = { t in t.contains { if case .meta(let type, _) = $0.kind { type == MIDIEvent.MetaType.lyric } else { false } } }
        let chosen = candidates.first { hasWords($0.element) } ?? candidates.max { a, b in
            a.element.filter(\.isNoteOn).count < b.element.filter(\.isNoteOn).count
        }!
        let track = chosen.element

        // Pair note-ons with their offs.
        var open: [Int: Int] = [:]
        var spans: [(start: Int, end: Int, key: Int)] = []
        for e in track where e.channel != 9 {
            guard case .channel(let status, let key, _) = e.kind else { continue }
            let k = Int(key) | Int(status & 0x0F) << 8
            if e.isNoteOn {
                if let start = open[k] { spans.append((start, e.tick, Int(key))) }
                open[k] = e.tick
            } else if e.isNoteOff, let start = open.removeValue(forKey: k) {
                spans.append((start, e.tick, Int(key)))
            }
        }
        for (k, start) in open { spans.append((start, start + ticksPerQuarter, k & 0x7F)) }
        spans.sort { ($0.start, $0.key) < ($1.start, $1.key) }
        guard !spans.isEmpty else { return nil }

        // Words: lyric events, or karaoke text events.
        var words: [(tick: Int, text: String)] = []
        for t in tracks {
            for e in t {
                guard case .meta(let type, let data) = e.kind else { continue }
                let text = MIDITextEncoding.decode(data)
                if type == MIDIEvent.MetaType.lyric || (type == MIDIEvent.MetaType.text && !hasWords(track) && !text.hasPrefix("@") && t.contains(where: { if case .meta(3, let n) = $0.kind { MIDITextEncoding.decode(n) == "Words" } else { false } })) {
                    words.append((e.tick, text))
                }
            }
        }
        words.sort { $0.tick < $1.tick }

        // The grid that fits the onsets best: sixteenths or triplet sixteenths.
        let grids = [ticksPerQuarter / 4, ticksPerQuarter / 6].filter { $0 > 0 }
        let step = grids.min { a, b in
            let errA = spans.reduce(0) { $0 + abs($1.start - ($1.start + a / 2) / a * a) }
            let errB = spans.reduce(0) { $0 + abs($1.start - ($1.start + b / 2) / b * b) }
            return errA * 10 < errB * 9 || (errA == errB && a > b)  // prefer the coarser grid unless the finer one is clearly better
        } ?? max(1, ticksPerQuarter / 4)
        func q(_ t: Int) -> Int { (t + step / 2) / step * step }

        // Group notes starting together into chords; each lasts until the next onset or its own end.
        var groups: [(start: Int, end: Int, keys: [Int])] = []
        for s in spans {
            let start = q(s.start)
            if let last = groups.last, last.start == start {
                groups[groups.count - 1].keys.append(s.key)
                groups[groups.count - 1].end = max(last.end, q(s.end))
            } else {
                groups.append((start, max(start + step, q(s.end)), [s.key]))
            }
        }
        for i in groups.indices.dropLast() where groups[i].end > groups[i + 1].start { groups[i].end = groups[i + 1].start }

        let meter = startingMeter
        let key = startingKey
        let wholeTicks = 4 * ticksPerQuarter
        let barTicks = (meter.barLength ?? .whole).numerator * wholeTicks / (meter.barLength ?? .whole).denominator
        var melody = Melody(key: key, meter: meter, unitLength: meter.barLength.map { $0 < NoteLength(3, 4) } == true ? .sixteenth : .eighth, tempo: startingTempo)
        var time = 0
        var wordIndex = 0
        func duration(_ ticks: Int) -> NoteLength { NoteLength(ticks, wholeTicks) }
        func emit(_ make: (NoteLength, Bool) -> MelodyElement, from: Int, to: Int) {
            // Splits at bar lines; the pieces of a note are tied.
            var t = from
            while t < to {
                let barEnd = (t / barTicks + 1) * barTicks
                let pieceEnd = min(to, barEnd)
                melody.elements.append(make(duration(pieceEnd - t), pieceEnd < to))
                t = pieceEnd
                if t == barEnd { melody.elements.append(.bar(.single)) }
            }
        }
        for group in groups {
            if group.start > time { emit({ d, _ in .rest(Rest(duration: d)) }, from: time, to: group.start) }
            var lyric: [Lyric] = []
            while wordIndex < words.count, q(words[wordIndex].tick) <= group.start {
                if q(words[wordIndex].tick) == group.start { lyric = [MIDIFile.lyric(words[wordIndex].text, next: wordIndex + 1 < words.count ? words[wordIndex + 1].text : nil)] }
                wordIndex += 1
            }
            let pitches = NotePitches(group.keys.map { key.spell(midiNumber: $0) })
            var first = true
            emit({ d, tied in
                let n = Note(pitches: pitches, duration: d, tiedToNext: tied, lyrics: first ? lyric : [])
                first = false
                return .note(n)
            }, from: group.start, to: group.end)
            time = group.end
        }
        if melody.elements.last != .bar(.single) { melody.elements.append(.bar(.final)) } else { melody.elements[melody.elements.count - 1] = .bar(.final) }
        return melody
    }

    /// A syllable from a lyric or karaoke text event: RP-017's trailing space (or CR/LF) ends a word; in karaoke
    /// text the next syllable's leading space, `/` or `\` does.
    static func lyric(_ raw: String, next: String?) -> Lyric {
        var text = raw
        while let f = text.first, f == "/" || f == "\\" { text.removeFirst() }
        let endsWord = text.last.map { $0 == " " || $0 == "\r" || $0 == "\n" } ?? true
            || next.map { $0.first == " " || $0.first == "/" || $0.first == "\\" } ?? true
        let clean = text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "-", with: "")
        return .syllable(clean, continuesWord: !endsWord)
    }
}

import Foundation
