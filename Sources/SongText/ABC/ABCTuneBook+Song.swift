import SongCore

extension ABCTuneBook {
    /// A song as ABC: one tune per section that has a melody (titled "Song — Section", its words aligned with
    /// `w:`), and the words of sections without a melody as `W:` lines of the last tune. A song with no melody at
    /// all is one tune of words. Credits are the song's own lyricist/composer fields; pass a public projection
    /// for anything shared.
    public init(song: Song) {
        let title = song.metadata.title ?? "Untitled"
        var common: [ABCField] = []
        common += song.metadata.composers.map { ABCField("C", $0) }
        if let place = song.provenance.stop?.place { common.append(ABCField("O", place)) }
        common += song.metadata.lyricists.map { ABCField("N", "Words: \($0)") }
        var tunes: [ABCTune] = []
        var words: [String] = []
        for section in song.sections {
            if let melody = section.melody {
                tunes.append(ABCTune(reference: tunes.count + 1, fields: [ABCField("T", title), ABCField("T", section.id)] + common, melody: melody))
            } else if !section.lyricLines.isEmpty {
                words.append(section.id)
                words += section.lyricLines
                words.append("")
            }
        }
        if tunes.isEmpty {
            var melody = Melody()
            if let key = song.metadata.key { melody.key = key }
            if let meter = song.metadata.meter { melody.meter = meter }
            tunes.append(ABCTune(reference: 1, fields: [ABCField("T", title)] + common, melody: melody))
        }
        if words.last == "" { words.removeLast() }
        tunes[tunes.count - 1].words = words
        self.init(tunes: tunes)
    }
}
