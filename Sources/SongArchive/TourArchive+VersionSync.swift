import Foundation
import GRDB
import SongCore
import SongText

extension TourArchive {
    // MARK: - Versions between laptops

    /// The versions to send: those made or arrived after `cursor` (a network sync: the peer holds everything
    /// before), or, with `since` (a bundle), every version of each song that has one made since, so the receiver
    /// can place it on its parents. Each after its parents.
    static func syncVersions(since: String?, after cursor: Int?, _ db: Database) throws -> [SyncChanges.VersionRecord] {
        let rows: [Row]
        if let since {
            rows = try Row.fetchAll(db, sql: """
                SELECT v.*, s.uid AS songUID FROM version v JOIN song s ON s.id = v.songId
                WHERE v.songId IN (SELECT songId FROM version WHERE createdAt >= ?1 AND (?2 IS NULL OR arrived > ?2))
                ORDER BY v.arrived, v.songId, v.number
                """, arguments: [since, cursor])
        } else {
            rows = try Row.fetchAll(db, sql: """
                SELECT v.*, s.uid AS songUID FROM version v JOIN song s ON s.id = v.songId
                WHERE ?1 IS NULL OR v.arrived > ?1 ORDER BY v.arrived, v.songId, v.number
                """, arguments: [cursor])
        }
        let archive = try String.fetchOne(db, sql: "SELECT value FROM secret WHERE name = 'archive-id'") ?? ""
        return try rows.map { row in
            let song = try parseVersion(row["chordpro"], sha256: row["sha256"], song: row["songId"], number: row["number"])
            return SyncChanges.VersionRecord(uid: row["uid"], song: row["songUID"], parents: VersionNode.uids(in: row["parents"]), merged: VersionNode.uids(in: row["merged"]),
                                             text: try portable(song, db), createdAt: row["createdAt"],
                                             origin: .init(archive: row["madeIn"] ?? archive, by: row["madeBy"] ?? ""))
        }
    }

    /// A version's song as it travels: every person and the stop named by global id, with no name and the most
    /// private consent (the receiver fills in its own), as ChordPro.
    static func portable(_ song: Song, _ db: Database) throws -> String {
        var song = song
        var uids: [String: String] = [:]
        for person in song.provenance.contributors {
            guard let uid = try String.fetchOne(db.cachedStatement(sql: "SELECT uid FROM contributor WHERE id = ?"), arguments: [person.id]) else {
                throw ArchiveError("a version names \(person.id), who is not in this archive; it cannot be sent", kind: .invalid)
            }
            uids[person.id] = uid
        }
        song.provenance.contributors = song.provenance.contributors.map { p in
            Contributor(id: uids[p.id] ?? p.id, name: nil, generation: p.generation, role: p.role, consent: .default, guardianConsent: false)
        }
        song.provenance.credits = song.provenance.credits.map { c in
            var c = c
            c.contributors = c.contributors.map { uids[$0] ?? $0 }
            return c
        }
        if let stop = song.provenance.stop, let uid = try String.fetchOne(db, sql: "SELECT uid FROM stop WHERE id = ?", arguments: [stop.id]) {
            song.provenance.stop?.id = uid
        }
        return ChordProWriter.write(song)
    }
}
