/// The timed notes of every track of one arrangement, ready to write as MIDI or render as audio.
/// Times are exact durations from the start, in whole notes; the tempo map turns them into seconds.
public struct Performance: Sendable, Hashable, Codable {
    /// The title, for the file's track name.
    public var title: String?
    /// Public credit lines (already filtered by consent), e.g. "Words: Margaret Hughes, a child".
    public var credits: [String]
    /// A copyright line, if the song has one.
    public var copyright: String?
    /// Tempo changes in time order; the first is at zero.
    public var tempos: [TimedValue<Tempo>]
    /// Meter changes in time order; the first is at zero.
    public var meters: [TimedValue<Meter>]
    /// Key changes in time order; the first is at zero.
    public var keys: [TimedValue<Key>]
    /// Section markers ("Verse 1", "Chorus").
    public var markers: [TimedText]
    /// Where each line of the words begins, in the order they are sung (a chorus sung twice appears twice).
    public var lines: [TimedLine] = []
    /// The tracks.
    public var tracks: [PerformanceTrack]
    /// Where the music ends (after the last note's release is the synth's business).
    public var end: NoteLength
    /// Things the arranger had to simplify (a chord voiced plainly, say), for the person rendering to know.
    public var warnings: [String] = []
    /// The chords the band plays, each from when it starts (N.C. where it rests), introduction and ending included.
    public var chords: [TimedValue<ChordSymbol>] = []

    /// A performance.
    public init(
        title: String? = nil, credits: [String] = [], copyright: String? = nil, tempos: [TimedValue<Tempo>] = [TimedValue(at: .zero, value: Tempo(100))],
        meters: [TimedValue<Meter>] = [TimedValue(at: .zero, value: .fourFour)], keys: [TimedValue<Key>] = [TimedValue(at: .zero, value: .cMajor)],
        markers: [TimedText] = [], tracks: [PerformanceTrack] = [], end: NoteLength = .zero
    ) {
        self.title = title
        self.credits = credits
        self.copyright = copyright
        self.tempos = tempos
        self.meters = meters
        self.keys = keys
        self.markers = markers
        self.tracks = tracks
        self.end = end
    }

    /// Seconds from the start to `time`, following the tempo map (for one point; `clock` reads many).
    public func seconds(at time: NoteLength) -> Double { clock.seconds(at: time) }

    /// The tempo map, for reading many points of it (`seconds(at:)` makes one each time).
    public var clock: PerformanceClock { PerformanceClock(tempos) }

    /// The length in seconds.
    public var durationSeconds: Double { seconds(at: end) }

    /// The track that carries the words, if any.
    public var wordsTrack: PerformanceTrack? { tracks.first { !$0.syllables.isEmpty } }
}
