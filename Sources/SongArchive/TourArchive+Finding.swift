import Foundation
import SongCore
import SongText

extension TourArchive {
    // MARK: - Finding songs

    /// Songs, filtered by stop, nation, generation of a contributor, year, style or theme; by title; a page of
    /// them when `limit` is given.
    public func list(stop: String? = nil, nation: String? = nil, generation: String? = nil, year: String? = nil,
                     style: String? = nil, theme: String? = nil, limit: Int? = nil, offset: Int = 0) throws(ArchiveError) -> [ArchivedSong] {
        try query { db in
            var sql = """
                SELECT \(TourArchive.summaryColumns)
                FROM song s LEFT JOIN stop st ON st.id = s.stopId WHERE 1 = 1
                """
            var args: [any SQLBindable] = []
            if let stop { sql += " AND s.stopId = ?"; args.append(stop) }
            if let nation { sql += " AND st.nation = ?"; args.append(nation) }
            if let year { sql += " AND st.date LIKE ?"; args.append("\(year)-%") }
            if let style { sql += " AND s.style = ?"; args.append(style) }
            // Themes are stored as "seaside, memories"; a theme matches one of them whole, in any case.
            if let theme {
                // (SQLite's instr and PostgreSQL's strpos are the same function.)
                let position = db.dialect == .sqlite ? "instr" : "strpos"
                sql += " AND \(position)(',' || lower(replace(s.themes, ', ', ',')) || ',', ',' || lower(?) || ',') > 0"
                args.append(theme.trimmingCharacters(in: .whitespaces))
            }
            if let generation {
                sql += " AND EXISTS (SELECT 1 FROM contribution c JOIN contributionContributor cc ON cc.contributionId = c.id JOIN contributor p ON p.id = cc.contributorId WHERE c.songId = s.id AND p.generation = ?)"
                args.append(generation)
            }
            sql += " ORDER BY s.title, s.id"
            if let limit { sql += " LIMIT ? OFFSET ?"; args += [limit, offset] }
            return try db.rows(sql, args).map(TourArchive.summary)
        }
    }

    /// The songs changed most recently (by their newest version), newest first.
    public func recent(limit: Int = 10) throws(ArchiveError) -> [ArchivedSong] {
        try query { db in
            try db.rows("""
                SELECT s.id, s.title, s.themes, s.style, st.place, st.nation, st.date, v.number AS latest
                FROM version v JOIN song s ON s.id = v.songId LEFT JOIN stop st ON st.id = s.stopId
                WHERE v.number = (SELECT MAX(number) FROM version WHERE songId = s.id)
                ORDER BY v.createdAt DESC, v.id DESC LIMIT ?
                """, [limit]).map(TourArchive.summary)
        }
    }

    /// The columns `summary` reads, from `song s` and `stop st`: a listed song and its newest version's number.
    static let summaryColumns = "s.id, s.title, s.themes, s.style, st.place, st.nation, st.date, (SELECT MAX(number) FROM version v WHERE v.songId = s.id) AS latest"

    /// A listed song from a row of `summaryColumns` (by position: looking columns up by name was a fifth of a song
    /// list's time).
    static func summary(_ r: SQLRow) -> ArchivedSong {
        let themes: String = r[2] ?? ""
        return ArchivedSong(id: r[0] ?? 0, title: r[1] ?? "", place: r[4], nation: r[5], date: r[6], style: r[3],
                            themes: themes.split(separator: ",").compactMap { part in
                                // Trimmed in place: a reversed view made String build each theme a character at a
                                // time, an eighth of a song list's time.
                                var trimmed = part
                                while trimmed.first == " " { trimmed.removeFirst() }
                                while trimmed.last == " " { trimmed.removeLast() }
                                return trimmed.isEmpty ? nil : String(trimmed)
                            },
                            latestVersion: r[7] ?? 0)
    }

