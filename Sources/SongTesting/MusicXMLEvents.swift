import SongCore

/// A song's tune as scripts/musicxml-readback.py compares it with what music21 reads from our MusicXML.
public enum MusicXMLEvents {
    /// What music21 should read from a score: each note or rest in order, its MIDI pitches, its length in quarters
    /// and its words by verse.
    public static func events(_ song: Song) -> [[Any]] {
        var out: [[Any]] = []
        for melody in song.sections.compactMap(\.melody) {
            // ABC's parts as the score writes them: in play order.
            for element in melody.writtenInPlayOrder.elements {
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

    /// What a player of the score should play (scripts/musescore-playback.py): each note's onset in quarters (as
    /// a fraction) and MIDI pitch, every section with a tune in turn, its repeats, endings and parts played out.
    public static func played(_ song: Song) -> [[Any]] {
        var out: [[Any]] = []
        var start = NoteLength.zero
        for melody in song.sections.compactMap(\.melody) {
            for note in melody.performedNotes {
                let onset = start + note.onset
                out.append(["\(4 * onset.numerator)/\(onset.denominator)", note.pitch.midiNumber])
            }
            start += melody.playedDuration
        }
        return out
    }
}
