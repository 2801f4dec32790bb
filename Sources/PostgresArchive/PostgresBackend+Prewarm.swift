import Foundation
import SongArchive

/// What a warming of the archive's tables did.
public struct PostgresPrewarm: Sendable, Equatable {
    /// The tables and indexes read, and their bytes.
    public var relations: Int
    public var bytes: Int
    /// Those left unread, not fitting in the room given.
    public var leftOut: Int
    /// The bytes of them read into PostgreSQL's own shared buffers (the rest into the system's page cache alone).
    public var inBuffers: Int

    public init(relations: Int, bytes: Int, leftOut: Int, inBuffers: Int) {
        self.relations = relations
        self.bytes = bytes
        self.leftOut = leftOut
        self.inBuffers = inBuffers
    }
}

extension PostgresBackend {
    /// Reads the archive's tables, their indexes and their TOAST into the database server's memory with PostgreSQL's
    /// `pg_prewarm` extension, smallest first, as many as fit in `room` bytes (by default half of the server's
    /// `effective_cache_size`, its administrator's word for the memory that caches it): into PostgreSQL's shared
    /// buffers ('buffer' mode) while they fill no more than three quarters of them, the rest into the system's page
    /// cache alone ('read' mode), which a kernel may take back sooner. Nil when the extension is not installed in the
    /// database (`CREATE EXTENSION pg_prewarm`, which only a superuser may run). Each relation is read in a
    /// transaction of its own, so no snapshot is held for the whole; one dropped meanwhile is passed over.
    /// (pg_prewarm's modes and arguments: postgresql.org/docs/current/pgprewarm.html.)
    public func prewarm(room: Int? = nil) throws(ArchiveError) -> PostgresPrewarm? {
        // Whether the extension is there, and the two settings the room and the modes come from, in one statement.
        let (installed, cache, buffers): (Int, Int, Int) = try read { session in
            let row = try session.rows("""
                SELECT (SELECT count(*) FROM pg_extension WHERE extname = 'pg_prewarm'),
                       pg_size_bytes(current_setting('effective_cache_size')), pg_size_bytes(current_setting('shared_buffers'))
                """, []).first
            return (row?[0] ?? 0, row?[1] ?? 0, row?[2] ?? 0)
        }
        guard installed > 0 else { return nil }
        let budget = room ?? cache / 2
        let bufferRoom = buffers / 4 * 3
        // The schema's own tables, indexes and materialised views, and the TOAST tables (with their indexes) that
        // hold their long values.
        let relations: [(oid: Int64, bytes: Int)] = try read { session in
            try session.rows("""
                WITH own AS (SELECT oid FROM pg_namespace WHERE nspname = current_schema()),
                     toast AS (SELECT reltoastrelid AS oid FROM pg_class WHERE relnamespace IN (SELECT oid FROM own) AND reltoastrelid <> 0)
                SELECT c.oid::bigint AS oid, pg_relation_size(c.oid) AS bytes FROM pg_class c
                WHERE c.relkind IN ('r', 'i', 't', 'm')
                  AND (c.relnamespace IN (SELECT oid FROM own)
                       OR c.oid IN (SELECT oid FROM toast)
                       OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT oid FROM toast)))
                ORDER BY 2, 1
                """, []).compactMap { row in
                guard let oid: Int64 = row[0], let bytes: Int = row[1] else { return nil }
                return (oid, bytes)
            }
        }
        var chosen: [(oid: Int64, bytes: Int)] = []
        var planned = 0
        for relation in relations where relation.bytes > 0 && planned + relation.bytes <= budget {
            chosen.append(relation)
            planned += relation.bytes
        }
        var warmed = PostgresPrewarm(relations: 0, bytes: 0, leftOut: relations.count { $0.bytes > 0 } - chosen.count, inBuffers: 0)
        for (oid, size) in chosen {
            let mode = warmed.inBuffers + size <= bufferRoom ? "buffer" : "read"
            let read: Int? = try? read { session in
                try session.rows("SELECT pg_prewarm(?::oid::regclass, '\(mode)') * current_setting('block_size')::bigint AS bytes", [oid]).first?[0]
            }
            guard let read else { continue }
            warmed.relations += 1
            warmed.bytes += read
            if mode == "buffer" { warmed.inBuffers += read }
        }
        return warmed
    }
}
