import SongCore

/// How to turn a song into a performance.
public struct ArrangementOptions: Sendable, Hashable {
    /// The style's name (`none`, `basic`).
    public var style: String
    /// A tempo in beats per minute that replaces the song's.
    public var tempo: Double?
    /// A factor applied to the tempo (0.8 for a slower practice render).
    public var tempoScale: Double
    /// Semitones to move the song by.
    public var transpose: Int?
    /// A key to move the song to.
    public var key: Key?
    /// A bar of clicks before the music.
    public var countIn: Bool
    /// Who will sing: the key is chosen to fit them (ignored when `transpose` or `key` is given).
    public var fitGroups: [VoiceRange] = []
    /// The lead instrument (General MIDI program) doubling the melody; nil uses the style's.
    public var leadProgram: Int?
    /// A harmony voice below the melody: a diatonic third (3) or sixth (6) below; nil for none.
    public var harmony: Int?
    /// Practice: the melody louder than the band.
    public var practice = false
    /// "Hear my lines": only the lines credited to these contributor ids or generations carry the guide melody.
    public var myLines: Set<String> = []
    /// How the arrangement finishes: the home chord held while the band slows, or a short button.
    public var ending: EndingKind = .held
    /// Semitones the last chorus moves up, to lift the song at its end (a key change: 1 or 2 is usual, at most 5);
    /// 0 for none. The song ends in the new key; the style's introduction stays in the old one.
    public var liftLastChorus = 0

    /// Options; the defaults give the basic band at the song's own tempo and key.
    public init(style: String = "basic", tempo: Double? = nil, tempoScale: Double = 1, transpose: Int? = nil, key: Key? = nil, countIn: Bool = false) {
        self.style = style
        self.tempo = tempo
        self.tempoScale = tempoScale
        self.transpose = transpose
        self.key = key
        self.countIn = countIn
    }
}
