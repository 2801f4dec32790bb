import MelodicSearch
import SongCore
import SongMIDI
import SongText

/// A tune search's query in each form it comes in, as the shape the melodic index compares: a fragment of ABC, the
/// notes played on the capture page's keyboard (placed notes), a hummed or sung take's transcription, a MIDI file.
public enum TuneQuery {
    /// An ABC fragment (`GABc dBAG`), with header lines of its own when given (`K:G`, `L:1/4`, `M:6/8`); without,
    /// in C with eighth notes as the unit. Errors name the fragment's own lines and columns.
    public static func shape(abc fragment: String, name: String = "<tune>") throws(DiagnosticError) -> TuneShape {
        // Each line with its number in the fragment (nil for a line added here).
        var lines: [(text: String, number: Int?)] = fragment.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { (String($0.element), $0.offset + 1) }.filter { !$0.text.hasPrefix("X:") }
        // Header lines at the top (a letter, then a colon) stay where they are; X: goes before them, and L: and K:
        // after them when not given.
        let headerCount = lines.prefix { $0.text.count >= 2 && $0.text.first!.isLetter && $0.text.dropFirst().first == ":" }.count
        let header = lines[..<headerCount].map(\.text)
        var added: [(String, Int?)] = []
        if !header.contains(where: { $0.hasPrefix("L:") }) { added.append(("L:1/8", nil)) }
        if !header.contains(where: { $0.hasPrefix("K:") }) { added.append(("K:C", nil)) }
        lines.insert(contentsOf: added, at: headerCount)
        lines.insert(("X:1", nil), at: 0)
        let book: ABCTuneBook
        do { book = try ABCReader.read(SourceText(lines.map(\.text).joined(separator: "\n"), name: name)).value } catch {
            // Lines as the person typed them.
            throw DiagnosticError(error.diagnostics.map { d in
                var d = d
                d.line = lines.indices.contains(d.line - 1) ? lines[d.line - 1].number ?? 1 : d.line
                return d
            })
        }
        let melody = book.tunes.first?.melody ?? Melody()
        return TuneShape(melody: melody)
    }

    /// Notes placed in quarters (the capture page's keyboard, or a transcription placed in the song's time).
    public static func shape(placed: [PlacedNote]) -> TuneShape {
        TuneShape(notes: placed.sorted { $0.start < $1.start }.map { TuneShape.Note(pitch: $0.pitch, onset: $0.start, length: $0.length) })
    }

    /// A take's notes as they were heard, in seconds: no quantising, so nothing the grid would move changes the
    /// rhythm compared.
    public static func shape(_ transcription: Transcription) -> TuneShape {
        TuneShape(notes: transcription.notes.map { TuneShape.Note(pitch: $0.midiNote, onset: $0.onset, length: $0.offset - $0.onset) })
    }

    /// A MIDI file's melody (the track with the words, else the one with the most notes); nil when it has none.
    public static func shape(midi: MIDIFile) -> TuneShape? {
        midi.importedMelody().map { TuneShape(melody: $0) }
    }
}
