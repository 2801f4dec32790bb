import Arrangement
import SongCore

/// The lines `render --fit-key` and `merge --fit-key` print.
enum KeyFitReport {
    /// One line: the key and the tune's compass in it, whether everyone can sing it (or who cannot, which notes),
    /// and the instruments it is easy on (or, where guitar is not one of them, the capo that makes it easy there).
    static func text(_ fit: KeyFit, groups: [VoiceRange]) -> String {
        var parts = ["key for \(groups.map(\.name).joined(separator: ", ")): \(fit.key) (\(fit.semitones >= 0 ? "+" : "")\(fit.semitones) semitones), melody \(fit.lowest)–\(fit.highest)"]
        if fit.fitsEveryone {
            parts.append("every note is in everyone's comfortable range")
        }
        for o in fit.outside {
            var notes: [String] = []
            if !o.below.isEmpty { notes.append("below: \(o.below.joined(separator: " "))") }
            if !o.above.isEmpty { notes.append("above: \(o.above.joined(separator: " "))") }
            let octave = o.octave == 0 ? "" : (o.octave < 0 ? " (singing an octave lower)" : " (singing an octave higher)")
            parts.append("outside \(o.group)'s range\(octave): \(notes.joined(separator: ", "))")
        }
        parts.append(fit.easyOn.isEmpty ? "not an easy key for guitar, accordion or ukulele" : "easy on \(Self.list(fit.easyOn))")
        if !fit.easyOn.contains("guitar"), let capo = Harmoniser.capo(for: fit.key, instrument: "guitar"), capo.fret > 0 {
            // The shapes in the song's own mode (E dorian's chords, fingered as E minor's relatives are).
            parts.append("guitar: capo \(capo.fret), shapes in \(Key(capo.shapes.tonic, fit.key.mode))")
        }
        return parts.joined(separator: "; ")
    }

    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
