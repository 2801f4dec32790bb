import Foundation
import SongCore
import SongText

extension MergePiece {
    /// Reads a contribution's payload into song parts; an unreadable payload is an error naming the problem. With
    /// `checkingLimits` (when it is contributed), a structure that repeats a section more than the limits allow, a
    /// tempo outside them, or a melody longer than a rendered song may be is refused too.
    public init(reading c: Contribution, checkingLimits: Bool = false) throws(ContributionError) {
        switch c.kind {
        case .lyrics:
            guard !c.payload.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw ContributionError("the words are empty") }
            do {
                let songs = try ChordProReader.read(c.payload, name: "contribution").value
                let lines = songs.flatMap(\.sections).flatMap(\.lines).filter { $0.words != nil }
                self = MergePiece(contribution: c, lines: lines)
            } catch { throw ContributionError("the words do not read:\n\(error)") }
        case .chords:
            var chords: [ChordSymbol] = []
            for token in c.payload.split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "," || $0 == "\n" }) {
                do { chords.append(try ChordSymbol(parsing: token)) } catch { throw ContributionError("the chords do not read: \(error)") }
            }
            guard !chords.isEmpty else { throw ContributionError("the chord progression is empty") }
            self = MergePiece(contribution: c, chords: chords)
        case .melody:
            do {
                guard let tune = try ABCReader.read(c.payload, name: "melody").value.tunes.first, !tune.melody.notes.isEmpty else {
                    throw ContributionError("the melody has no notes")
                }
                if checkingLimits { try MergePiece.checkLimits(tune.melody) }
                self = MergePiece(contribution: c, melody: tune.melody)
            } catch let e as ContributionError { throw e } catch { throw ContributionError("the ABC melody does not read:\n\(error)") }
        case .structure:
            let (form, problem) = FormItem.list(c.payload)
            if checkingLimits, let problem { throw ContributionError("the structure is too long: \(problem)", isTooLarge: true) }
            if checkingLimits, let label = form.lazy.compactMap({ OneLineText.problem($0.section, what: "a section's name") }).first {
                throw ContributionError(label)
            }
            guard !form.isEmpty else { throw ContributionError("the structure names no sections (e.g. Verse 1, Chorus, Verse 2)") }
            self = MergePiece(contribution: c, form: form)
        case .idea:
            self = MergePiece(contribution: c)
        }
    }

    /// A contributed melody within the limits: its tempo changes in the range a song may ask for, and its length,
    /// played at the slowest tempo scale a listener may choose, no longer than the longest arrangement.
    static func checkLimits(_ melody: Melody) throws(ContributionError) {
        let slowest = 0.25
        for tempo in [melody.tempo].compactMap({ $0 }) + melody.elements.compactMap({ if case .tempo(let t) = $0 { t } else { nil } }) {
            guard SongLimits.tempoRange.contains(tempo.beatsPerMinute) else {
                throw ContributionError("a tempo of \(tempo.beatsPerMinute.formatted()) beats a minute is outside \(Int(SongLimits.tempoRange.lowerBound))–\(Int(SongLimits.tempoRange.upperBound))")
            }
        }
        let tempo = melody.tempo ?? Tempo(100, beat: melody.meter.pulse)
        let seconds = tempo.seconds(for: melody.playedDuration) / slowest
        guard seconds <= SongLimits.arrangedSeconds else {
            throw ContributionError("the melody plays for \(Int(seconds / 60)) minutes at the slowest speed a listener may choose; at most \(Int(SongLimits.arrangedSeconds / 60))", isTooLarge: true)
        }
    }
}
