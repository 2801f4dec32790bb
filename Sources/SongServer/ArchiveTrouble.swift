import Logging
import Synchronization

/// The server's log of the archive's troubles (PostgreSQL down, the file locked or full): the whole message, with
/// where the archive is, for whoever runs the server, since the client's answer leaves that out. At most one line
/// every `interval` (an outage fails every request), the next saying how many it passed over.
final class ArchiveTrouble: Sendable {
    static let shared = ArchiveTrouble()
    static let interval = Duration.seconds(5)
    private let state = Mutex<(last: ContinuousClock.Instant?, passed: Int)>((nil, 0))

    /// Logs `message` on `logger` unless a line went out less than `interval` ago.
    func log(_ message: String, on logger: Logger, now: ContinuousClock.Instant = .now) {
        let passed: Int? = state.withLock { state in
            if let last = state.last, now - last < Self.interval {
                state.passed += 1
                return nil
            }
            defer { state = (now, 0) }
            return state.passed
        }
        guard let passed else { return }
        let more = passed > 0 ? " (and \(passed) more like it since the last line)" : ""
        logger.warning("archive: \(message)\(more)")
    }
}
