import Arrangement
import SongCore
import Songbook

/// A song as the API and pages show it: the public projection, flattened for reading.
struct SongJSON: Codable, Sendable, Hashable {
    struct Line: Codable, Sendable, Hashable {
        /// Its place among the section's lines, from 0 (render cues name lines by it).
        var number: Int
        var words: String
        var chords: String
        /// Words with chords above, as segments.
        var segments: [Segment]
    }
    struct Segment: Codable, Sendable, Hashable {
        var chord: String
        var text: String
    }
    struct SectionJSON: Codable, Sendable, Hashable {
        var label: String
        var kind: String
        var lines: [Line]
        var hasMelody: Bool
        /// For words without a tune of their own in a song that has tunes: which tune they are sung to, or that
        /// they have none (a tune taken out when its writer withdrew, or a verse written since).
        var tuneNote: String?
    }
    var id: Int64
    var title: String
    var key: String?
    var meter: String?
    var tempo: Double?
    var place: String?
    var nation: String?
    var date: String?
    var themes: [String]
    var credits: [String]
    var sections: [SectionJSON]
    var form: [String]

    init(id: Int64, song: Song) {
        self.id = id
        title = song.metadata.title ?? "Untitled"
        key = song.metadata.key?.description
        meter = song.metadata.meter?.description
        tempo = song.metadata.tempo?.beatsPerMinute
        place = song.provenance.stop?.place
        nation = song.provenance.stop?.nation.rawValue
        date = song.provenance.stop?.date
        themes = song.metadata.themes
        credits = song.provenance.publicCreditLines
        sections = SongSheet.shownSections(of: song).map { s in
            let lyrics = s.lines.compactMap { line -> [LyricSegment]? in if case .lyrics(let segs) = line { segs } else { nil } }
            return SectionJSON(label: s.id, kind: s.kind.rawValue, lines: lyrics.enumerated().map { n, segs in
                Line(number: n, words: segs.map(\.text).joined(), chords: segs.compactMap(\.chord).map(\.description).joined(separator: " "),
                     segments: segs.map { Segment(chord: $0.chord?.description ?? "", text: $0.text) })
            }, hasMelody: s.melody != nil, tuneNote: Self.tuneNote(s, in: song))
        }
        form = song.form.map(\.description)
    }

    /// What a section without a tune is sung to, said for the page (nil when it has one, or no words, or the song
    /// has no tunes at all), by the same rule the arrangement follows (`Section.borrowedTune`).
    static func tuneNote(_ section: Section, in song: Song) -> String? {
        let sections = song.sections
        guard section.melody == nil, !section.lyricLines.isEmpty, sections.contains(where: { $0.melody != nil }) else { return nil }
        if let source = section.tuneSource(among: sections) { return "Sung to the tune of \(source.id)" }
        return "No tune of its own: spoken, or sung as the musician leads"
    }
}
