import SongCore

/// Writes a song as MusicXML 4.0 (score-partwise, one part: the tune), for MuseScore, Sibelius, Dorico and the
/// rest: each section with a tune in the order the sheet gives them, a rehearsal mark naming it; notes with their
/// spelled pitches, lengths, ties and tuplets; every verse's words, a syllable a note with begin/middle/end; chord
/// symbols as `<harmony>`; key, time and tempo, and their changes; repeats and numbered endings; the title and the
/// credits. Give it the public projection: it writes what the song holds. Element order follows the 4.0 schema
/// (https://www.w3.org/2021/06/musicxml40/), which the tests check every export against.
public enum MusicXMLWriter {
    /// The document.
    public static func write(_ song: Song) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="no"?>"# + "\n"
        out += #"<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">"# + "\n"
        out += #"<score-partwise version="4.0">"# + "\n"
        if let title = song.metadata.title { out += "<work><work-title>\(escape(title))</work-title></work>\n" }
        out += "<identification>"
        for credit in creators(song) { out += #"<creator type="\#(credit.type)">\#(escape(credit.name))</creator>"# }
        out += "<encoding><software>Songbridge</software><encoding-date>\(encodingDate)</encoding-date></encoding></identification>\n"
        // The instrument named, so a reader plays the tune with a voice (General MIDI's Voice Oohs, program 54 from 0;
        // MusicXML counts from 1) rather than guessing: MuseScore reports a part with none.
        out += #"<part-list><score-part id="P1"><part-name>Voice</part-name><score-instrument id="P1-I1"><instrument-name>Voice</instrument-name></score-instrument>"#
        out += #"<midi-instrument id="P1-I1"><midi-channel>1</midi-channel><midi-program>55</midi-program></midi-instrument></score-part></part-list>"# + "\n"
        out += #"<part id="P1">"# + "\n"
        var writer = PartWriter(divisions: divisions(song))
        let tuned = song.sections.filter { $0.melody != nil }
        for section in tuned {
            guard let melody = section.melody else { continue }
            writer.write(melody, label: tuned.count > 1 ? section.id : nil, tempo: melody.tempo ?? song.metadata.tempo)
        }
        if tuned.isEmpty { writer.writeEmpty(meter: song.metadata.meter ?? .fourFour, key: song.metadata.key) }
        out += writer.out
        out += "</part>\n</score-partwise>\n"
        return out
    }

    /// The date written as the encoding date: fixed, so the same song gives the same file.
    static let encodingDate = "2026-01-01"

    /// Who wrote the words and the tune, as the song's public credits name them (consent applied by the caller).
    static func creators(_ song: Song) -> [(type: String, name: String)] {
        let (words, music) = song.provenance.publicCredits
        return words.map { ("lyricist", $0) } + music.map { ("composer", $0) }
    }

    /// Divisions of a quarter note that give every note, rest and tuplet of the song a whole number of them.
    static func divisions(_ song: Song) -> Int {
        var d = 1
        for section in song.sections {
            for element in section.melody?.elements ?? [] {
                let length: NoteLength
                switch element {
                case .note(let n): length = n.duration
                case .rest(let r): length = r.duration
                default: continue
                }
                // Quarters = 4 × whole; its denominator once reduced.
                let q = NoteLength(4 * length.numerator, length.denominator)
                d = lcm(d, q.denominator)
                if d > 15_360 { return 15_360 }
            }
        }
        return d
    }

    static func lcm(_ a: Int, _ b: Int) -> Int {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        return a / gcd(a, b) * b
    }

    /// Text escaped for XML.
    static func escape(_ s: String) -> String { XMLText.escape(s) }
}
