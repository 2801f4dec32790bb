import Foundation
import SongCore
import SongText

extension TourArchive {
    // MARK: - Versions between laptops

    /// The versions to send: those made or arrived after `cursor` (a network sync: the peer holds everything
    /// before), or, with `since` (a bundle), every version of each song that has one made since, so the receiver
    /// can place it on its parents. Each after its parents.
    static func syncVersions(since: String?, after cursor: Int?, _ db: any SQLSession) throws -> [SyncChanges.VersionRecord] {
        let rows: [SQLRow]
        // (A cursor of 0 is before everything: every record arrived at 1 or later.)
        let after = cursor ?? 0
        let columns = "v.uid, s.uid AS songUID, v.parents, v.merged, v.chordpro, v.sha256, v.songId, v.number, v.createdAt, v.madeIn, v.madeBy"
        if let since {
            rows = try db.rows("""
                SELECT \(columns) FROM version v JOIN song s ON s.id = v.songId
                WHERE v.songId IN (SELECT songId FROM version WHERE createdAt >= ? AND arrived > ?)
                ORDER BY v.arrived, v.songId, v.number
                """, [since, after])
        } else {
            rows = try db.rows("""
                SELECT \(columns) FROM version v JOIN song s ON s.id = v.songId
                WHERE v.arrived > ? ORDER BY v.arrived, v.songId, v.number
                """, [after])
        }
        let archive = try db.value("SELECT value FROM secret WHERE name = 'archive-id'", as: String.self) ?? ""
        return try rows.map { row in
            let song = try parseVersion(row[4] ?? "", sha256: row[5], song: row[6] ?? 0, number: row[7] ?? 0)
            return SyncChanges.VersionRecord(uid: row[0] ?? "", song: row[1] ?? "", parents: VersionNode.uids(in: row[2] ?? ""), merged: VersionNode.uids(in: row[3] ?? ""),
                                             text: try portable(song, db), createdAt: row[8] ?? "",
                                             origin: .init(archive: row[9] ?? archive, by: row[10] ?? ""))
        }
    }

    /// A version's song as it travels: every person and the stop named by global id, with no name and the most
    /// private consent (the receiver fills in its own), as ChordPro.
    static func portable(_ song: Song, _ db: any SQLSession) throws -> String {
        var song = song
        var uids: [String: String] = [:]
        for person in song.provenance.contributors {
            guard let uid = try db.value("SELECT uid FROM contributor WHERE id = ?", [person.id], as: String.self) else {
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
        if let stop = song.provenance.stop, let uid = try db.value("SELECT uid FROM stop WHERE id = ?", [stop.id], as: String.self) {
            song.provenance.stop?.id = uid
        }
        return ChordProWriter.write(song)
    }
}
