/// What a song sheet says about the song: title, people, key, meter, tempo and the rest.
public struct SongMetadata: Sendable, Hashable, Codable {
    /// The title.
    public var title: String?
    /// Subtitles, in order.
    public var subtitles: [String]
    /// Lyricists as credited on the sheet.
    public var lyricists: [String]
    /// Composers as credited on the sheet.
    public var composers: [String]
    /// Artists or performers.
    public var artists: [String]
    /// The key the song is written in.
    public var key: Key?
    /// The meter.
    public var meter: Meter?
    /// The tempo.
    public var tempo: Tempo?
    /// A capo fret, if any.
    public var capo: Int?
    /// Copyright or licence line.
    public var copyright: String?
    /// Year written.
    public var year: String?
    /// Album or collection.
    public var album: String?
    /// ChordPro `{transpose: N}`: semitones to move the chords when shown.
    public var transpose: Int?
    /// Themes (seaside, home, harvest…) for the archive.
    public var themes: [String]
    /// The accompaniment style the song is usually arranged in (`folk`, `waltz`…), if chosen.
    public var style: String? = nil
    /// Other metadata (`{meta: name value}` and directives such as `{duration}`), in order.
    public var other: [Entry]
    /// File comments at the top of a song sheet (ChordPro `#` lines), kept so a file reads back as it was.
    public var fileComments: [String] = []

    /// A name and value pair of extra metadata.
    public struct Entry: Sendable, Hashable, Codable {
        /// Name.
        public var name: String
        /// Value.
        public var value: String
        /// An entry.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Empty metadata.
    public init(title: String? = nil) {
        self.title = title
        subtitles = []
        lyricists = []
        composers = []
        artists = []
        themes = []
        other = []
    }
}
