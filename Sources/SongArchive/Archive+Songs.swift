import Arrangement
import Foundation
import GRDB
import Lyrics
import SongCore
import SongText

extension Archive {
    // MARK: - Songs

    /// Starts a song with no contributions yet.
    @discardableResult
    public func newSong(title: String, stop: String? = nil, key: Key? = nil, meter: Meter? = nil) throws(ArchiveError) -> Int64 {
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw ArchiveError("a song needs a title", kind: .invalid) }
        if let problem = OneLineText.problem(title, what: "the title") { throw ArchiveError(problem, kind: .invalid) }
        return try write("song new", detail: title) { db in
            if let stop, try Row.fetchOne(db, sql: "SELECT 1 FROM stop WHERE id = ?", arguments: [stop]) == nil { throw ArchiveError("no stop with id \(stop)", kind: .notFound) }
            try db.execute(sql: "INSERT INTO song (title, stopId, key, meter, createdAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [title, stop, key?.description, meter?.description, Archive.now])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO songSearch (rowid, title, words, place, themes) VALUES (?, ?, '', ?, '')",
                           arguments: [id, title, try Archive.place(of: stop, db)])
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
            if let stop = song.provenance.stop, try Row.fetchOne(db, sql: "SELECT 1 FROM stop WHERE id = ?", arguments: [stop.id]) == nil {
                try Archive.insert(stop, db)
            }
            for person in song.provenance.contributors where try Row.fetchOne(db, sql: "SELECT 1 FROM contributor WHERE id = ?", arguments: [person.id]) == nil {
                try Archive.insert(person, db)
            }
            try db.execute(sql: "INSERT INTO song (title, stopId, key, meter, themes, style, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [title, stopID, song.metadata.key?.description, song.metadata.meter?.description, song.metadata.themes.joined(separator: ", "),
                                       song.metadata.style, Archive.now])
            let songID = db.lastInsertedRowID
            for credit in song.provenance.credits {
                let (kind, payload) = Archive.payload(for: credit, in: song)
                try db.execute(sql: "INSERT INTO contribution (songId, kind, payload, section, line, status, mergedIn, createdAt) VALUES (?, ?, ?, ?, ?, 'accepted', 1, ?)",
                               arguments: [songID, kind.rawValue, payload, credit.section, credit.lines.first, Archive.now])
                let cid = db.lastInsertedRowID
                for person in Set(credit.contributors) {
                    try db.execute(sql: "INSERT INTO contributionContributor (contributionId, contributorId) VALUES (?, ?)", arguments: [cid, person])
                }
            }
            let holdsWithdrawn = song.provenance.contributors.contains { $0.consent == .withdrawn }
            let text = ChordProWriter.write(song)
            try db.execute(sql: "INSERT INTO version (songId, number, parentNumber, chordpro, sha256, report, holdsWithdrawn, createdAt) VALUES (?, 1, NULL, ?, ?, ?, ?, ?)",
                           arguments: [songID, text, SHA256.hex(text), "{\"imported\":true}", holdsWithdrawn, Archive.now])
            try Archive.index(songID, song, db)
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

    // MARK: - Contributions

    /// Adds a contribution after checking its payload reads (words, chords, an ABC melody, a structure), filed
    /// under a session when one is given.
    @discardableResult
    public func contribute(song: Int64, by people: [String], kind: Contribution.Kind, payload: String, section: String? = nil, line: Int? = nil,
                           session: Int64? = nil) throws(ArchiveError) -> Int64 {
        guard !people.isEmpty else { throw ArchiveError("a contribution needs at least one contributor", kind: .invalid) }
        if let section, let problem = OneLineText.problem(section, what: "the section") { throw ArchiveError(problem, kind: .invalid) }
        guard payload.utf8.count <= SongLimits.songTextBytes else {
            throw ArchiveError("the contribution is larger than \(SongLimits.songTextBytes >> 20) MB", kind: .tooLarge)
        }
        _ = try Archive.read(Contribution(kind: kind, payload: payload, section: section, line: line, contributors: people), checkingLimits: true)
        return try write("contribute", detail: "song \(song) \(kind.rawValue)") { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM song WHERE id = ?", arguments: [song]) != nil else { throw ArchiveError("no song with id \(song)", kind: .notFound) }
            for p in people where try Row.fetchOne(db, sql: "SELECT 1 FROM contributor WHERE id = ?", arguments: [p]) == nil {
                throw ArchiveError("no contributor with id \(p)", kind: .notFound)
            }
            if let session, try Row.fetchOne(db, sql: "SELECT 1 FROM session WHERE id = ?", arguments: [session]) == nil {
                throw ArchiveError("no session \(session)", kind: .notFound)
            }
            try db.execute(sql: "INSERT INTO contribution (songId, kind, payload, section, line, status, sessionId, createdAt) VALUES (?, ?, ?, ?, ?, 'proposed', ?, ?)",
                           arguments: [song, kind.rawValue, payload, section, line, session, Archive.now])
            let id = db.lastInsertedRowID
            for p in Set(people) { try db.execute(sql: "INSERT INTO contributionContributor (contributionId, contributorId) VALUES (?, ?)", arguments: [id, p]) }
            return id
        }
    }

