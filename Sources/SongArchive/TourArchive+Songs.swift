import Foundation
import SongCore
import SongText

extension TourArchive {
    // MARK: - Songs

    /// Starts a song with no contributions yet.
    @discardableResult
    public func newSong(title: String, stop: String? = nil, key: Key? = nil, meter: Meter? = nil) throws(ArchiveError) -> Int64 {
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw ArchiveError("a song needs a title", kind: .invalid) }
        if let problem = OneLineText.problem(title, what: "the title") { throw ArchiveError(problem, kind: .invalid) }
        return try change("song new", detail: title) { db in
            if let stop, try !TourStop.exists(stop, in: db) { throw ArchiveError("no stop with id \(stop)", kind: .notFound) }
            let id = try db.insert("INSERT INTO song (title, stopId, key, meter, createdAt) VALUES (?, ?, ?, ?, ?)",
                                   [title, stop, key?.description, meter?.description, TourArchive.now])
            try TourArchive.indexRow(id, title: title, words: "", place: try TourArchive.place(of: stop, db), themes: "", db)
            return id
        }
    }

    static func place(of stop: String?, _ db: any SQLSession) throws -> String {
        guard let stop else { return "" }
        let row = try db.row("SELECT place, nation FROM stop WHERE id = ?", [stop])
        return row.map { "\($0[0] as String? ?? "") \($0[1] as String? ?? "")" } ?? ""
    }

    /// Imports a song read from a file: its stop and people (when new), a contribution for each credit, and the
    /// song itself as version 1. Importing the same song (title and stop) twice is refused.
    @discardableResult
    public func importSong(_ song: Song) throws(ArchiveError) -> Int64 {
        let title = song.metadata.title ?? "Untitled"
        return try change("import", detail: title) { db in
            let stopID = song.provenance.stop?.id
            // (`IS NOT DISTINCT FROM`, which both engines read, matches a missing stop as SQLite's `IS` does.)
            if let existing = try db.value("SELECT id FROM song WHERE title = ? AND stopId IS NOT DISTINCT FROM ?", [title, stopID], as: Int64.self) {
                throw ArchiveError("'\(title)' is already in the archive as song \(existing); nothing was imported", kind: .conflict)
            }
            if let stop = song.provenance.stop, try !TourStop.exists(stop.id, in: db) {
                try stop.insert(into: db)
            }
            for person in song.provenance.contributors where try !Contributor.exists(person.id, in: db) {
                try person.insert(into: db)
                try TourArchive.logConsent(of: person.id, person.consent, guardian: person.guardianConsent, db)
            }
            let songID = try db.insert("INSERT INTO song (title, stopId, key, meter, themes, style, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                       [title, stopID, song.metadata.key?.description, song.metadata.meter?.description, song.metadata.themes.joined(separator: ", "),
                                        song.metadata.style, TourArchive.now])
            var contributions: [Int64] = []
            for credit in song.provenance.credits {
                let (kind, payload) = TourArchive.payload(for: credit, in: song)
                let cid = try db.insert("INSERT INTO contribution (songId, kind, payload, section, line, status, mergedIn, createdAt) VALUES (?, ?, ?, ?, ?, 'accepted', 1, ?)",
                                        [songID, kind.rawValue, payload, credit.section, credit.lines.first, TourArchive.now])
                contributions.append(cid)
                for person in Set(credit.contributors) {
                    try db.execute("INSERT INTO contributionContributor (contributionId, contributorId) VALUES (?, ?)", [cid, person])
                }
            }
            try TourArchive.insertVersion(of: songID, number: 1, parents: [], merged: try TourArchive.uids(ofContributions: contributions, db), song: song, text: ChordProWriter.write(song), report: "{\"imported\":true}", db)
            return songID
        }
    }

    /// The text a credit stands for, as a contribution payload.
    static func payload(for credit: Credit, in song: Song) -> (Contribution.Kind, String) {
        let section = credit.section.flatMap { song.section($0) }
        switch credit.part {
        case .lines:
            let lyric = section?.lines.filter { $0.words != nil } ?? []
            let picked = credit.lines.isEmpty ? lyric : credit.lines.compactMap { lyric.indices.contains($0 - 1) ? lyric[$0 - 1] : nil }
            return (.lyrics, picked.map { ChordProWriter.write($0) }.joined(separator: "\n"))
        case .chords: return (.chords, section?.chords.map(\.description).joined(separator: " ") ?? "")
        case .melody: return (.melody, section?.melody.map { ABCWriter.write(ABCTune(reference: 1, melody: $0)) } ?? "")
        case .structure: return (.structure, song.form.map(\.description).joined(separator: ", "))
        case .title: return (.idea, song.metadata.title ?? "")
        case .idea: return (.idea, "")
        }
    }

    /// Refreshes the search row of a song with what the public may see of it, with everyone's consent as it is
    /// now: a withdrawn person's words are never found (the index holds nothing the public projection hides).
    static func index(_ id: Int64, _ stored: Song, _ db: any SQLSession) throws {
        let song = try consentForProjection(stored, db).publicProjection
        let words = song.sections.flatMap { s in s.lyricLines + (s.melody.map { m in (0..<m.verseCount).map { m.syllables(verse: $0).joined(separator: " ") } } ?? []) }
        let place = [song.provenance.stop?.place, song.provenance.stop?.nation.rawValue].compactMap { $0 }.joined(separator: " ")
        try indexRow(id, title: song.metadata.title ?? "", words: words.joined(separator: "\n"), place: place, themes: song.metadata.themes.joined(separator: ", "), db)
    }

    /// Makes a song's search row say this: FTS5's row on SQLite; on PostgreSQL a row with its `tsvector`, the
    /// title weighted most (A), place and themes next (B), the words least (D), as bm25's weights are on SQLite.
    static func indexRow(_ id: Int64, title: String, words: String, place: String, themes: String, _ db: any SQLSession) throws {
        try unindex(id, db)
        switch db.dialect {
        case .sqlite:
            try db.execute("INSERT INTO songSearch (rowid, title, words, place, themes) VALUES (?, ?, ?, ?, ?)", [id, title, words, place, themes])
        case .postgres:
            try db.execute("""
                INSERT INTO songSearch (songId, document)
                SELECT ?, setweight(to_tsvector('songbridge', t), 'A') || setweight(to_tsvector('songbridge', p), 'B')
                  || setweight(to_tsvector('songbridge', th), 'B') || setweight(to_tsvector('songbridge', w), 'D')
                FROM (SELECT ?::text AS t, ?::text AS w, ?::text AS p, ?::text AS th) AS v
                """, [id, title, words, place, themes])
        }
    }

    /// Takes a song out of search.
    static func unindex(_ id: Int64, _ db: any SQLSession) throws {
        try db.execute(db.dialect == .sqlite ? "DELETE FROM songSearch WHERE rowid = ?" : "DELETE FROM songSearch WHERE songId = ?", [id])
    }
}
