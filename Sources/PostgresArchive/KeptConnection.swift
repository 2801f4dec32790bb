import Dispatch
import NIOCore
import PostgresNIO
import SongArchive
import Synchronization

/// A connection the backend keeps for reuse, with the reads prepared on it so far (the protocol's named
/// statements, which last as long as the connection). A statement sent as itself is parsed and planned at every
/// run: of a song page's twenty statements at 100,000 songs, parsing and planning took 60% of PostgreSQL's time
/// for the page (its log of each statement's parse, bind and execute). Prepared once on a connection, a read
/// is only bound and run after, and PostgreSQL keeps its plan (after five runs a generic one, when no worse).
///
/// Used by one transaction at a time: the backend takes it from its idle list under a lock and puts it back after.
final class KeptConnection: @unchecked Sendable {
    let connection: PostgresConnection
    /// Each prepared statement, by its text and its parameters' types.
    private var statements: [String: PreparedQuery] = [:]
    /// Statements this transaction sends ahead (its BEGIN, its settings), not sent yet: they go to the event loop
    /// with the next statement that waits, in order, and that wait waits for them too.
    var ahead: [@Sendable () -> EventLoopFuture<Void>] = []
    /// Whether the connection was found lost at a statement that waited for one sent ahead (or for a first one that
    /// had to answer in time): a server ended it while it was idle; the transaction is begun again on another.
    private(set) var lost = false
    /// What said so, when PostgreSQL or postgres-nio did (not when the connection was silent).
    private(set) var lostTo: PSQLError?

    /// The most statements prepared on one connection; beyond it, others are sent as themselves. The archive's
    /// reads are a few hundred texts (an `IN` list's length makes each its own).
    static let mostPrepared = 512

    init(_ connection: PostgresConnection) {
        self.connection = connection
    }

    /// The rows of `sql` with `arguments`, run as a statement prepared on this connection (prepared the first
    /// time), or nil where it is not prepared: a statement without arguments, one that is not a read or write of
    /// rows, or one past `mostPrepared`. Each parameter is typed as it is bound when sent as itself (`bigint`,
    /// `double precision`, `text`, `bytea`; a null left for PostgreSQL to infer), so both ways read alike.
    func rows(_ sql: String, _ arguments: [any SQLBindable]) throws -> [SQLRow]? {
        guard !arguments.isEmpty, KeptConnection.isPreparable(sql) else { return nil }
        let values = arguments.map(\.sqlValue)
        let types = values.map { value -> String? in
            switch value {
            case .null: nil
            case .integer: "bigint"
            case .real: "double precision"
            case .text: "text"
            case .blob: "bytea"
            }
        }
        let key = types.map { $0 ?? "?" }.joined(separator: ",") + "\u{0}" + sql
        let statement: PreparedQuery
        if let held = statements[key] {
            statement = held
        } else {
            guard statements.count < KeptConnection.mostPrepared, let typed = PostgresSession.numbered(sql, types: types) else { return nil }
            let connection = connection
            statement = try answer { connection.prepare(query: typed) }
            // (Kept even if the transaction it was made in is rolled back: a prepared statement is the connection's.)
            statements[key] = statement
        }
        // (postgres-nio asks for every result in binary, but labels a prepared statement's columns with the format
        // its description gave, text: each cell is read as what it is.)
        let binds = values.map(KeptConnection.data)
        return try PostgresSession.rows(of: try answer { statement.execute(binds) }, binary: true)
    }

    /// Keeps `make`'s statement to send ahead of the next one that waits (`answer`).
    func sendAhead(_ make: @escaping @Sendable () -> EventLoopFuture<some Sendable>) {
        ahead.append { make().map { _ in } }
    }

    /// Sends the statements kept ahead, then `make`'s, without waiting for any answer (a read's COMMIT).
    func send(_ make: @escaping @Sendable () -> EventLoopFuture<some Sendable>) {
        let before = ahead
        ahead = []
        connection.eventLoop.execute {
            for statement in before { _ = statement() }
            _ = make()
        }
    }