    /// Reads a contribution's payload into song parts; an unreadable payload is an error naming the problem. With
    /// `checkingLimits` (when it is contributed), a structure that repeats a section more than the limits allow, a
    /// tempo outside them, or a melody longer than a rendered song may be is refused too.
    static func read(_ c: Contribution, checkingLimits: Bool = false) throws(ArchiveError) -> MergePiece {
        switch c.kind {
        case .lyrics:
            guard !c.payload.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw ArchiveError("the words are empty", kind: .invalid) }
            do {
                let songs = try ChordProReader.read(c.payload, name: "contribution").value
                let lines = songs.flatMap(\.sections).flatMap(\.lines).filter { $0.words != nil }
                return MergePiece(contribution: c, lines: lines)
            } catch { throw ArchiveError("the words do not read:\n\(error)", kind: .invalid) }
        case .chords:
            var chords: [ChordSymbol] = []
            for token in c.payload.split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "," || $0 == "\n" }) {
                do { chords.append(try ChordSymbol(parsing: token)) } catch { throw ArchiveError("the chords do not read: \(error)", kind: .invalid) }
            }
            guard !chords.isEmpty else { throw ArchiveError("the chord progression is empty", kind: .invalid) }
            return MergePiece(contribution: c, chords: chords)
        case .melody:
            do {
                guard let tune = try ABCReader.read(c.payload, name: "melody").value.tunes.first, !tune.melody.notes.isEmpty else {
                    throw ArchiveError("the melody has no notes", kind: .invalid)
                }
                if checkingLimits { try Archive.checkLimits(tune.melody) }
                return MergePiece(contribution: c, melody: tune.melody)
            } catch let e as ArchiveError { throw e } catch { throw ArchiveError("the ABC melody does not read:\n\(error)", kind: .invalid) }
        case .structure:
            let (form, problem) = FormItem.list(c.payload)
            if checkingLimits, let problem { throw ArchiveError("the structure is too long: \(problem)", kind: .tooLarge) }
            if checkingLimits, let label = form.lazy.compactMap({ OneLineText.problem($0.section, what: "a section's name") }).first {
                throw ArchiveError(label, kind: .invalid)
            }
            guard !form.isEmpty else { throw ArchiveError("the structure names no sections (e.g. Verse 1, Chorus, Verse 2)", kind: .invalid) }
            return MergePiece(contribution: c, form: form)
        case .idea:
            return MergePiece(contribution: c)
        }
    }

    /// A contributed melody within the limits: its tempo changes in the range a song may ask for, and its length,
    /// played at the slowest tempo scale a listener may choose, no longer than the longest arrangement.
    static func checkLimits(_ melody: Melody) throws(ArchiveError) {
        let slowest = 0.25
        for tempo in [melody.tempo].compactMap({ $0 }) + melody.elements.compactMap({ if case .tempo(let t) = $0 { t } else { nil } }) {
            guard SongLimits.tempoRange.contains(tempo.beatsPerMinute) else {
                throw ArchiveError("a tempo of \(tempo.beatsPerMinute.formatted()) beats a minute is outside \(Int(SongLimits.tempoRange.lowerBound))–\(Int(SongLimits.tempoRange.upperBound))", kind: .invalid)
            }
        }
        let tempo = melody.tempo ?? Tempo(100, beat: melody.meter.pulse)
        let seconds = tempo.seconds(for: melody.playedDuration) / slowest
        guard seconds <= SongLimits.arrangedSeconds else {
            throw ArchiveError("the melody plays for \(Int(seconds / 60)) minutes at the slowest speed a listener may choose; at most \(Int(SongLimits.arrangedSeconds / 60))", kind: .tooLarge)
        }
    }

    /// Accepts or rejects a contribution.
    public func setStatus(_ id: Int64, _ status: Contribution.Status) throws(ArchiveError) {
        try write(status.rawValue, detail: "contribution \(id)") { db in
            try db.execute(sql: "UPDATE contribution SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
            guard db.changesCount == 1 else { throw ArchiveError("no contribution with id \(id)", kind: .notFound) }
        }
    }

    // MARK: - Versions

    /// Merges the song's accepted contributions not yet in a version into a new version; returns it and its report.
    public func merge(song id: Int64) throws(ArchiveError) -> (version: Int, report: MergeReport) {
        try write("merge", detail: "song \(id)") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM song WHERE id = ?", arguments: [id]) else { throw ArchiveError("no song with id \(id)", kind: .notFound) }
            // The newest version is what the new one is built on: one that is damaged or does not read stops the
            // merge (rebuilding from the song's row alone would silently drop everything merged before).
            let latest = try Archive.newestVersion(of: id, db)
            var base: Song
            if let latest {
                base = try latest.read()
            } else {
                var meta = SongMetadata(title: row["title"])
                meta.key = (row["key"] as String?).flatMap { Key($0) }
                meta.meter = (row["meter"] as String?).flatMap { Meter($0) }
                base = Song(metadata: meta)
                if let stopID = row["stopId"] as String?, let s = try Row.fetchOne(db, sql: "SELECT * FROM stop WHERE id = ?", arguments: [stopID]) {
                    base.provenance.stop = TourStop(id: s["id"], place: s["place"], nation: TourStop.Nation(rawValue: s["nation"]) ?? .england,
                                                    venue: TourStop.Venue(rawValue: s["venue"]) ?? .other, date: s["date"],
                                                    partners: (s["partners"] as String).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                }
            }
            let number = (latest?.number ?? 0) + 1
            var pieces: [MergePiece] = []
            for c in try Row.fetchAll(db, sql: "SELECT * FROM contribution WHERE songId = ? AND status = 'accepted' AND mergedIn IS NULL ORDER BY id", arguments: [id]) {
                let people = try String.fetchAll(db, sql: "SELECT contributorId FROM contributionContributor WHERE contributionId = ? ORDER BY contributorId", arguments: [c["id"] as Int64])
                let contribution = Contribution(id: c["id"], kind: Contribution.Kind(rawValue: c["kind"]) ?? .idea, payload: c["payload"], section: c["section"], line: c["line"], contributors: people, status: .accepted)
                pieces.append(try Archive.read(contribution))
            }
            let people = try Row.fetchAll(db, sql: "SELECT * FROM contributor ORDER BY id").map(Archive.contributor)
            // Everyone's consent as it is now.
            base.provenance.contributors = base.provenance.contributors.map { p in people.first { $0.id == p.id } ?? p }
            let (song, report) = Merger.merge(base: base, pieces: pieces, people: people)
            let reportJSON: String
            do { reportJSON = String(decoding: try JSONEncoder().encode(report), as: UTF8.self) } catch {
                throw ArchiveError("the merge report could not be written (\(error)); nothing was changed", kind: .invalid)
            }
            let holdsWithdrawn = song.provenance.contributors.contains { $0.consent == .withdrawn }
            let text = ChordProWriter.write(song)
            // What is stored must read back: a version that would not is refused now, not found broken later.
            guard (try? ChordProReader.read(text, name: "song \(id)").value.first) != nil else {
                throw ArchiveError("the merged song does not read back as ChordPro; nothing was changed", kind: .invalid)
            }
            try db.execute(sql: "INSERT INTO version (songId, number, parentNumber, chordpro, sha256, report, holdsWithdrawn, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [id, number, number > 1 ? number - 1 : nil, text, SHA256.hex(text), reportJSON, holdsWithdrawn, Archive.now])
            for merged in report.merged { try db.execute(sql: "UPDATE contribution SET mergedIn = ? WHERE id = ?", arguments: [number, merged]) }
            try Archive.index(id, song, db)
            return (number, report)
        }
    }

    /// A version of a song (the newest when `number` is nil).
    public func song(_ id: Int64, version number: Int? = nil) throws(ArchiveError) -> Song {
        try numberedSong(id, version: number).song
    }

    /// A version of a song (the newest when `number` is nil) with its number, read together, so a page can say
    /// which version it shows.
    public func numberedSong(_ id: Int64, version number: Int? = nil) throws(ArchiveError) -> (number: Int, song: Song) {
        let cache = versionCache
        let found: (Int, Song?)? = try read { db in
            let wanted = try number.map { n in
                try Int.fetchOne(db, sql: "SELECT number FROM version WHERE songId = ? AND number = ?", arguments: [id, n])
            } ?? Int.fetchOne(db, sql: "SELECT MAX(number) FROM version WHERE songId = ?", arguments: [id])
            guard let wanted else { return nil }
            if let parsed = cache.get(VersionKey(song: id, number: wanted)) { return (wanted, parsed) }
            let row = try Row.fetchOne(db, sql: "SELECT chordpro, sha256 FROM version WHERE songId = ? AND number = ?", arguments: [id, wanted])
            return (wanted, try Archive.parseVersion(row?["chordpro"] ?? "", sha256: row?["sha256"], song: id, number: wanted))
        }
        guard let (wanted, parsed) = found, let song = parsed else {
            throw ArchiveError(number.map { "song \(id) has no version \($0)" } ?? "song \(id) has no version yet (merge it first)", kind: .notFound)
        }
        cache.put(VersionKey(song: id, number: wanted), song)
        return (wanted, song)
    }

    /// The newest stored version of a song, not yet read: its number and a way to read it (checked).
    static func newestVersion(of id: Int64, _ db: Database) throws -> (number: Int, read: () throws(ArchiveError) -> Song)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT number, chordpro, sha256 FROM version WHERE songId = ? ORDER BY number DESC LIMIT 1", arguments: [id]) else {
            return nil
        }
        let (number, text, sha256): (Int, String, String?) = (row["number"], row["chordpro"], row["sha256"])
        return (number, { () throws(ArchiveError) -> Song in try parseVersion(text, sha256: sha256, song: id, number: number) })
    }

    /// A stored version's text as a song, after checking it is the text that was stored (its SHA-256); a damaged
    /// or unreadable version is an error naming the song and version, and is never parsed or built on.
    static func parseVersion(_ text: String, sha256: String?, song id: Int64, number: Int) throws(ArchiveError) -> Song {
        if let sha256, SHA256.hex(text) != sha256 {
            throw ArchiveError("version \(number) of song \(id) is damaged: its text is not what was stored (the checksum differs); restore the archive from a backup", kind: .invalid)
        }
        do {
            guard let song = try ChordProReader.read(text, name: "song \(id) version \(number)").value.first else {
                throw ArchiveError("version \(number) of song \(id) holds no song", kind: .invalid)
            }
            return song
        } catch let e as ArchiveError { throw e } catch {
            throw ArchiveError("version \(number) of song \(id) does not read: \(String(describing: error).split(separator: "\n").first ?? "")", kind: .invalid)
        }
    }

    /// The newest version's number and when it was made: one indexed lookup, for a page that watches for a new
    /// draft.
    public func latestVersion(_ id: Int64) throws(ArchiveError) -> (number: Int, createdAt: String) {
        let found: (number: Int, createdAt: String)?? = try read { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM song WHERE id = ?)", arguments: [id]) == true else { return nil }
            return .some(try Row.fetchOne(db, sql: "SELECT number, createdAt FROM version WHERE songId = ? ORDER BY number DESC LIMIT 1", arguments: [id])
                .map { (number: $0[0], createdAt: $0[1]) })
        }
        guard let exists = found else { throw ArchiveError("no song \(id)", kind: .notFound) }
        guard let latest = exists else { throw ArchiveError("song \(id) has no version yet (merge it first)", kind: .notFound) }
        return latest
    }

    /// The version numbers of a song, oldest first, and whether each holds withdrawn people's work.
    public func versions(_ id: Int64) throws(ArchiveError) -> [(number: Int, createdAt: String, holdsWithdrawn: Bool)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT number, createdAt, holdsWithdrawn FROM version WHERE songId = ? ORDER BY number", arguments: [id])
                .map { ($0["number"], $0["createdAt"], $0["holdsWithdrawn"]) }
        }
    }

    // MARK: - Finding songs

    /// Songs, filtered by stop, nation, generation of a contributor, year, style or theme; by title; a page of
    /// them when `limit` is given.
    public func list(stop: String? = nil, nation: String? = nil, generation: String? = nil, year: String? = nil,
                     style: String? = nil, theme: String? = nil, limit: Int? = nil, offset: Int = 0) throws(ArchiveError) -> [ArchivedSong] {
        try read { db in
            var sql = """
                SELECT s.id, s.title, s.themes, s.style, st.place, st.nation, st.date, (SELECT MAX(number) FROM version v WHERE v.songId = s.id) AS latest
                FROM song s LEFT JOIN stop st ON st.id = s.stopId WHERE 1
                """
            var args: [(any DatabaseValueConvertible)?] = []
            if let stop { sql += " AND s.stopId = ?"; args.append(stop) }
            if let nation { sql += " AND st.nation = ?"; args.append(nation) }
            if let year { sql += " AND st.date LIKE ?"; args.append("\(year)-%") }
            if let style { sql += " AND s.style = ?"; args.append(style) }
            // Themes are stored as "seaside, memories"; a theme matches one of them whole, in any case.
            if let theme { sql += " AND instr(',' || lower(replace(s.themes, ', ', ',')) || ',', ',' || lower(?) || ',') > 0"; args.append(theme.trimmingCharacters(in: .whitespaces)) }
            if let generation {
                sql += " AND EXISTS (SELECT 1 FROM contribution c JOIN contributionContributor cc ON cc.contributionId = c.id JOIN contributor p ON p.id = cc.contributorId WHERE c.songId = s.id AND p.generation = ?)"
                args.append(generation)
            }
            sql += " ORDER BY s.title, s.id"
            if let limit { sql += " LIMIT ? OFFSET ?"; args += [limit, offset] }
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Archive.summary)
        }
    }

    /// The songs changed most recently (by their newest version), newest first.
    public func recent(limit: Int = 10) throws(ArchiveError) -> [ArchivedSong] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, s.title, s.themes, s.style, st.place, st.nation, st.date, v.number AS latest
                FROM version v JOIN song s ON s.id = v.songId LEFT JOIN stop st ON st.id = s.stopId
                WHERE v.number = (SELECT MAX(number) FROM version WHERE songId = s.id)
                ORDER BY v.createdAt DESC, v.id DESC LIMIT ?
                """, arguments: [limit]).map(Archive.summary)
        }
    }

    /// A listed song from a row of `SELECT s.id, s.title, s.themes, s.style, st.place, st.nation, st.date, latest`
    /// (by position: looking columns up by name was a fifth of a song list's time).
    static func summary(_ r: Row) -> ArchivedSong {
        let themes: String = r[2] ?? ""
        return ArchivedSong(id: r[0], title: r[1], place: r[4], nation: r[5], date: r[6], style: r[3],
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

    /// Full-text search over titles, words, places and themes, best match first (FTS5's bm25, titles weighted).
    public func search(_ text: String, limit: Int = 50) throws(ArchiveError) -> [ArchivedSong] {
        let terms = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { "\"\($0)\"" }
        guard !terms.isEmpty else { return [] }
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, s.title, s.themes, s.style, st.place, st.nation, st.date, (SELECT MAX(number) FROM version v WHERE v.songId = s.id) AS latest
                FROM songSearch f JOIN song s ON s.id = f.rowid LEFT JOIN stop st ON st.id = s.stopId
                WHERE songSearch MATCH ? ORDER BY bm25(songSearch, 10.0, 1.0, 2.0, 2.0) LIMIT ?
                """, arguments: [terms.joined(separator: " "), limit]).map(Archive.summary)
        }
    }

    // MARK: - Export and backup

    /// Writes a song's newest version as ChordPro to `folder`; `publicOnly` applies consent (the public projection).
    @discardableResult
    public func export(song id: Int64, to folder: URL, publicOnly: Bool) throws(ArchiveError) -> URL {
        var song = try song(id)
        if publicOnly { song = try publicSong(song) }
        let name = Archive.fileName(song.metadata.title ?? "song-\(id)")
        let url = folder.appendingPathComponent(name + ".cho")
        var info = stat()
        if lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            throw ArchiveError("cannot write \(url.path): it is not a regular file", kind: .cannotWrite)
        }
        do { try Data(ChordProWriter.write(song).utf8).write(to: url, options: .atomic) } catch {
            throw ArchiveError("cannot write \(url.path): \(error.localizedDescription)", kind: .cannotWrite)
        }
        return url
    }

    /// The song with every contributor's consent as the archive has it now (a version keeps the consent of its day).
    public func withCurrentConsent(_ song: Song) throws(ArchiveError) -> Song {
        try read { db in try Archive.currentConsent(song, db) }
    }

    /// The same, inside a read or write.
    static func currentConsent(_ song: Song, _ db: Database) throws -> Song {
        var s = song
        let ids = song.provenance.contributors.map(\.id)
        guard !ids.isEmpty else { return s }
        // Only this song's people (an archive of a whole tour holds thousands).
        let people = try Row.fetchAll(db, sql: "SELECT * FROM contributor WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))", arguments: StatementArguments(ids))
            .map(Archive.contributor)
        let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        s.provenance.contributors = song.provenance.contributors.map { p in
            guard let now = byID[p.id] else { return p }
            var updated = p
            updated.consent = now.consent
            updated.guardianConsent = now.guardianConsent
            return updated
        }
        return s
    }

    /// A file name from a title: lower case, letters and digits joined by hyphens, accents kept.
    /// A file name from a title: lower-case letters and digits, hyphens between words, accents taken off ("Cân y
    /// Cwm" is `can-y-cwm`), as not every unzip tool, file system or browser reads other letters in names.
    public static func fileName(_ title: String) -> String {
        title.folding(options: .diacriticInsensitive, locale: Locale(identifier: "en_GB")).lowercased()
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
    }

    /// Every song id, oldest first.
    public func songIDs() throws(ArchiveError) -> [Int64] {
        try read { db in try Int64.fetchAll(db, sql: "SELECT id FROM song ORDER BY id") }
    }

    /// Copies the archive with SQLite's online backup, safe while others write.
    public func backup(to path: String) throws(ArchiveError) {
        if FileManager.default.fileExists(atPath: path) { throw ArchiveError("\(path) already exists; choose a new file for the backup", kind: .conflict) }
        func removeWhatWasWritten() {
            for leftover in [path, path + "-journal", path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: leftover) }
        }
        do {
            // The queue is closed before anything is removed, so no journal is written after.
            try {
                let target = try DatabaseQueue(path: path)
                try pool.backup(to: target)
                try target.close()
            }()
        } catch let e as DatabaseError where e.resultCode == .SQLITE_FULL || e.extendedResultCode == .SQLITE_FULL || e.resultCode.rawValue == 13 {
            removeWhatWasWritten()
            throw ArchiveError("backup to \(path) failed: the disk is full; nothing was left behind", code: e.resultCode.rawValue, kind: .cannotWrite)
        } catch {
            removeWhatWasWritten()
            throw ArchiveError("backup to \(path) failed: \(error)", kind: .cannotWrite)
        }
    }
}

extension Archive {
    /// Every tour stop, by date.
    public func stops() throws(ArchiveError) -> [TourStop] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM stop ORDER BY date, place").map { s in
                TourStop(id: s["id"], place: s["place"], nation: TourStop.Nation(rawValue: s["nation"]) ?? .england,
                         venue: TourStop.Venue(rawValue: s["venue"]) ?? .other, date: s["date"],
                         partners: (s["partners"] as String).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            }
        }
    }

    /// How many songs each stop holds, by stop id (stops without songs are absent).
    public func songCounts() throws(ArchiveError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT stopId, COUNT(*) AS n FROM song WHERE stopId IS NOT NULL GROUP BY stopId") {
                counts[row["stopId"]] = row["n"]
            }
            return counts
        }
    }
}
