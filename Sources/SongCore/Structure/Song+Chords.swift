extension Song {
    /// The song with every chord symbol (sheet lines, grids and melodies) changed by `change`.
    public func mappingChords(_ change: (ChordSymbol) -> ChordSymbol) -> Song {
        var s = self
        s.blocks = blocks.map { block in
            guard case .section(var section) = block else { return block }
            section.lines = section.lines.map { line in
                switch line {
                case .lyrics(let segments): return .lyrics(segments.map { var g = $0; g.chord = g.chord.map(change); return g })
                case .grid(var row):
                    row.cells = row.cells.map { if case .chord(let c) = $0 { .chord(change(c)) } else { $0 } }
                    return .grid(row)
                default: return line
                }
            }
            if var melody = section.melody {
                melody.elements = melody.elements.map { e in
                    switch e {
                    case .note(var n): n.chordSymbol = n.chordSymbol.map(change); return .note(n)
                    case .rest(var r): r.chordSymbol = r.chordSymbol.map(change); return .rest(r)
                    default: return e
                    }
                }
                section.melody = melody
            }
            return .section(section)
        }
        return s
    }
}
