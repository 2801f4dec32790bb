import SongCore

/// A song's tune as scripts/musicxml-readback.py compares it with what music21 reads from our MusicXML.
public enum MusicXMLEvents {
    /// What music21 should read from a score: each note or rest in order, its MIDI pitches, its length in quarters
    /// and its words by verse.
    public static func events(_ song: Song) -> [[Any]] {
        var out: [[Any]] = []
        for melody in song.sections.compactMap(\.melody) {
            for element in melody.elements {
                switch element {
                case .note(let n):
                    var words: [String: String] = [:]
                    for (verse, lyric) in n.lyrics.enumerated() { if let text = lyric.text, !text.isEmpty { words["\(verse + 1)"] = text } }
                    out.append(["n", n.pitches.map(\.midiNumber).sorted(), "\(4 * n.duration.numerator)/\(n.duration.denominator)", words])
                case .rest(let r):
                    out.append(["r", [Int](), "\(4 * r.duration.numerator)/\(r.duration.denominator)", [String: String]()])
                default:
                    break
                }
            }
        }
        return out
    }
}
