import Foundation
import GRDB
import SongCore
import SongText

extension TourArchive {
    // MARK: - Songs

    /// Starts a song with no contributions yet.
    @discardableResult
    public func newSong(title: String, stop: String? = nil, key: Key? = nil, meter: Meter? = nil) throws(ArchiveError) -> Int64 {
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw ArchiveError("a song needs a title", kind: .invalid) }
        if let problem = OneLineText.problem(title, what: "the title") { throw ArchiveError(problem, kind: .invalid) }
        return try write("song new", detail: title) { db in
            if let stop, try !TourStop.exists(db, key: stop) { throw ArchiveError("no stop with id \(stop)", kind: .notFound) }
            try db.execute(sql: "INSERT INTO song (title, stopId, key, meter, createdAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [title, stop, key?.description, meter?.description, TourArchive.now])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO songSearch (rowid, title, words, place, themes) VALUES (?, ?, '', ?, '')",
                           arguments: [id, title, try TourArchive.place(of: stop, db)])
            return id
        }
    }

    static func place(of stop: String?, _ db: Database) throws -> String {
        guard let stop else { return "" }
        let row = try Row.fetchOne(db, sql: "SELECT place, nation FROM stop WHERE id = ?", arguments: [stop])
        return row.map { "\($0["place"] as String) \($0["nation"] as String)" } ?? ""
    }

    /// Imports a song read from a file: its stop and people (when new), a contribution for each credit, and the
    /// song itself as version 1. Importing the same song (title and stop) twice is refused.
    @discardableResult
    public func importSong(_ song: Song) throws(ArchiveError) -> Int64 {
        let title = song.metadata.title ?? "Untitled"
        return try write("import", detail: title) { db in
            let stopID = song.provenance.stop?.id
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM song WHERE title = ? AND stopId IS ?", arguments: [title, stopID]) {
                throw ArchiveError("'\(title)' is already in the archive as song \(existing); nothing was imported", kind: .conflict)
            }
            if let stop = song.provenance.stop, try !TourStop.exists(db, key: stop.id) {
                try stop.insert(db)
            }
            for person in song.provenance.contributors where try !Contributor.exists(db, key: person.id) {
                try person.insert(db)
                try TourArchive.logConsent(of: person.id, person.consent, guardian: person.guardianConsent, db)
            }
            try db.execute(sql: "INSERT INTO song (title, stopId, key, meter, themes, style, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [title, stopID, song.metadata.key?.description, song.metadata.meter?.description, song.metadata.themes.joined(separator: ", "),
                                       song.metadata.style, TourArchive.now])
            let songID = db.lastInsertedRowID
            var contributions: [Int64] = []
            for credit in song.provenance.credits {
                let (kind, payload) = TourArchive.payload(for: credit, in: song)
                try db.execute(sql: "INSERT INTO contribution (songId, kind, payload, section, line, status, mergedIn, createdAt) VALUES (?, ?, ?, ?, ?, 'accepted', 1, ?)",
                               arguments: [songID, kind.rawValue, payload, credit.section, credit.lines.first, TourArchive.now])
                let cid = db.lastInsertedRowID
                contributions.append(cid)
                for person in Set(credit.contributors) {
                    try db.execute(sql: "INSERT INTO contributionContributor (contributionId, contributorId) VALUES (?, ?)", arguments: [cid, person])
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
    static func index(_ id: Int64, _ stored: Song, _ db: Database) throws {
        let song = try currentConsent(stored, db).publicProjection
        let words = song.sections.flatMap { s in s.lyricLines + (s.melody.map { m in (0..<m.verseCount).map { m.syllables(verse: $0).joined(separator: " ") } } ?? []) }
        let place = [song.provenance.stop?.place, song.provenance.stop?.nation.rawValue].compactMap { $0 }.joined(separator: " ")
        try db.execute(sql: "DELETE FROM songSearch WHERE rowid = ?", arguments: [id])
        try db.execute(sql: "INSERT INTO songSearch (rowid, title, words, place, themes) VALUES (?, ?, ?, ?, ?)",
                       arguments: [id, song.metadata.title ?? "", words.joined(separator: "\n"), place, song.metadata.themes.joined(separator: ", ")])
    }
}