    /// How many of a search's matches are ranked: a word in a fifth of a 100,000-song archive's songs would
    /// otherwise have every one of 20,000 scored for each search (a quarter of a second each on PostgreSQL). Beyond
    /// this many, the best of the first found are shown; a second word narrows the matches.
    public static let rankedAtMost = 500

    /// Full-text search over titles, words, places and themes, best match first, titles weighted most: FTS5's
    /// bm25 on SQLite, `ts_rank` on PostgreSQL. Every word must be found, whole, with diacritics folded on both.
    public func search(_ text: String, limit: Int = 50) throws(ArchiveError) -> [ArchivedSong] {
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard !words.isEmpty else { return [] }
        return try query { db in
            switch db.dialect {
            case .sqlite:
                // (The page of hits is chosen first, so each song's newest version is looked up for those alone.)
                return try db.rows("""
                    SELECT \(TourArchive.summaryColumns)
                    FROM (SELECT songId, rank FROM (SELECT rowid AS songId, bm25(songSearch, 10.0, 1.0, 2.0, 2.0) AS rank FROM songSearch WHERE songSearch MATCH ? LIMIT ?)
                          ORDER BY rank, songId LIMIT ?) f
                    JOIN song s ON s.id = f.songId LEFT JOIN stop st ON st.id = s.stopId
                    ORDER BY f.rank, s.id
                    """, [words.map { "\"\($0)\"" }.joined(separator: " "), Self.rankedAtMost, limit]).map(TourArchive.summary)
            case .postgres:
                // Each word as a lexeme of its own (quoted, so no word is read as an operator), all of them required.
                // Each hit's song and stop are looked up by their keys. Joined as sets, PostgreSQL read the whole song
                // table for a page of fifty, and the whole stop table once for each hit; a plain LATERAL is flattened
                // into the same join, so each lookup is kept apart (OFFSET 0). A broad search at 5,000 songs: 7 ms,
                // then 3.1 ms with the song table read whole, 2.4 ms so (EXPLAIN ANALYZE, the same hits).
                //
                // The matches are found by `songbridgeMatches` (the PostgreSQL schema's pg4, which says why),
                // through the words' GIN index, never by reading the table in order: the function tells the
                // planner so for its own statement, with no round trips to set and reset the hint.
                let terms = words.map { "'" + $0.lowercased() + "'" }.joined(separator: " & ")
                return try db.rows("""
                    SELECT \(TourArchive.summaryColumns)
                    FROM (SELECT songId, rank FROM songbridgeMatches(to_tsquery('songbridge', ?), ?) ORDER BY rank DESC, songId LIMIT ?) f
                    CROSS JOIN LATERAL (SELECT s.id, s.title, s.themes, s.style, s.stopId FROM song s WHERE s.id = f.songId OFFSET 0) s
                    LEFT JOIN LATERAL (SELECT st.place, st.nation, st.date FROM stop st WHERE st.id = s.stopId OFFSET 0) st ON true
                    ORDER BY f.rank DESC, s.id
                    """, [terms, Self.rankedAtMost, limit]).map(TourArchive.summary)
            }
        }
    }

    /// Every tour stop, by date.
    public func stops() throws(ArchiveError) -> [TourStop] {
        try query { db in
            // NULL dates first, as SQLite orders them.
            try db.rows("SELECT \(TourStop.columns) FROM stop ORDER BY date NULLS FIRST, place").map(TourStop.init(sqlRow:))
        }
    }

    /// How many songs each stop holds, by stop id (stops without songs are absent).
    public func songCounts() throws(ArchiveError) -> [String: Int] {
        try query { db in
            var counts: [String: Int] = [:]
            for row in try db.rows("SELECT stopId, COUNT(*) AS n FROM song WHERE stopId IS NOT NULL GROUP BY stopId") {
                if let stop: String = row[0] { counts[stop] = row[1] ?? 0 }
            }
            return counts
        }
    }
}