    /// How long what was sent ahead may go unanswered before the connection is taken for lost: postgres-nio can
    /// wait for ever for the first statement sent on a connection the server ended while it was idle.
    static let aheadSeconds: Int64 = 2

    /// How long an asked statement's rows (`PostgresSession.ask`) are waited for when read: they come with the
    /// statement after it, so they are there already unless something is wrong.
    static let askedSeconds = 10

    /// Sends the statements kept ahead and `make`'s, then waits for all their answers and gives `make`'s. The
    /// statements are made on the connection's event loop, in one hop there and one back: postgres-nio asked from
    /// another thread hops to its event loop at each of its steps (each a wake-up of that thread, a write to an
    /// eventfd), and waiting for a future hops again; a song page's reads spent a quarter of the server's time in
    /// the kernel, mostly switching threads.
    ///
    /// The first statement sent (one kept ahead, else `make`'s when `within` is given) must answer within
    /// `within` (else `aheadSeconds`); a connection found lost or silent there is marked `lost`. A failure of one
    /// sent ahead is the answer's.
    func answer<Value: Sendable>(within seconds: Int64? = nil, _ make: @escaping @Sendable () -> EventLoopFuture<Value>) throws -> Value {
        let before = ahead
        ahead = []
        let timeout = seconds ?? (before.isEmpty ? nil : KeptConnection.aheadSeconds)
        let waiter = Waiter<Value>()
        let loop = connection.eventLoop
        // (Waiting on the loop that must answer would wait for ever, as NIO's own `wait()` refuses to.)
        precondition(!loop.inEventLoop, "an archive statement waited for on its connection's event loop")
        loop.execute {
            let sent = before.map { $0() }
            let future = make()
            guard let timeout else { return future.whenComplete(waiter.finish) }
            let first = sent.first ?? future.map { _ in }
            let timer = loop.scheduleTask(in: .seconds(timeout)) { waiter.finish(.failure(PostgresSession.NoAnswer())) }
            first.whenComplete { _ in timer.cancel() }
            sent.reduce(loop.makeSucceededVoidFuture()) { $0.and($1).map { _ in } }.flatMap { future }.whenComplete(waiter.finish)
        }
        do {
            return try waiter.wait()
        } catch let e as PSQLError where timeout != nil && PostgresBackend.isLost(e) {
            (lost, lostTo) = (true, e)
            throw e
        } catch let e as PostgresSession.NoAnswer {
            lost = true
            throw e
        }
    }

    /// One answer, given once on the event loop and waited for on the caller's thread.
    final class Waiter<Value: Sendable>: Sendable {
        private let result = Mutex<Result<Value, any Error>?>(nil)
        private let given = DispatchSemaphore(value: 0)

        /// Gives the answer (the first one given is kept).
        func finish(_ answer: Result<Value, any Error>) {
            let first = result.withLock { held in
                guard held == nil else { return false }
                held = answer
                return true
            }
            if first { given.signal() }
        }

        func wait() throws -> Value {
            given.wait()
            return try result.withLock { $0! }.get()
        }

        /// The answer, waited for at most `seconds` (else `NoAnswer`); it can be read again after.
        func wait(seconds: Int) throws -> Value {
            guard given.wait(timeout: .now() + .seconds(seconds)) == .success else { throw PostgresSession.NoAnswer() }
            given.signal()
            return try result.withLock { $0! }.get()
        }
    }

    /// A value as postgres-nio binds it to a prepared statement.
    static func data(_ value: SQLValue) -> PostgresData {
        switch value {
        case .null: .null
        case .integer(let i): PostgresData(int64: i)
        case .real(let d): PostgresData(double: d)
        case .text(let s): PostgresData(string: s)
        case .blob(let d): PostgresData(bytes: d)
        }
    }

    /// Whether `sql` is a statement PostgreSQL can prepare.
    static func isPreparable(_ sql: String) -> Bool {
        let first = sql.utf8.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 }.prefix { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x28 }
        switch String(decoding: first, as: UTF8.self).uppercased() {
        case "SELECT", "INSERT", "UPDATE", "DELETE", "WITH": return true
        default: return false
        }
    }
}
