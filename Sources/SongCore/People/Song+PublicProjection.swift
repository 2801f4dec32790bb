import Foundation

extension Song {
    /// The song as anyone may see it, the one place consent is applied for public output: each contributor's
    /// name is cut to what their consent allows (none for anonymous), withdrawn people are removed with every line
    /// credited to them alone (from the sheet and from the melody's words), and their credits go.
    public var publicProjection: Song { publicProjection(pseudonym: { $0 }) }

    /// The same, with each contributor's id replaced by `pseudonym(id)` in the people and their credits: public
    /// output names people by opaque ids, never by the archive's own (`c-kl22` would give away Kai Lin's initials).
    public func publicProjection(pseudonym: (String) -> String) -> Song {
        var song = projected
        song.provenance.contributors = song.provenance.contributors.map { var p = $0; p.id = pseudonym(p.id); return p }
        song.provenance.credits = song.provenance.credits.map { var c = $0; c.contributors = c.contributors.map(pseudonym); return c }
        return song
    }

    /// The song with `name` (someone's, any case and accents) taken out of its free text: a name field that is only
    /// the name goes, and in other text (a subtitle, a copyright line) the name is cut out. What an erasure leaves
    /// in a version's text, where no later projection could find the name, which is gone from the archive.
    public func erasingName(_ name: String) -> Song {
        var song = self
        song.metadata = metadata.namesAsConsentAllows([Contributor(id: "", name: name, generation: .adult, consent: .withdrawn)])
        return song
    }

    /// The projection with the archive's own ids.
    private var projected: Song {
        var song = self
        let withdrawn = Set(provenance.contributors.filter { $0.effectiveConsent == .withdrawn }.map(\.id))
        // Lines whose every author has withdrawn, by section.
        var removed: [String: Set<Int>] = [:]
        for credit in provenance.credits where credit.part == .lines && !credit.contributors.isEmpty && credit.contributors.allSatisfy(withdrawn.contains) {
            guard let sectionID = credit.section, let section = section(sectionID) else { continue }
            let lines = credit.lines.isEmpty ? Array(1...max(1, section.lyricLines.count)) : credit.lines
            removed[sectionID, default: []].formUnion(lines)
        }
        // Tunes and chords whose every author has withdrawn leave too: a section without its tune is then sung to
        // another tune of its kind (or spoken), and one without its chords is played from the others.
        func withdrawnParts(_ part: Credit.Part) -> Set<String> {
            Set(provenance.credits.filter { $0.part == part && !$0.contributors.isEmpty && $0.contributors.allSatisfy(withdrawn.contains) }.compactMap(\.section))
        }
        let tunesGone = withdrawnParts(.melody), chordsGone = withdrawnParts(.chords)
        if provenance.credits.contains(where: { $0.part == .structure && !$0.contributors.isEmpty && $0.contributors.allSatisfy(withdrawn.contains) }) {
            song.explicitForm = nil
        }
        song.blocks = blocks.map { block in
            guard case .section(var section) = block else { return block }
            if tunesGone.contains(section.id) { section.melody = nil }
            if chordsGone.contains(section.id) { section.removeChords() }
            guard let gone = removed[section.id], !gone.isEmpty else { return .section(section) }
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
        song.metadata = metadata.namesAsConsentAllows(provenance.contributors)
        song.blocks = song.blocks.map { block in
            guard case .section(var section) = block else { return block }
            section.lines = section.lines.map { line in
                guard case .comment(let text, let style) = line else { return line }
                return .comment(SongMetadata.named(text, provenance.contributors), style: style)
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

extension Section {
    /// Takes every chord off the section: above its words, in its grid and over its tune.
    mutating func removeChords() {
        lines = lines.compactMap { line in
            switch line {
            case .lyrics(let segments):
                return .lyrics(segments.map { var s = $0; s.chord = nil; return s })
            case .grid:
                return nil
            default:
                return line
            }
        }
        if var tune = melody {
            for i in tune.elements.indices {
                switch tune.elements[i] {
                case .note(var note): note.chordSymbol = nil; tune.elements[i] = .note(note)
                case .rest(var rest): rest.chordSymbol = nil; tune.elements[i] = .rest(rest)
                default: break
                }
            }
            melody = tune
        }
    }
}

extension SongMetadata {
    /// The metadata with every free-text name of a contributor (a `{composer: …}`, `{lyricist: …}`, an artist, a
    /// copyright line, a subtitle) shown only as that person's consent allows: it is theirs, so the projection
    /// applies to it as to their credits. A name field that is only their name becomes their public credit when
    /// consent names them at all, and goes otherwise; in other text their name becomes whatever consent allows.
    func namesAsConsentAllows(_ people: [Contributor]) -> SongMetadata {
        let restricted = people.filter { ($0.name?.isEmpty == false) && $0.publicCredit != $0.name }
        guard !restricted.isEmpty else { return self }
        var m = self
        func credit(for entry: String) -> String?? {
            let key = Self.comparable(entry)
            guard let person = restricted.first(where: { p in
                let name = p.name ?? ""
                return Self.comparable(name) == key || Self.comparable(name.split(separator: " ").first.map(String.init) ?? "") == key
            }) else { return .none }
            // Named at all: their credit; anonymous or withdrawn: no name in a name field.
            return .some(person.effectiveConsent >= .initials ? person.publicCredit : nil)
        }
        func names(_ list: [String]) -> [String] {
            list.compactMap { entry in
                switch credit(for: entry) {
                case .none: return Self.named(entry, restricted)
                case .some(let shown): return shown
                }
            }
        }
        m.lyricists = names(lyricists)
        m.composers = names(composers)
        m.artists = names(artists)
        m.subtitles = subtitles.map { Self.named($0, restricted) }
        m.title = title.map { Self.named($0, restricted) }
        m.copyright = copyright.map { Self.named($0, restricted) }
        m.album = album.map { Self.named($0, restricted) }
        m.other = other.map { var e = $0; e.value = Self.named(e.value, restricted); return e }
        m.fileComments = fileComments.map { Self.named($0, restricted) }
        return m
    }

    /// `text` with each of `people`'s full names (any case) put as their consent allows.
    static func named(_ text: String, _ people: [Contributor]) -> String {
        var out = text
        for person in people {
            guard let name = person.name?.trimmingWhitespace(), name.count >= 2, person.publicCredit != name else { continue }
            let shown = person.effectiveConsent >= .initials ? (person.publicCredit ?? "") : person.effectiveConsent == .withdrawn ? "" : (person.publicCredit ?? "")
            out = out.replacingOccurrences(of: name, with: shown, options: [.caseInsensitive, .diacriticInsensitive])
        }
        return out
    }

    /// A name compared without case, accents or spaces at the ends.
    static func comparable(_ text: String) -> String {
        text.trimmingWhitespace().folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
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
