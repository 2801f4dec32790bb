import SongCore

extension MIDIFile {
    /// A format 1 file of a performance: a conductor track (tempo map, meters, keys, section markers, title, and
    /// the copyright notice with the credits consent allows), then one track per part with its name, bank,
    /// program, volume, pan, reverb and chorus sends, and the words as one lyric event (FF 05) per syllable.
    ///
    /// Lyrics follow the MIDI Association's RP-017: each syllable at its note's onset; a syllable that ends a word
    /// carries a trailing space; the end of a line is a carriage return (0x0D) and the end of a verse or chorus a
    /// line feed (0x0A), in place of the space. Text is UTF-8 unless `options.encoding` says Latin-1.
    public init(performance p: Performance, options: MIDIWriteOptions = MIDIWriteOptions()) {
        let tpq = options.ticksPerQuarter
        func tick(_ d: NoteLength) -> Int {
            // Whole notes → ticks, rounded to the nearest tick for values the division cannot hold exactly.
            let scaled = d * NoteLength(4 * tpq)
            return Int((Double(scaled.numerator) / Double(scaled.denominator)).rounded())
        }
        let enc = options.encoding
        var conductor: [MIDIEvent] = []
        if let title = p.title { conductor.append(.text(0, type: MIDIEvent.MetaType.trackName, title, encoding: enc)) }
        // The credits go with the copyright, in the one copyright notice (FF 02) the file has. As text events (FF 01)
        // at the start, notation programs took them for the words: MuseScore puts a text event at the first note
        // as its lyric, and a track of them with no notes as the song's words, dropping every syllable.
        let notice = ([p.copyright].compactMap { $0 } + p.credits).joined(separator: "; ")
        if !notice.isEmpty { conductor.append(.text(0, type: MIDIEvent.MetaType.copyright, notice, encoding: enc)) }
        for t in p.tempos { conductor.append(.tempo(tick(t.at), t.value)) }
        for m in p.meters { if let event = MIDIEvent.timeSignature(tick(m.at), m.value) { conductor.append(event) } }
        for k in p.keys { conductor.append(.keySignature(tick(k.at), k.value)) }
        for marker in p.markers { conductor.append(.text(tick(marker.at), type: MIDIEvent.MetaType.marker, marker.text, encoding: enc)) }
        let endTick = tick(p.end)
        conductor.append(MIDIEvent(tick: max(endTick, conductor.last?.tick ?? 0), .meta(type: MIDIEvent.MetaType.endOfTrack, data: [])))

        var tracks = [MIDIFile.sorted(conductor)]
        for track in p.tracks {
            let ch = track.channel
            var events: [MIDIEvent] = [.text(0, type: MIDIEvent.MetaType.trackName, track.name, encoding: enc)]
            if ch != 9 || track.bank != 0 {
                events.append(.control(0, channel: ch, controller: 0, value: track.bank >> 7 & 0x7F))
                events.append(.control(0, channel: ch, controller: 32, value: track.bank & 0x7F))
            }
            events.append(.program(0, channel: ch, program: track.program))
            events.append(.control(0, channel: ch, controller: 7, value: track.volume))
            events.append(.control(0, channel: ch, controller: 10, value: track.pan))
            events.append(.control(0, channel: ch, controller: 91, value: track.reverb))
            events.append(.control(0, channel: ch, controller: 93, value: track.chorus))
            for note in track.notes {
                let on = tick(note.onset), off = max(on + 1, tick(note.onset + note.duration))
                events.append(.noteOn(on, channel: ch, key: note.key, velocity: max(1, note.velocity)))
                events.append(.noteOff(off, channel: ch, key: note.key))
            }
            for s in track.syllables {
                var text = s.text
                if s.endsParagraph { text += "\n" } else if s.endsLine { text += "\r" } else if !s.continuesWord { text += " " }
                events.append(.text(tick(s.at), type: MIDIEvent.MetaType.lyric, text, encoding: enc))
            }
            let last = events.map(\.tick).max() ?? 0
            events.append(MIDIEvent(tick: max(last, endTick), .meta(type: MIDIEvent.MetaType.endOfTrack, data: [])))
            tracks.append(MIDIFile.sorted(events))
        }
        if options.karaoke, let words = p.wordsTrack {
            tracks.append(MIDIFile.karaokeTrack(words.syllables, title: p.title, credits: p.credits, tick: tick, encoding: enc, end: endTick))
        }
        self.init(format: 1, ticksPerQuarter: tpq, tracks: tracks)
    }

    /// Soft Karaoke's "Words" track: `@K`, `@V`, `@T` headers, then each syllable as FF 01 text with `\` before a
    /// new verse, `/` before a new line and a space before a new word.
    static func karaokeTrack(_ syllables: [SungSyllable], title: String?, credits: [String], tick: (NoteLength) -> Int, encoding: MIDITextEncoding, end: Int) -> [MIDIEvent] {
        var events: [MIDIEvent] = [.text(0, type: MIDIEvent.MetaType.trackName, "Words", encoding: encoding)]
        events.append(.text(0, type: MIDIEvent.MetaType.text, "@KMIDI KARAOKE FILE", encoding: encoding))
        events.append(.text(0, type: MIDIEvent.MetaType.text, "@V0100", encoding: encoding))
        if let title { events.append(.text(0, type: MIDIEvent.MetaType.text, "@T\(title)", encoding: encoding)) }
        for credit in credits { events.append(.text(0, type: MIDIEvent.MetaType.text, "@T\(credit)", encoding: encoding)) }
        var previous: SungSyllable?
        for s in syllables {
            var prefix = ""
            if let previous {
                if previous.endsParagraph { prefix = "\\" } else if previous.endsLine { prefix = "/" } else if !previous.continuesWord { prefix = " " }
            } else {
                prefix = "\\"
            }
            events.append(.text(tick(s.at), type: MIDIEvent.MetaType.text, prefix + s.text, encoding: encoding))
            previous = s
        }
        events.append(MIDIEvent(tick: max(end, events.last?.tick ?? 0), .meta(type: MIDIEvent.MetaType.endOfTrack, data: [])))
        return sorted(events)
    }

    /// Events in time order; at the same tick, note-offs first, then meta and controllers, then note-ons.
    static func sorted(_ events: [MIDIEvent]) -> [MIDIEvent] {
        func rank(_ e: MIDIEvent) -> Int {
            if case .meta(let type, _) = e.kind, type == MIDIEvent.MetaType.endOfTrack { return 4 }
            if e.isNoteOff { return 0 }
            if e.isNoteOn { return 3 }
            if case .channel = e.kind { return 2 }
            return 1
        }
        return events.enumerated().sorted { a, b in
            (a.element.tick, rank(a.element), a.offset) < (b.element.tick, rank(b.element), b.offset)
        }.map(\.element)
    }
}
