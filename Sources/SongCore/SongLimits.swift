/// How large anything may be, in one place: checked where data enters (a file read, a contribution, a request),
/// and again before anything is allocated in proportion to it (an arrangement, a render), so no song, however it
/// was made, can take the machine's memory. The same values are in DESIGN's limits table: change both together.
public enum SongLimits {
    /// A song's text: ChordPro, ABC or MusicXML.
    public static let songTextBytes = 16 << 20
    /// How many times one step of a form may be played in a row (`Chorus x16`).
    public static let formRepeats = 16
    /// How many steps a form may have.
    public static let formSteps = 128
    /// The longest arrangement, in seconds, at the tempo it is played (the slowest tempo scale included).
    public static let arrangedSeconds = 30.0 * 60
    /// The most notes an arrangement may hold, over all its parts.
    public static let arrangedNotes = 200_000
    /// The most parts (tracks) an arrangement may have.
    public static let arrangedParts = 64
    /// The slowest and fastest tempo a song may ask for, in beats a minute (`Q:1/4=1` would make a bar last
    /// minutes).
    public static let tempoRange = 20.0...400.0
    /// The largest JSON request body.
    public static let requestBodyBytes = 256 * 1024
    /// The most songs in one export over HTTP.
    public static let exportSongs = 1_000
    /// The longest text a person's name, a section's label, a title, a theme or a place may have, in characters.
    public static let nameLength = 200
    /// The largest take (a sung, hummed or played recording) and the longest: ten minutes of 16-bit stereo at
    /// 44.1 kHz is 106 MB as WAV, so a WAV take of ten minutes is mono or compressed (FLAC, OGG). Checked before
    /// a take is decoded.
    public static let takeBytes = 50 << 20
    public static let takeSeconds = 600.0
    /// The most notes a tune search may ask with (a query is a phrase, not a tune), and the fewest it needs: fewer
    /// than six notes match half the tunes in any collection.
    public static let tuneQueryNotes = 500
    public static let tuneQueryMinimumNotes = 6
    /// The most tunes one reference tunebook may bring (O'Neill's 1850 has 1,850; the Essen collection 8,473).
    public static let referenceTunes = 50_000
    /// How many tune searches may run at once on the server; more are answered 503 with Retry-After.
    public static let concurrentTuneSearches = 4
}
