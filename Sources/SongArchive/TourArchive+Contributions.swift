import Foundation
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
        // A bell or a terminal's escape in the words would act wherever they are printed; readers leave such
        // characters out with a warning, and a contribution, typed now, is asked for again without them.
        if let problem = OneLineText.problem(lines: payload, what: "the contribution's \(kind.rawValue)") { throw ArchiveError(problem, kind: .invalid) }
        _ = try TourArchive.read(Contribution(kind: kind, payload: payload, section: section, line: line, contributors: people), checkingLimits: true)
        return try change("contribute", detail: "song \(song) \(kind.rawValue)") { db in
            guard try db.exists("SELECT 1 FROM song WHERE id = ?", [song]) else { throw ArchiveError("no song with id \(song)", kind: .notFound) }
            for p in people where try !Contributor.exists(p, in: db) {
                throw ArchiveError("no contributor with id \(p)", kind: .notFound)
            }
            if let session, try !db.exists("SELECT 1 FROM session WHERE id = ?", [session]) {
                throw ArchiveError("no session \(session)", kind: .notFound)
            }
            if let take, try db.value("SELECT songId FROM take WHERE id = ?", [take], as: Int64.self) != song {
                throw ArchiveError("no take \(take) of song \(song)", kind: .notFound)
            }
            let id = try db.insert("INSERT INTO contribution (songId, kind, payload, section, line, status, sessionId, takeId, createdAt) VALUES (?, ?, ?, ?, ?, 'proposed', ?, ?, ?)",
                                   [song, kind.rawValue, payload, section, line, session, take, TourArchive.now])
            for p in Set(people).sorted() { try db.execute("INSERT INTO contributionContributor (contributionId, contributorId) VALUES (?, ?)", [id, p]) }
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
        try change(status.rawValue, detail: "contribution \(id)") { db in
            guard try db.execute("UPDATE contribution SET status = ? WHERE id = ?", [status.rawValue, id]) == 1 else {
                throw ArchiveError("no contribution with id \(id)", kind: .notFound)
            }
        }
    }
}
