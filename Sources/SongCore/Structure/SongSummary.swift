/// The facts a facilitator checks at a glance: title, key, meter, tempo, and per section its bars,
/// chords, and sung syllables against the notes they are sung to.
public struct SongSummary: Sendable, Hashable, Codable {
    /// One section's figures.
    public struct SectionSummary: Sendable, Hashable, Codable {
        /// Section label or kind name.
        public var id: String
        /// Section kind.
        public var kind: SectionKind
        /// Lines of words.
        public var lyricLines: Int
        /// Chord symbols.
        public var chords: Int
        /// Bars: of the melody where there is one, else of the chord grid.
        public var bars: Int
        /// Notes of the melody that can carry a syllable.
        public var notes: Int
        /// Syllables aligned to the melody, per verse.
        public var syllablesPerVerse: [Int]
    }

    /// The title.
    public var title: String
    /// Key, meter and tempo as written.
    public var key: String?
    /// Meter.
    public var meter: String?
    /// Tempo in beats per minute.
    public var tempo: Double?
    /// The sections.
    public var sections: [SectionSummary]
    /// The form, as section labels.
    public var form: [String]
    /// Number of contributors, by generation.
    public var contributorsByGeneration: [String: Int]

    /// Summarises a song.
    public init(_ song: Song) {
        title = song.metadata.title ?? "Untitled"
        key = song.metadata.key?.description
        meter = song.metadata.meter?.description
        tempo = song.metadata.tempo?.beatsPerMinute
        sections = song.sections.filter { !($0.kind == .untitled && $0.lyricLines.isEmpty && $0.melody == nil && $0.chords.isEmpty) }.map { s in
            let gridBars = s.lines.reduce(0) { total, line in if case .grid(let row) = line { total + row.barCount } else { total } }
            let melody = s.melody?.figures
            let lineChords = s.lines.reduce(0) { $0 + $1.chords.count }
            return SectionSummary(
                id: s.id, kind: s.kind, lyricLines: s.lyricLines.count,
                chords: lineChords > 0 ? lineChords : melody?.chordSymbols ?? 0,  // as Section.chords chooses
                bars: melody?.bars ?? gridBars, notes: melody?.notes ?? 0, syllablesPerVerse: melody?.syllablesPerVerse ?? [])
        }
        form = song.form.map(\.description)
        var counts: [String: Int] = [:]
        for c in song.provenance.contributors { counts[c.generation.rawValue, default: 0] += 1 }
        contributorsByGeneration = counts
    }
}
