import Arrangement

/// The lines `render --fit-key` and `merge --fit-key` print.
enum KeyFitReport {
    static func text(_ fit: KeyFit, groups: [VoiceRange]) -> String {
        var lines = ["key for \(groups.map(\.name).joined(separator: ", ")): \(fit.key) (\(fit.semitones >= 0 ? "+" : "")\(fit.semitones) semitones), melody \(fit.lowest)–\(fit.highest)"]
        if fit.fitsEveryone {
            lines.append("every note is in everyone's comfortable range")
        }
        for o in fit.outside {
            var parts: [String] = []
            if !o.below.isEmpty { parts.append("below: \(o.below.joined(separator: " "))") }
            if !o.above.isEmpty { parts.append("above: \(o.above.joined(separator: " "))") }
            let octave = o.octave == 0 ? "" : (o.octave < 0 ? " (singing an octave lower)" : " (singing an octave higher)")
            lines.append("outside \(o.group)'s range\(octave): \(parts.joined(separator: "; "))")
        }
        return lines.joined(separator: "\n")
    }
}
