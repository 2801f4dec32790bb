import SongCore

/// An arrangement as a score for the band: every pitched track of a performance (the tune with its words, then the
/// chords, bass, pad and harmony parts) as a part of its own, measure for measure as it is played, intro and
/// repeats written out, each section's name as a rehearsal mark, each part with its General MIDI sound so notation
/// software plays it back as Songbridge does. Times are read on a grid of thirty-second notes (a swung or
/// humanised onset is written straight, as swing is notated); where a part's notes overlap, each is held until the
/// next begins, so every part reads as one voice. Drums are left out (they are not notes to read).
public enum ArrangementScoreWriter {
    /// Divisions of a whole note: thirty-second notes.
    static let grid = 32

    /// The score of `performance`.
    public static func write(_ performance: Performance) -> String {
        let tracks = performance.tracks.filter { $0.channel != 9 && !$0.notes.isEmpty }
        let bars = Self.bars(performance)
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="no"?>"# + "\n"
        out += #"<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">"# + "\n"
        out += #"<score-partwise version="4.0">"# + "\n"
        if let title = performance.title { out += "<work><work-title>\(XMLText.escape(title))</work-title></work>\n" }
        out += "<identification>"
        for line in performance.credits {
            let type = line.hasPrefix("Music:") ? "composer" : "lyricist"
            let names = line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? line
            out += #"<creator type="\#(type)">\#(XMLText.escape(names))</creator>"#
        }
        out += "<encoding><software>Songbridge</software><encoding-date>\(MusicXMLWriter.encodingDate)</encoding-date></encoding></identification>\n"
        out += "<part-list>"
        for (i, track) in tracks.enumerated() {
            out += #"<score-part id="P\#(i + 1)"><part-name>\#(XMLText.escape(track.name))</part-name>"#
            out += #"<score-instrument id="P\#(i + 1)-I1"><instrument-name>\#(XMLText.escape(track.name))</instrument-name></score-instrument>"#
            out += #"<midi-instrument id="P\#(i + 1)-I1"><midi-channel>\#(track.channel + 1)</midi-channel><midi-program>\#(track.program + 1)</midi-program>"#
            out += #"<volume>\#(Int((Double(track.volume) / 127 * 100).rounded()))</volume><pan>\#(Int((Double(track.pan - 64) / 64 * 90).rounded()))</pan></midi-instrument></score-part>"#
        }
        out += "</part-list>\n"
        for (i, track) in tracks.enumerated() {
            out += #"<part id="P\#(i + 1)">"# + "\n"
            out += part(track, bars: bars, performance: performance, first: i == 0)
            out += "</part>\n"
        }
        out += "</score-partwise>\n"
        return out
    }

    /// One bar: where it starts and how long it is (grid units), its meter and key, and whether either changes here.
    struct Bar {
        var start: Int
        var length: Int
        var meter: Meter
        var key: Key
        var meterChanges: Bool
        var keyChanges: Bool
    }

    static func units(_ t: NoteLength) -> Int { Int((Double(t.numerator) * Double(grid) / Double(t.denominator)).rounded()) }

    /// The bars from the start to the performance's end, following its meter and key changes.
    static func bars(_ performance: Performance) -> [Bar] {
        let end = max(units(performance.end), performance.tracks.flatMap(\.notes).map { units($0.onset + $0.duration) }.max() ?? 0)
        var bars: [Bar] = []
        var at = 0
        var lastMeter: Meter?, lastKey: Key?
        while at < end && bars.count < 20_000 {
            let meter = performance.meters.last { units($0.at) <= at }?.value ?? .fourFour
            let key = performance.keys.last { units($0.at) <= at }?.value ?? .cMajor
            let length = max(1, units(meter.barLength ?? NoteLength(1)))
            bars.append(Bar(start: at, length: length, meter: meter, key: key, meterChanges: meter != lastMeter, keyChanges: key != lastKey))
            lastMeter = meter
            lastKey = key
            at += length
        }
        return bars
    }

    /// A stretch of one part: a note (its MIDI keys, the syllable sung at its start) or a rest.
    struct Span {
        var start: Int
        var end: Int
        var keys: [Int]
        var syllable: SungSyllable?
    }

    /// The part's notes as one voice: notes starting together sound together, each held until the next begins.
    static func spans(_ track: PerformanceTrack, total: Int) -> [Span] {
        var byOnset: [Int: (end: Int, keys: Set<Int>)] = [:]
        for note in track.notes {
            let start = units(note.onset), end = units(note.onset + note.duration)
            guard end > start else { continue }
            let current = byOnset[start]
            byOnset[start] = (min(current?.end ?? end, end), (current?.keys ?? []).union([note.key]))
        }
        var syllables: [Int: SungSyllable] = [:]
        for s in track.syllables where syllables[units(s.at)] == nil { syllables[units(s.at)] = s }
        let onsets = byOnset.keys.sorted()
        var spans: [Span] = []
        var cursor = 0
        for (i, onset) in onsets.enumerated() {
            let group = byOnset[onset]!
            let end = min(group.end, i + 1 < onsets.count ? onsets[i + 1] : total)
            guard end > onset else { continue }
            if onset > cursor { spans.append(Span(start: cursor, end: onset, keys: [], syllable: nil)) }
            spans.append(Span(start: onset, end: end, keys: group.keys.sorted(), syllable: syllables[onset]))
            cursor = end
        }
        if cursor < total { spans.append(Span(start: cursor, end: total, keys: [], syllable: nil)) }
        return spans
    }

