import Lyrics
import SongCore

/// Turns a song and its newly accepted contributions into the next draft: lines into their slots, chords and
/// melodies into their sections (a melody in another key moved into the song's key), the structure into the form,
/// with a report of conflicts and of who gave what. The same inputs always give the same draft.
public enum Merger {
    /// Merges `pieces` (in contribution order) into `base`; `people` are the archive's contributors.
    public static func merge(base: Song, pieces: [MergePiece], people: [Contributor], analyzer: LyricAnalyzer = LyricAnalyzer()) -> (Song, MergeReport) {
        var song = base
        var report = MergeReport()
        let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var filled: [String: [Int: Int64]] = [:]  // section → line → contribution that filled it in this merge
        for piece in pieces.sorted(by: { $0.contribution.id < $1.contribution.id }) {
            let c = piece.contribution
            let givers = c.contributors.compactMap { byID[$0] }
            if !givers.isEmpty && givers.allSatisfy({ $0.consent == .withdrawn }) {
                report.excluded.append(c.id)
                continue
            }
            let sectionID = c.section ?? (c.kind == .structure || c.kind == .idea ? nil : "Verse 1")
            var creditPart: Credit.Part
            var creditLines: [Int] = []
            switch c.kind {
            case .lyrics:
                creditPart = .lines
                let id = sectionID!
                var section = song.section(id) ?? Section(kind: kind(for: id), label: id)
                var lyricIndices = section.lines.indices.filter { section.lines[$0].words != nil }
                // Credits for "all the lines" of this section mean the lines there now, not the newcomer's.
                Self.pinLineCredits(section: id, count: lyricIndices.count, in: &song)
                var placed = 0
                for (k, line) in piece.lines.enumerated() {
                    if let target = c.line.map({ $0 + k }) {
                        if let taken = filled[id]?[target] {
                            report.conflicts.append(.init(kind: .slotTaken, section: id, line: target, contributions: [taken, c.id], message: "\(id) line \(target) was given twice; the first is kept"))
                            continue
                        }
                        if target <= lyricIndices.count {
                            report.conflicts.append(.init(kind: .slotTaken, section: id, line: target, contributions: [c.id], message: "\(id) line \(target) already has words; the new line was added after it"))
                            section.lines.insert(line, at: lyricIndices[target - 1] + 1)
                            Self.shiftLineCredits(section: id, from: target + 1, in: &song)
                        } else {
                            section.lines.append(line)
                        }
                    } else {
                        let words = Section.comparableWords(line.words ?? "")
                        if !words.isEmpty, section.lines.contains(where: { Section.comparableWords($0.words ?? "") == words }) {
                            report.conflicts.append(.init(kind: .duplicateLine, section: id, line: nil, contributions: [c.id],
                                                          message: "\(id) already has the line \u{201C}\(line.words ?? "")\u{201D}; it was not added again (give a line number to repeat it)"))
                            continue
                        }
                        section.lines.append(line)
                    }
                    lyricIndices = section.lines.indices.filter { section.lines[$0].words != nil }
                    let number = section.lines[..<(section.lines.firstIndex(of: line) ?? 0)].filter { $0.words != nil }.count + 1
                    filled[id, default: [:]][number] = c.id
                    creditLines.append(number)
                    placed += 1
                }
                put(section, into: &song)
                bump(&report, givers) { $0.lines += placed }
                if placed == 0 {
                    // Nothing of it is in the draft: it stays in the report, not in the credits.
                    report.merged.append(c.id)
                    continue
                }
            case .chords:
                creditPart = .chords
                let id = sectionID!
                var section = song.section(id) ?? Section(kind: kind(for: id), label: id)
                let meter = song.metadata.meter ?? section.melody?.meter ?? .fourFour
                var cells: [GridRow.Cell] = [.bar("|")]
                for chord in piece.chords {
                    cells.append(.chord(chord))
                    cells += Array(repeating: .hold, count: max(0, meter.beats - 1))
                    cells.append(.bar("|"))
                }
                if let melody = section.melody, melody.writtenBarCount != piece.chords.count {
                    report.conflicts.append(.init(kind: .chordsAndMelodyDiffer, section: id, line: nil, contributions: [c.id], message: "\(id): \(piece.chords.count) bars of chords for \(melody.writtenBarCount) bars of melody"))
                }
                if section.melody == nil && section.lyricLines.isEmpty { section.kind = section.kind == .untitled ? .grid : section.kind }
                section.lines.append(.grid(GridRow(cells: cells)))
                put(section, into: &song)
                bump(&report, givers) { $0.chords += piece.chords.count }
            case .melody:
                creditPart = .melody
                let id = sectionID!
                guard var melody = piece.melody else { continue }
                if let key = song.metadata.key, key.tonic != melody.key.tonic || key.mode.isMinorLike != melody.key.mode.isMinorLike {
                    report.conflicts.append(.init(kind: .keyMismatch, section: id, line: nil, contributions: [c.id], message: "\(id): the melody was given in \(melody.key) and moved into \(key)"))
                    melody = Transposition(from: melody.key, to: key).apply(melody)
                }
                if let meter = song.metadata.meter, meter.barLength != melody.meter.barLength {
                    report.conflicts.append(.init(kind: .meterMismatch, section: id, line: nil, contributions: [c.id], message: "\(id): the melody is in \(melody.meter) but the song is in \(meter)"))
                }
                var section = song.section(id) ?? Section(kind: kind(for: id), label: id)
                if section.melody != nil {
                    report.conflicts.append(.init(kind: .slotTaken, section: id, line: nil, contributions: [c.id], message: "\(id) already has a melody; the first is kept"))
                    continue
                }
                section.melody = melody
                put(section, into: &song)
                bump(&report, givers) { $0.melodies += 1 }
            case .structure:
                creditPart = .structure
                song.explicitForm = piece.form
            case .idea:
                creditPart = .idea
                report.ideas.append(c.id)
            }
            report.merged.append(c.id)
            for person in givers where song.provenance.contributor(person.id) == nil { song.provenance.contributors.append(person) }
            song.provenance.credits.append(Credit(contributors: c.contributors, part: creditPart, section: c.kind == .structure || c.kind == .idea ? nil : sectionID, lines: creditLines))
        }
        // Words against the tunes they will be sung to, line by line: a section's own, or the tune of the first of
        // its kind (a new verse); lines beyond the tune are sung to its last line again (see SungWords).
        let sections = song.sections
        for section in sections {
            guard let melody = section.melody ?? section.borrowedTune(among: sections) else { continue }
            let tuneLines = analyzer.melodyLines(melody)
            guard !tuneLines.isEmpty else { continue }
            for (i, text) in section.lyricLines.enumerated() {
                let fit = analyzer.fit(text, to: tuneLines[min(i, tuneLines.count - 1)], meter: melody.meter)
                if let w = fit.warnings.first(where: { $0.kind == .tooManySyllables || $0.kind == .tooFewSyllables }) {
                    report.conflicts.append(.init(kind: .wordsDoNotFit, section: section.id, line: i + 1, contributions: [], message: "\(section.id) line \(i + 1): \(w.message)"))
                }
            }
        }
        return (song, report)
    }

