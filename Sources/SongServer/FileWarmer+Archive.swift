import Foundation
import Logging
import PostgresArchive
import SongArchive

extension FileWarmer {
    /// Warms what a server reads at every cold request, as it starts: the kept parts' file, and the archive file
    /// on a laptop. On PostgreSQL, once the kept file is read, the archive's tables and indexes too, through the
    /// database's pg_prewarm extension where it is installed: in the room left of half the memory free when the
    /// database runs on this machine, else in half of what its administrator says caches it.
    static func warmServer(archive: TourArchive, keptPath: String?, archivePath: String, logger: Logger) {
        guard let postgres = archive.backend as? PostgresBackend else {
            return warm((keptPath.map { [$0] } ?? []) + [archivePath], logger: logger)
        }
        warm(keptPath.map { [$0] } ?? [], logger: logger) { warmed in
            let here = postgres.place.socketFolder != nil || ["localhost", "127.0.0.1", "::1"].contains(postgres.place.host ?? "")
            let room = here ? availableMemory().map { max(0, $0 / 2 - warmed.bytes) } : nil
            BackgroundThread.start(name: "prewarm", niceness: niceness) {
                let started = Date()
                do {
                    guard let done = try postgres.prewarm(room: room) else {
                        return logger.info("the archive's tables warm as they are read: the database has no pg_prewarm (CREATE EXTENSION pg_prewarm, as its superuser, reads them at each start)")
                    }
                    let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
                    logger.info("PostgreSQL read \(done.bytes >> 20) MB of the archive's \(done.relations) tables and indexes into memory in \(seconds) s\(done.leftOut > 0 ? "; \(done.leftOut) did not fit" : "")")
                } catch {
                    logger.warning("the archive's tables were not read into memory: \(error)")
                }
            }
        }
    }
}
