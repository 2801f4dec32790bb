import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import SongArchive
import Synchronization

/// The archive in a PostgreSQL database, through postgres-nio: the charity's central archive, which many
/// facilitators' laptops and the archivists' server share. Connections are kept for reuse, up to `idleLimit` idle;
/// a write runs SERIALIZABLE and is tried again when PostgreSQL reports a clash with a write beside it.
public final class PostgresBackend: ArchiveBackend {
    public let place: PostgresLocation
    let configuration: PostgresConnection.Configuration
    let logger: Logger
    let idle = Mutex<[KeptConnection]>([])
    let nextID = Atomic<Int>(0)
    /// Idle connections kept; more are opened when many requests run at once, and closed after.
    static let idleLimit = 16
    /// How many times a write is tried when it clashes with another (serialization failure, deadlock).
    static let attempts = 8

    public var dialect: SQLDialect { .postgres }
    public var location: String { place.display }

    /// Connects to the database at `url` and brings its schema up to date (refusing one a newer Songbridge wrote).
    public init(url: String) throws(ArchiveError) {
        place = try PostgresLocation(url: url)
        configuration = try place.configuration()
        var logger = Logger(label: "songbridge.postgres")
        logger.logLevel = .critical
        self.logger = logger
        try PostgresSchema.migrate(self)
    }

    deinit {
        for kept in idle.withLock({ $0 }) { PostgresBackend.close(kept.connection) }
    }

