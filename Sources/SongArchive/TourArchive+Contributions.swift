import Arrangement
import Foundation
import GRDB
import Lyrics
import SongCore
import SongText

extension TourArchive {
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
        _ = try TourArchive.read(Contribution(kind: kind, payload: payload, section: section, line: line, contributors: people), checkingLimits: true)
        return try write("contribute", detail: "song \(song) \(kind.rawValue)") { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM song WHERE id = ?", arguments: [song]) != nil else { throw ArchiveError("no song with id \(song)", kind: .notFound) }
            for p in people where try Row.fetchOne(db, sql: "SELECT 1 FROM contributor WHERE id = ?", arguments: [p]) == nil {
                throw ArchiveError("no contributor with id \(p)", kind: .notFound)
            }
            if let session, try Row.fetchOne(db, sql: "SELECT 1 FROM session WHERE id = ?", arguments: [session]) == nil {
                throw ArchiveError("no session \(session)", kind: .notFound)
            }
            try db.execute(sql: "INSERT INTO contribution (songId, kind, payload, section, line, status, sessionId, createdAt) VALUES (?, ?, ?, ?, ?, 'proposed', ?, ?)",
                           arguments: [song, kind.rawValue, payload, section, line, session, TourArchive.now])
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
                if checkingLimits { try TourArchive.checkLimits(tune.melody) }
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
}
