/// A tune as written: its starting key, meter and tempo, and its notes, rests and bar lines in order, and any further
/// voices written with it.
public struct Melody: Sendable, Hashable, Codable {
    /// The key at the start.
    public var key: Key
    /// The meter at the start.
    public var meter: Meter
    /// The unit note length the melody was written in (ABC `L:`), kept so it is written back the same way.
    public var unitLength: NoteLength
    /// The tempo at the start, if given.
    public var tempo: Tempo?
    /// The order parts are played in (ABC header `P:`), expanded (`(AB)2C` → A B A B C); empty when not given.
    public var partOrder: [String]
    /// The written elements.
    public var elements: [MelodyElement]
    /// For a tune of several voices: the first voice's `V:` definition (this melody), else nil.
    public var voiceDefinition: String? = nil
    /// The tune's other voices, in the order first written; empty for a tune of one voice.
    public var voices: [Voice] = []

    /// A melody with no notes yet.
    public init(
        key: Key = .cMajor, meter: Meter = .fourFour, unitLength: NoteLength = .eighth, tempo: Tempo? = nil,
        partOrder: [String] = [], elements: [MelodyElement] = []
    ) {
        self.key = key
        self.meter = meter
        self.unitLength = unitLength
        self.tempo = tempo
        self.partOrder = partOrder
        self.elements = elements
    }

    /// The notes in written order.
    public var notes: [Note] {
        elements.compactMap { if case .note(let n) = $0 { return n } else { return nil } }
    }

    /// The notes that take a syllable: every note except those continuing a tie.
    public var singableNoteCount: Int {
        var count = 0
        var tied = false
        for case .note(let n) in elements {
            if !tied { count += 1 }
            tied = n.tiedToNext
        }
        return count
    }

    /// How many notes there are (counted without building `notes`).
    public var noteCount: Int {
        var count = 0
        for case .note in elements { count += 1 }
        return count
    }

    /// The number of verses of words attached to the notes. (A plain loop: building `notes` and mapping a key path
    /// over it was a sixth of `songbridge check`'s time on a tunebook.)
    public var verseCount: Int {
        var most = 0
        for case .note(let n) in elements where n.lyrics.count > most { most = n.lyrics.count }
        return most
    }

    /// The syllables sung in `verse` (holds and skips left out).
    public func syllables(verse: Int) -> [String] {
        var out: [String] = []
        for case .note(let n) in elements where n.lyrics.indices.contains(verse) {
            if let text = n.lyrics[verse].text { out.append(text) }
        }
        return out
    }

    /// The chord symbols in written order.
    public var chordSymbols: [ChordSymbol] {
        elements.compactMap {
            switch $0 {
            case .note(let n): n.chordSymbol
            case .rest(let r): r.chordSymbol
            default: nil
            }
        }
    }

    /// Number of bars as written (bar lines that close some music, plus a final unbarred bar).
    public var writtenBarCount: Int { figures.bars }
}

extension Melody {
    private enum CodingKeys: String, CodingKey { case key, meter, unitLength, tempo, partOrder, elements, voiceDefinition, voices }

    /// Reads a melody; `voiceDefinition` and `voices` may be absent (a tune of one voice).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(key: try c.decode(Key.self, forKey: .key), meter: try c.decode(Meter.self, forKey: .meter),
                  unitLength: try c.decode(NoteLength.self, forKey: .unitLength), tempo: try c.decodeIfPresent(Tempo.self, forKey: .tempo),
                  partOrder: try c.decodeIfPresent([String].self, forKey: .partOrder) ?? [], elements: try c.decode([MelodyElement].self, forKey: .elements))
        voiceDefinition = try c.decodeIfPresent(String.self, forKey: .voiceDefinition)
        voices = try c.decodeIfPresent([Voice].self, forKey: .voices) ?? []
    }

    /// Writes a melody, leaving out the voice fields of a tune of one voice.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(meter, forKey: .meter)
        try c.encode(unitLength, forKey: .unitLength)
        try c.encodeIfPresent(tempo, forKey: .tempo)
        try c.encode(partOrder, forKey: .partOrder)
        try c.encode(elements, forKey: .elements)
        try c.encodeIfPresent(voiceDefinition, forKey: .voiceDefinition)
        if !voices.isEmpty { try c.encode(voices, forKey: .voices) }
    }
}
