import SongCore

/// What a style may know besides the chords: the tune it accompanies, where the song itself begins (after any
/// count-in and introduction) and where the ending begins, so that the band can keep under the singers, put its
/// fills at the ends of the song's phrases and finish on the home chord.
public struct AccompanimentContext: Sendable {
    /// The tune as sung (the lead's notes), in time order.
    public var tune: SungLine
    /// The first bar of the song (phrases are counted from here).
    public var songStart: NoteLength
    /// Where the ending begins, if the style adds one.
    public var endingStart: NoteLength?
    /// How the ending finishes.
    public var ending: EndingKind
    /// The song's home key.
    public var key: Key
    /// Where each section starts ("Verse 1", "Chorus"), in time order: choruses play fuller, the last fullest.
    public var sections: [TimedText] = []

    /// A context.
    public init(tune: SungLine = SungLine([]), songStart: NoteLength = .zero, endingStart: NoteLength? = nil, ending: EndingKind = .held, key: Key = .cMajor) {
        (self.tune, self.songStart, self.endingStart, self.ending, self.key) = (tune, songStart, endingStart, ending, key)
    }
}