    public func read<T>(_ body: (any SQLSession) throws -> T) throws(ArchiveError) -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", writes: false, body)
    }

    public func failure(_ error: any Error) -> ArchiveError {
        error as? ArchiveError ?? PostgresBackend.archiveError(error, place: location)
    }

    public func write<T>(_ body: (any SQLSession) throws -> T) throws(ArchiveError) -> T {
        try transaction("BEGIN ISOLATION LEVEL SERIALIZABLE", writes: true) { session in
            let result = try body(session)
            try session.execute(PostgresSchema.writeBackClock)
            return result
        }
    }

    /// The current snapshot (which transactions have committed, `xmin:xmax:running`): it changes when a write
    /// commits, and reading it takes no transaction and no row anyone writes.
    public func mark() throws(ArchiveError) -> String {
        try startingWith(markQuery, writes: false, ahead: false) { _, answer in
            for row in answer.map(Array.init) ?? [] { return try row.decode(String.self) }
            return ""
        }
    }

    /// Inside a REPEATABLE READ transaction, the transaction's own snapshot: what all its reads see.
    public var markQuery: String { "SELECT pg_current_snapshot()::text" }

    /// Runs `body` in a transaction opened by `begin`, on a kept connection or a new one. A write (`writes`) is
    /// tried again when it clashes with another (serialisation), and waits for its BEGIN's and its COMMIT's
    /// answers; a read does neither: its BEGIN is answered with its first statement, its COMMIT with the next
    /// transaction's.
    func transaction<T>(_ begin: String, writes: Bool, _ body: (any SQLSession) throws -> T) throws(ArchiveError) -> T {
        try startingWith(begin, writes: writes, ahead: !writes) { session, _ in
            do {
                let result = try body(session)
                // A read's COMMIT is sent without waiting for its answer: nothing it could say changes what was
                // read, and the connection answers it before the next transaction's BEGIN (a connection's
                // statements run in order); a connection lost meanwhile is found at that BEGIN. A write waits.
                if writes { try session.execute("COMMIT") } else { session.send("COMMIT") }
                return result
            } catch {
                if !session.kept.lost { _ = try? session.execute("ROLLBACK") }
                throw error
            }
        }
    }

    /// Runs `first` on a kept connection or a new one, then `body` with its answer: a kept connection found lost at
    /// `first` is dropped and the whole tried again on another; a write (`writes`) that clashes is tried again.
    /// With `ahead`, `first` is sent without waiting and answered with `body`'s first statement (no answer is given).
    func startingWith<T>(_ first: String, writes: Bool, ahead: Bool,
                         _ body: (PostgresSession, PostgresQueryResult?) throws -> T) throws(ArchiveError) -> T {
        var attempt = 1
        var fresh = 0
        while true {
            do {
                return try withConnection { session in
                    // A kept connection the server has closed since (a restart, an idle timeout) fails here, before
                    // anything was done: it is dropped, and the transaction starts again on a new one.
                    if ahead {
                        let (connection, logger) = (session.connection, logger)
                        session.kept.sendAhead { connection.query(PostgresQuery(unsafeSQL: first), logger: logger) }
                        return try body(session, nil)
                    }
                    let answer: PostgresQueryResult
                    do { answer = try session.begin(first, within: PostgresBackend.beginSeconds) } catch let e as PSQLError where PostgresBackend.isLost(e) {
                        throw StaleConnection(error: e)
                    } catch is PostgresSession.NoAnswer {
                        throw StaleConnection(error: nil)
                    }
                    return try body(session, answer)
                }
            } catch let e as ArchiveError {
                throw e
            } catch let stale as StaleConnection {
                fresh += 1
                if fresh > PostgresBackend.idleLimit + 1 {
                    throw stale.error.map { PostgresBackend.archiveError($0, place: location) }
                        ?? ArchiveError("the archive at \(location) does not answer; nothing was changed, try again", kind: .busy, place: location)
                }
            } catch let e as PSQLError where writes && attempt < PostgresBackend.attempts && PostgresBackend.isClash(e) {
                attempt += 1
                Thread.sleep(forTimeInterval: Double.random(in: 0.001...0.004) * Double(attempt))
            } catch {
                throw PostgresBackend.archiveError(error, place: location)
            }
        }
    }

    /// Runs `body` on an idle connection, or a new one; a connection that broke is not kept.
    func withConnection<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let kept = try idle.withLock { $0.popLast() } ?? KeptConnection(connect())
        // (A guard: an earlier transaction's COMMIT or ROLLBACK sent whatever it kept ahead.)
        kept.ahead = []
        do {
            let result = try body(PostgresSession(kept: kept, logger: logger))
            release(kept)
            return result
        } catch let error where error is StaleConnection || kept.lost {
            // The others kept beside it were most likely ended with it (a restart): they go too, so the next
            // transaction does not wait on each in turn.
            for other in [kept] + idle.withLock({ idle in defer { idle = [] }; return idle }) { PostgresBackend.close(other.connection) }
            throw error as? StaleConnection ?? StaleConnection(error: kept.lostTo)
        } catch {
            release(kept)
            throw error
        }
    }

    func release(_ kept: KeptConnection) {
        guard !kept.connection.isClosed else { return }
        let held = idle.withLock { idle in
            guard idle.count < PostgresBackend.idleLimit else { return false }
            idle.append(kept)
            return true
        }
        if !held { PostgresBackend.close(kept.connection) }
    }

    func connect() throws -> PostgresConnection {
        let id = nextID.add(1, ordering: .relaxed).newValue
        do {
            return try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: id, logger: logger).wait()
        } catch let e as PSQLError where e.code == .server {
            throw e
        } catch {
            throw ArchiveError("the archive at \(location) cannot be reached (\(PostgresBackend.reason(error))); nothing was changed, try again", kind: .busy, place: location)
        }
    }

    /// A kept connection found closed when a transaction began on it.
    struct StaleConnection: Error {
        var error: PSQLError?
    }

    /// How long a transaction's first statement may wait for its answer before the connection is taken for lost.
    static let beginSeconds: Int64 = 2

    /// Lets a connection go: it is closed without waiting for the server's goodbye (one that stopped answering
    /// may never say it), and kept alive until the close is done (postgres-nio requires a connection to be closed
    /// before it is let go).
    static func close(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Whether the connection itself is gone (closed by the server, or broken).
    static func isLost(_ error: PSQLError) -> Bool {
        [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(error.code)
            || (error.code == .server && ["57P01", "57P02", "57P03"].contains(error.serverInfo?[.sqlState] ?? ""))
    }

    /// Why a connection failed or was lost, in a few words. postgres-nio's own description of its error is a fixed
    /// sentence that says nothing (it keeps details out of logs), so this reads the error underneath: the socket's
    /// (`connection refused`, `no such file or directory` for a server that is not running), or the server's message.
    static func reason(_ error: any Error) -> String {
        var error = error
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] { return String(message.prefix(200)) }
            guard let underlying = e.underlying else { return "\(e.code)" }
            error = underlying
        }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        if let connection = error as? NIOConnectionError, let first = connection.connectionErrors.first {
            return reason(first.error)
        }
        return String("\(error)".prefix(200))
    }

    /// Whether PostgreSQL refused a write only because another ran beside it (try it again).
    static func isClash(_ error: PSQLError) -> Bool {
        ["40001", "40P01"].contains(error.serverInfo?[.sqlState] ?? "")
    }

    /// PostgreSQL's refusal as the archive's, in one line, with its kind: a lost or refused connection is `busy`
    /// (the server answers 503 with Retry-After, and the next request connects again).
    static func archiveError(_ error: any Error, place: String) -> ArchiveError {
        guard let e = error as? PSQLError else { return ArchiveError("the archive at \(place): \(error)", kind: .cannotWrite, place: place) }
        let state = e.serverInfo?[.sqlState] ?? ""
        let message = (e.serverInfo?[.message] ?? "\(e.code)").prefix(300)
        switch e.code {
        case .server:
            switch state {
            case "23505", "23503", "23514", "23502": return ArchiveError("refused: \(message); nothing was changed", kind: .conflict)
            case "25006": return ArchiveError("the archive at \(place) is read-only; nothing was changed", kind: .readOnly, place: place)
            case "53100": return ArchiveError("the archive at \(place) has no room left (disk full); nothing was changed", kind: .cannotWrite, place: place)
            case "57P01", "57P02", "57P03", "53300", "08006", "08001", "08004": return ArchiveError("the archive at \(place) is not taking connections now (\(message)); try again", kind: .busy, place: place)
            case "28000", "28P01": return ArchiveError("the archive at \(place) refused the login: \(message)", kind: .unavailable, place: place)
            case "3D000": return ArchiveError("the archive at \(place) does not exist: \(message)", kind: .notFound, place: place)
            default: return ArchiveError("the archive at \(place) refused: \(message) (SQLSTATE \(state)); nothing was changed", kind: .cannotWrite, place: place)
            }
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed:
            return ArchiveError("the archive at \(place) cannot be reached (\(reason(e))); nothing was changed, try again", kind: .busy, place: place)
        default:
            return ArchiveError("the archive at \(place): \(e.code)", kind: .cannotWrite, place: place)
        }
    }
}
