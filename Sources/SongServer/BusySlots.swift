import Synchronization

/// How many of a costly kind of request (tune searches, songbooks) are running, against the most allowed at once:
/// one more is refused at once (503 with Retry-After) rather than queued.
final class BusySlots: Sendable {
    private let running = Mutex(0)
    private let most: Int

    init(most: Int) { self.most = most }

    /// Takes a slot; false when all are taken.
    func enter() -> Bool {
        running.withLock { n in
            guard n < most else { return false }
            n += 1
            return true
        }
    }

    func leave() { running.withLock { $0 -= 1 } }
}
