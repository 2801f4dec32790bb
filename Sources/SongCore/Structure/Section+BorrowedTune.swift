extension Section {
    /// The tune a verse or chorus without one of its own is sung to: the first of its kind with a tune of one
    /// verse. None for a section of chords in a grid, or of another kind. (The arrangement, the merge and the song
    /// page all follow this one rule.)
    public func borrowedTune(among sections: [Section]) -> Melody? {
        tuneSource(among: sections)?.melody
    }

    /// The section whose tune `borrowedTune` lends, so a page can name it.
    public func tuneSource(among sections: [Section]) -> Section? {
        guard melody == nil, kind == .verse || kind == .chorus,
              !lines.contains(where: { if case .grid = $0 { true } else { false } }) else { return nil }
        return sections.first { $0.kind == kind && ($0.melody?.verseCount ?? 2) <= 1 }
    }

    /// Words as compared (a tune's words with its lines, a new line with those already there): letters and digits
    /// only, lower case, accents kept (Welsh "ti" and "tî" differ).
    public static func comparableWords(_ text: String) -> String { String(text.lowercased().filter { $0.isLetter || $0.isNumber }) }
}
