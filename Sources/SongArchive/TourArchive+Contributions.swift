import Foundation
import GRDB
import SongMerge
import SongCore
import SongText

extension TourArchive {
    // MARK: - Contributions

    /// Adds a contribution after checking its payload reads (words, chords, an ABC melody, a structure), filed
    /// under a session when one is given, and referring to the take it was transcribed from, if any (a take of
    /// the same song).
    @discardableResult
    public func contribute(song: Int64, by people: [String], kind: Contribution.Kind, payload: String, section: String? = nil, line: Int? = nil,
                           session: Int64? = nil, take: String? = nil) throws(ArchiveError) -> Int64 {
        guard !people.isEmpty else { throw ArchiveError("a contribution needs at least one contributor", kind: .invalid) }
        if let section, let problem = OneLineText.problem(section, what: "the section") { throw ArchiveError(problem, kind: .invalid) }
        guard payload.utf8.count <= SongLimits.songTextBytes else {
            throw ArchiveError("the contribution is larger than \(SongLimits.songTextBytes >> 20) MB", kind: .tooLarge)
        }
        _ = try TourArchive.read(Contribution(kind: kind, payload: payload, section: section, line: line, contributors: people), checkingLimits: true)
        return try write("contribute", detail: "song \(song) \(kind.rawValue)") { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM song WHERE id = ?", arguments: [song]) != nil else { throw ArchiveError("no song with id \(song)", kind: .notFound) }
            for p in people where try !Contributor.exists(db, key: p) {
                throw ArchiveError("no contributor with id \(p)", kind: .notFound)
            }
            if let session, try Row.fetchOne(db, sql: "SELECT 1 FROM session WHERE id = ?", arguments: [session]) == nil {
                throw ArchiveError("no session \(session)", kind: .notFound)
            }
            if let take, try Int64.fetchOne(db, sql: "SELECT songId FROM take WHERE id = ?", arguments: [take]) != song {
                throw ArchiveError("no take \(take) of song \(song)", kind: .notFound)
            }
            try db.execute(sql: "INSERT INTO contribution (songId, kind, payload, section, line, status, sessionId, takeId, createdAt) VALUES (?, ?, ?, ?, ?, 'proposed', ?, ?, ?)",
                           arguments: [song, kind.rawValue, payload, section, line, session, take, TourArchive.now])
            let id = db.lastInsertedRowID
            for p in Set(people) { try db.execute(sql: "INSERT INTO contributionContributor (contributionId, contributorId) VALUES (?, ?)", arguments: [id, p]) }
            return id
        }
    }

    /// Reads a contribution's payload into song parts (SongMerge's rule), its refusal as the archive's.
    static func read(_ c: Contribution, checkingLimits: Bool = false) throws(ArchiveError) -> MergePiece {
        do { return try MergePiece(reading: c, checkingLimits: checkingLimits) } catch {
            throw ArchiveError(error.message, kind: error.isTooLarge ? .tooLarge : .invalid)
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
