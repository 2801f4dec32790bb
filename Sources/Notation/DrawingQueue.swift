import Synchronization

/// Drawing requests joined into shared engraver runs, as a database joins commits: a request that finds a runner
/// free is drawn at once, alone; requests that arrive while every runner is busy wait, and the next run to start
/// takes all of them (up to `maximumTunes` tunes and `maximumBytes` of ABC) in one process.
///
/// Starting abcm2ps costs more than drawing a verse with it (about 5 ms of CPU to load its libraries and
/// fontconfig, about 2.5 ms a tune), so under load, when pages wait for the engraver anyway, each page's share of
/// a start shrinks; when the engraver is idle nothing waits for company. A run that fails, or loses count of its
/// tunes, is run again a request at a time, so one request's bad tune costs the others a second run, never their
/// drawings.
final class DrawingQueue: Sendable {
    typealias Documents = Result<[Substring], EngravingFailure>
    typealias Run = @Sendable ([NotationSource]) async -> Documents

    private struct Waiting: Sendable {
        let sources: [NotationSource]
        let continuation: CheckedContinuation<Documents, Never>
    }

    private let state: Mutex<(waiting: [Waiting], running: Int)> = Mutex(([], 0))
    /// How many runs may be under way at once.
    let runners: Int
    let maximumTunes: Int
    let maximumBytes: Int

    init(runners: Int, maximumTunes: Int = 48, maximumBytes: Int = 256 * 1024) {
        self.runners = max(1, runners)
        self.maximumTunes = max(1, maximumTunes)
        self.maximumBytes = maximumBytes
    }

    /// `sources` drawn by `run`, with whatever other requests are waiting when its run starts: the documents of
    /// `sources` alone, in order.
    func draw(_ sources: [NotationSource], run: @escaping Run) async -> Documents {
        await withCheckedContinuation { (continuation: CheckedContinuation<Documents, Never>) in
            let start = state.withLock { s -> Bool in
                s.waiting.append(Waiting(sources: sources, continuation: continuation))
                guard s.running < runners else { return false }
                s.running += 1
                return true
            }
            if start { Task { await self.drain(run) } }
        }
    }

    /// Runs batches of what is waiting until nothing is.
    private func drain(_ run: Run) async {
        while true {
            let batch = state.withLock { s -> [Waiting] in
                var taken: [Waiting] = []
                var tunes = 0, bytes = 0
                while let next = s.waiting.first {
                    let size = next.sources.reduce(0) { $0 + $1.abc.utf8.count }
                    // Always one request; then more while they fit.
                    if !taken.isEmpty, tunes + next.sources.count > maximumTunes || bytes + size > maximumBytes { break }
                    taken.append(s.waiting.removeFirst())
                    tunes += next.sources.count
                    bytes += size
                }
                if taken.isEmpty { s.running -= 1 }
                return taken
            }
            guard !batch.isEmpty else { return }
            if batch.count == 1 {
                batch[0].continuation.resume(returning: await run(batch[0].sources))
                continue
            }
            let all = batch.flatMap(\.sources)
            if case .success(let documents) = await run(all), documents.count == all.count {
                var from = 0
                for request in batch {
                    request.continuation.resume(returning: .success(Array(documents[from..<(from + request.sources.count)])))
                    from += request.sources.count
                }
            } else {
                for request in batch { request.continuation.resume(returning: await run(request.sources)) }
            }
        }
    }
}
