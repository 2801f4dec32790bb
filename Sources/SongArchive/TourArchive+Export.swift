import Foundation
import GRDB
import SongCore
import SongText

extension TourArchive {
    // MARK: - Export and backup

    /// Writes a song's newest version as ChordPro to `folder`; `publicOnly` applies consent (the public projection).
    @discardableResult
    public func export(song id: Int64, to folder: URL, publicOnly: Bool) throws(ArchiveError) -> URL {
        var song = try song(id)
        if publicOnly { song = try publicSong(song) }
        let name = TourArchive.fileName(song.metadata.title ?? "song-\(id)")
        let url = folder.appendingPathComponent(name + ".cho")
        do { try AtomicFile.write(Data(ChordProWriter.write(song).utf8), to: url.path) } catch {
            throw ArchiveError("cannot write \(url.path): \(error)", kind: .cannotWrite)
        }
        return url
    }

    /// The song with every contributor's consent as the archive has it now (a version keeps the consent of its day),
    /// and their names as the viewer may read them.
    public func withCurrentConsent(_ song: Song) throws(ArchiveError) -> Song {
        try query { db in try TourArchive.currentConsent(song, db) }
    }

    /// The song as the public projection needs it: everyone's consent as it is now, and each person's name as it
    /// was written down, whichever organisation wrote it, whoever is reading. The projection shows a name only as
    /// far as consent allows, but it needs the name itself to find it in free text (`{composer: Sam Reed}`, a
    /// subtitle, a copyright line) and take it out or shorten it there: read as the viewer reads it, a public
    /// request (which sees no private name) left a withdrawn person's name, or the full name of someone credited
    /// by initials, in the free text of every public output of a server beyond loopback.
    static func consentForProjection(_ song: Song, _ db: any SQLSession) throws -> Song {
        guard !song.provenance.contributors.isEmpty else { return song }
        return try asEveryone(db) { try currentConsent(song, $0) }
    }

    /// The same, with names as the session's viewer may read them, inside a read or write.
    static func currentConsent(_ song: Song, _ db: any SQLSession) throws -> Song {
        var s = song
        let ids = song.provenance.contributors.map(\.id)
        guard !ids.isEmpty else { return s }
        let people = try people(ids, db)
        let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        s.provenance.contributors = song.provenance.contributors.map { p in
            guard let now = byID[p.id] else { return p }
            var updated = p
            // The name as this viewer may read it: the name itself for its own organisation, otherwise as much of
            // it as consent shows (the version's text holds the name as it was written at the merge).
            updated.name = now.name
            updated.consent = now.consent
            updated.guardianConsent = now.guardianConsent
            return updated
        }
        return s
    }

    /// The people with `ids` as `db`'s viewer reads them (only these: an archive of a whole tour holds thousands).
    static func people(_ ids: [String], _ db: any SQLSession) throws -> [Contributor] {
        try SQLBatch.chunks(Array(Set(ids)).sorted()).flatMap { chunk in
            try db.rows("\(Contributor.selection(db)) WHERE p.id IN (\(SQLBatch.marks(chunk.count)))", Array(chunk)).map(Contributor.init(sqlRow:))
        }
    }

    /// A digest of everything the public projection reads of the people with `ids` (as `consentForProjection` reads
    /// them: their consent, their guardian's, their generation and role, their name). Of one version's text, two
    /// equal digests give the same public song, so a page kept under it is shown only while it is what the public
    /// may see: a withdrawal, or any change to how someone is credited, makes another digest.
    public func projectionDigest(people ids: [String]) throws(ArchiveError) -> String {
        try query { db in
            let people = try TourArchive.asEveryone(db) { try TourArchive.people(ids, $0) }
            var text = "people 1\u{0}" + Array(Set(ids)).sorted().joined(separator: ",") + "\u{0}"
            for p in people.sorted(by: { $0.id < $1.id }) {
                text += [p.id, p.name ?? "\u{1}", p.generation.rawValue, p.role.rawValue, p.consent.rawValue, p.guardianConsent ? "1" : "0"].joined(separator: "\u{1F}")
                text += "\u{1E}"
            }
            return SHA256.hex(text)
        }
    }

    /// A file name from a title: lower-case letters and digits, hyphens between words, accents taken off ("Cân y
    /// Cwm" is `can-y-cwm`), as not every unzip tool, file system or browser reads other letters in names.
    public static func fileName(_ title: String) -> String {
        title.folding(options: .diacriticInsensitive, locale: Locale(identifier: "en_GB")).lowercased()
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
    }

    /// How many songs the archive holds.
    public func songCount() throws(ArchiveError) -> Int {
        try query { db in try db.value("SELECT COUNT(*) FROM song", as: Int.self) ?? 0 }
    }

    /// Every song id, oldest first.
    public func songIDs() throws(ArchiveError) -> [Int64] {
        try query { db in try db.values("SELECT id FROM song ORDER BY id", as: Int64.self) }
    }

    /// Copies the archive with SQLite's online backup, safe while others write.
    public func backup(to path: String) throws(ArchiveError) {
        let pool = try sqlite(for: "songbridge backup").pool
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