    static func kind(for label: String) -> SectionKind {
        let l = label.lowercased()
        for k in SectionKind.allCases where k != .untitled && l.hasPrefix(k.rawValue) { return k }
        return l.hasPrefix("pennill") ? .verse : l.hasPrefix("cytgan") ? .chorus : .verse
    }

    static func put(_ section: Section, into song: inout Song) {
        if let i = song.blocks.firstIndex(where: { if case .section(let s) = $0 { s.id == section.id } else { false } }) {
            song.blocks[i] = .section(section)
        } else {
            song.blocks.append(.section(section))
        }
    }

    static func bump(_ report: inout MergeReport, _ givers: [Contributor], _ change: (inout MergeReport.Balance) -> Void) {
        for g in Set(givers.map(\.generation.rawValue)).sorted() { change(&report.balance[g, default: MergeReport.Balance()]) }
    }

    /// Pins credits for a whole section's lines (no line numbers) to the `count` lines it has now.
    static func pinLineCredits(section id: String, count: Int, in song: inout Song) {
        guard count > 0 else { return }
        for i in song.provenance.credits.indices where song.provenance.credits[i].part == .lines && song.provenance.credits[i].section == id && song.provenance.credits[i].lines.isEmpty {
            song.provenance.credits[i].lines = Array(1...count)
        }
    }

    /// A line inserted at number `n` moves the credited lines from `n` on down by one.
    static func shiftLineCredits(section id: String, from n: Int, in song: inout Song) {
        for i in song.provenance.credits.indices where song.provenance.credits[i].part == .lines && song.provenance.credits[i].section == id {
            song.provenance.credits[i].lines = song.provenance.credits[i].lines.map { $0 >= n ? $0 + 1 : $0 }
        }
    }

}
