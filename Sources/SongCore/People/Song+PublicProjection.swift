extension Song {
    /// The song as anyone may see it, the one place consent is applied for public output: each contributor's
    /// name is cut to what their consent allows (none for anonymous), withdrawn people are removed with every line
    /// credited to them alone (from the sheet and from the melody's words), and their credits go.
    public var publicProjection: Song {
        var song = self
        let withdrawn = Set(provenance.contributors.filter { $0.effectiveConsent == .withdrawn }.map(\.id))
        // Lines whose every author has withdrawn, by section.
        var removed: [String: Set<Int>] = [:]
        for credit in provenance.credits where credit.part == .lines && !credit.contributors.isEmpty && credit.contributors.allSatisfy(withdrawn.contains) {
            guard let sectionID = credit.section, let section = section(sectionID) else { continue }
            let lines = credit.lines.isEmpty ? Array(1...max(1, section.lyricLines.count)) : credit.lines
            removed[sectionID, default: []].formUnion(lines)
        }
        song.blocks = blocks.map { block in
            guard case .section(var section) = block, let gone = removed[section.id], !gone.isEmpty else { return block }
            var lyricIndex = 0
            section.lines = section.lines.filter { line in
                guard line.words != nil else { return true }
                lyricIndex += 1
                return !gone.contains(lyricIndex)
            }
            if var melody = section.melody {
                melody.removeWords(onLines: gone)
                section.melody = melody
            }
            return .section(section)
        }
        song.provenance.contributors = provenance.contributors.compactMap { person in
            guard !withdrawn.contains(person.id) else { return nil }
            var shown = person
            switch person.effectiveConsent {
            case .fullName, .firstName, .initials: shown.name = person.publicCredit
            case .anonymous, .withdrawn: shown.name = nil
            }
            return shown
        }
        song.provenance.credits = provenance.credits.compactMap { credit in
            var c = credit
            c.contributors = credit.contributors.filter { !withdrawn.contains($0) }
            guard !c.contributors.isEmpty else { return nil }
            // Line numbers move up past removed lines.
            if let s = c.section, let gone = removed[s], !gone.isEmpty {
                c.lines = c.lines.compactMap { n in gone.contains(n) ? nil : n - gone.filter { $0 < n }.count }
            }
            return c
        }
        return song
    }
}

extension Melody {
    /// Takes the words off the notes of the given written lines (1-based, split at line breaks).
    mutating func removeWords(onLines lines: Set<Int>) {
        var line = 1
        for i in elements.indices {
            switch elements[i] {
            case .lineBreak: line += 1
            case .note(var note) where lines.contains(line) && !note.lyrics.isEmpty:
                note.lyrics = []
                elements[i] = .note(note)
            default: break
            }
        }
    }
}
