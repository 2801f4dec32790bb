extension Melody {
    /// The tune with its chord symbols taken off its notes and rests.
    public var withoutChords: Melody {
        var bare = self
        bare.elements = elements.map { e in
            switch e {
            case .note(var n): n.chordSymbol = nil; return .note(n)
            case .rest(var r): r.chordSymbol = nil; return .rest(r)
            default: return e
            }
        }
        return bare
    }
}
