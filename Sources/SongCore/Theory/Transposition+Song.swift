extension Transposition {
    /// Transposes a melody: its keys, notes, grace notes and chord symbols.
    public func apply(_ melody: Melody) -> Melody {
        var m = melody
        m.key = apply(melody.key)
        m.elements = melody.elements.map { element in
            switch element {
            case .note(var n):
                n.pitches = n.pitches.map(apply)
                n.graceNotes = n.graceNotes.map(apply)
                n.chordSymbol = n.chordSymbol.map(apply)
                return .note(n)
            case .rest(var r):
                r.chordSymbol = r.chordSymbol.map(apply)
                return .rest(r)
            case .key(let k):
                return .key(apply(k))
            default:
                return element
            }
        }
        m.voices = melody.voices.map { var v = $0; v.melody = apply(v.melody); return v }
        return m
    }

    /// Transposes a line of a song sheet.
    public func apply(_ line: SongLine) -> SongLine {
        switch line {
        case .lyrics(let segments):
            return .lyrics(segments.map { var s = $0; s.chord = s.chord.map(apply); return s })
        case .grid(var row):
            row.cells = row.cells.map { if case .chord(let c) = $0 { .chord(apply(c)) } else { $0 } }
            return .grid(row)
        default:
            return line
        }
    }

    /// Transposes a whole song: its key, every chord, and every melody.
    public func apply(_ song: Song) -> Song {
        var s = song
        s.metadata.key = song.metadata.key.map(apply)
        s.blocks = song.blocks.map { block in
            guard case .section(var section) = block else { return block }
            section.lines = section.lines.map(apply)
            section.melody = section.melody.map(apply)
            return .section(section)
        }
        return s
    }
}
