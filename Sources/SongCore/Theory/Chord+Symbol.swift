extension Chord {
    /// The canonical ASCII spelling, which `ChordSymbol(parsing:)` reads back to an equal chord.
    public var symbol: String {
        var s = root.description
        var alterations = self.alterations
        let halfDiminished = quality == .minor && seventh == .minor && alterations.first == Alteration(-1, 5)
        switch quality {
        case .major, .suspended2, .suspended4: break
        case .minor: s += "m"
        case .diminished: s += "dim"
        case .augmented: s += "aug"
        case .power: s += "5"
        }
        let number = extensionDegree.map(String.init) ?? "7"
        switch seventh {
        case .minor?: s += number
        case .major?: s += (quality == .minor || quality == .augmented ? "Maj" : "maj") + number
        case .diminished?: s += quality == .diminished ? "7" : "dim7"
        case nil: break
        }
        if halfDiminished { s += "b5"; alterations.removeFirst() }
        var added = self.added
        if sixth {
            if seventh == nil, let i = added.firstIndex(of: 9) {
                s += "6/9"
                added.remove(at: i)
            } else if seventh == nil {
                s += "6"
            } else {
                s += "add6"
            }
        }
        if quality == .suspended2 { s += "sus2" }
        if quality == .suspended4 { s += "sus4" }
        for degree in added { s += "add\(degree)" }
        for alt in alterations { s += alt.description }
        if let bass { s += "/" + bass.description }
        return s
    }
}
