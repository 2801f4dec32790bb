import Hummingbird

/// Every request's work on threads of its own (`threads`), not on Swift's cooperative pool, where the archive is
/// on PostgreSQL. The archive's API is synchronous, as GRDB's is: on PostgreSQL each statement waits for its answer
/// over the socket, and on the cooperative pool (one thread per core) two requests waiting on PostgreSQL left no
/// thread to answer a third, while the CPU stood partly idle. Different words at every search, 5,000 songs, 500/s
/// (paced): p99 0.26–4.2 s in three runs on the cooperative pool, 66–111 ms here. On SQLite, whose work is the
/// CPU's own, the hop to these threads costs more than it gives (p99 5.4–5.8 ms without, 5.7–7.4 ms with), so an
/// SQLite archive's server does without it.
struct ArchiveWork: RouterMiddleware {
    typealias Context = SongRequestContext

    /// Sixteen: as many as the PostgreSQL backend keeps connections idle (`PostgresBackend.idleLimit`), so a busy
    /// server reuses its connections rather than opening new ones; a request past them waits its turn here.
    static let threads = WorkerThreads(count: 16, name: "request", niceness: 0)

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withTaskExecutorPreference(Self.threads) { try await next(request, context) }
    }
}
