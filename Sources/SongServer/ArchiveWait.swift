import Foundation
import Hummingbird
import Logging
import PostgresArchive
import SongArchive
import Synchronization

/// The server's responder: the routes once the archive is open (at once, usually). While a central archive
/// (PostgreSQL) cannot be reached at start, every request is answered 503 with Retry-After, and the archive is
/// opened again every `retry` until it can be; then the routes take over. So a server that starts before
/// PostgreSQL (a machine's start-up, PostgreSQL restarting) answers as one whose PostgreSQL went down later does,
/// and needs no restart.
final class ArchiveWait: HTTPResponder, Sendable {
    typealias Context = SongRequestContext
    static let retry = Duration.seconds(2)
    private let ready = Mutex<(any HTTPResponder<SongRequestContext>)?>(nil)
    private let waiting = Mutex<ArchiveError>(ArchiveError("the archive is not open yet; try again", kind: .busy))

    func respond(to request: Request, context: SongRequestContext) async throws -> Response {
        if let responder = ready.withLock({ $0 }) { return try await responder.respond(to: request, context: context) }
        // (Answered here: only the router turns a thrown error into its answer, and this is in front of it.)
        return try waiting.withLock { $0 }.response(from: request, context: context)
    }

    /// Serves through `responder` from now on.
    func serve(_ responder: any HTTPResponder<SongRequestContext>) {
        ready.withLock { $0 = responder }
    }

    /// Opens the archive at `location`, which just refused with `refusal` (answered meanwhile), again every `retry`
    /// while it cannot be reached; then serves through what `build` makes of it, and runs `opened`.
    func open(_ location: String, after refusal: ArchiveError, logger: Logger,
              build: @escaping @Sendable (TourArchive) async throws -> any HTTPResponder<SongRequestContext>,
              opened: @escaping @Sendable (TourArchive) -> Void) {
        waiting.withLock { $0 = refusal }
        ArchiveTrouble.shared.log("not open yet: \(refusal.message)", on: logger)
        Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: ArchiveWait.retry)
                do {
                    let archive = try TourArchive.open(location, source: "server")
                    let responder = try await build(archive)
                    self.serve(responder)
                    logger.notice("archive: reachable now; serving it")
                    opened(archive)
                    return
                } catch let error as ArchiveError where error.kind == .busy {
                    self.waiting.withLock { $0 = error }
                    ArchiveTrouble.shared.log("not open yet: \(error.message)", on: logger)
                } catch {
                    // Anything else (a newer schema, a refused login) will not pass by waiting: the server keeps
                    // answering 503 with the reason, which its log gives whole.
                    logger.error("archive: cannot be served: \(error)")
                    self.waiting.withLock { $0 = ArchiveError("the archive cannot be served: \((error as? ArchiveError)?.publicMessage ?? "\(error)")", kind: .unavailable) }
                    return
                }
            }
        }
    }
}