    /// Lengths a single note can have (grid units), longest first, with their type and dot.
    static let values: [(units: Int, type: String, dot: Bool)] = [
        (48, "whole", true), (32, "whole", false), (24, "half", true), (16, "half", false), (12, "quarter", true), (8, "quarter", false),
        (6, "eighth", true), (4, "eighth", false), (3, "16th", true), (2, "16th", false), (1, "32nd", false),
    ]

    static func part(_ track: PerformanceTrack, bars: [Bar], performance: Performance, first: Bool) -> String {
        guard let last = bars.last else { return "" }
        let total = last.start + last.length
        let spans = spans(track, total: total)
        let lowPart = track.role == .bass || (track.notes.map(\.key).sorted().dropFirst(track.notes.count / 2).first ?? 60) < 55
        var out = ""
        var s = 0
        // Whether the last syllable sung goes on into the next (begin/middle/end/single).
        var wordGoesOn = false
        for (index, bar) in bars.enumerated() {
            out += #"<measure number="\#(index + 1)">"#
            if index == 0 || bar.meterChanges || bar.keyChanges {
                out += "<attributes>"
                if index == 0 { out += "<divisions>\(grid / 4)</divisions>" }
                if bar.keyChanges { out += PartWriter.keyText(bar.key) }
                if bar.meterChanges { out += PartWriter.timeText(bar.meter) }
                if index == 0 { out += lowPart ? "<clef><sign>F</sign><line>4</line></clef>" : "<clef><sign>G</sign><line>2</line></clef>" }
                out += "</attributes>"
            }
            if first {
                for marker in performance.markers where units(marker.at) >= bar.start && units(marker.at) < bar.start + bar.length {
                    out += #"<direction placement="above"><direction-type><rehearsal>\#(XMLText.escape(marker.text))</rehearsal></direction-type></direction>"#
                }
                if let tempo = performance.tempos.first(where: { units($0.at) == bar.start }) { out += PartWriter.metronome(tempo.value) }
            }
            let barEnd = bar.start + bar.length
            var at = bar.start
            while at < barEnd, s < spans.count {
                let span = spans[s]
                let pieceEnd = min(span.end, barEnd)
                var length = pieceEnd - at
                var firstPiece = at == span.start
                while length > 0 {
                    let value = values.first { $0.units <= length }!
                    length -= value.units
                    let continues = length > 0 || pieceEnd < span.end
                    var lyric: (syllabic: String, text: String)?
                    if firstPiece, let syllable = span.syllable, !syllable.text.isEmpty, !span.keys.isEmpty {
                        let syllabic = wordGoesOn ? (syllable.continuesWord ? "middle" : "end") : (syllable.continuesWord ? "begin" : "single")
                        lyric = (syllabic, syllable.text)
                        wordGoesOn = syllable.continuesWord
                    }
                    out += note(span.keys, key: bar.key, value: value, tieStop: !span.keys.isEmpty && !firstPiece, tieStart: !span.keys.isEmpty && continues, lyric: lyric)
                    firstPiece = false
                }
                at = pieceEnd
                if pieceEnd == span.end { s += 1 }
            }
            out += index == bars.count - 1 ? #"<barline location="right"><bar-style>light-heavy</bar-style></barline>"# : ""
            out += "</measure>\n"
        }
        return out
    }

    /// One note (a chord's notes each, highest first) or rest, with its ties and the syllable sung on it.
    static func note(_ keys: [Int], key: Key, value: (units: Int, type: String, dot: Bool), tieStop: Bool, tieStart: Bool, lyric: (syllabic: String, text: String)?) -> String {
        let typeText = "<type>\(value.type)</type>" + (value.dot ? "<dot/>" : "")
        guard !keys.isEmpty else { return "<note><rest/><duration>\(value.units)</duration><voice>1</voice>\(typeText)</note>" }
        var out = ""
        for (i, midi) in keys.reversed().enumerated() {
            let pitch = key.spell(midiNumber: midi)
            let stops = tieStop
            out += "<note>" + (i > 0 ? "<chord/>" : "")
            out += PartWriter.pitchText(pitch)
            out += "<duration>\(value.units)</duration>"
            if stops { out += #"<tie type="stop"/>"# }
            if tieStart { out += #"<tie type="start"/>"# }
            out += "<voice>1</voice>" + typeText
            if stops || tieStart { out += "<notations>" + (stops ? #"<tied type="stop"/>"# : "") + (tieStart ? #"<tied type="start"/>"# : "") + "</notations>" }
            if i == 0, let lyric {
                out += #"<lyric number="1"><syllabic>\#(lyric.syllabic)</syllabic><text>\#(XMLText.escape(lyric.text))</text></lyric>"#
            }
            out += "</note>"
        }
        return out
    }
}
