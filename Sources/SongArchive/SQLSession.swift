/// Which engine a session talks to, for the few statements the two write differently (full-text search, how a
/// write says who is writing).
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// A connection inside one transaction, on either engine. Statements are written once with `?` placeholders,
/// in the SQL both engines read; the PostgreSQL session numbers them ($1, $2, ...) itself.
public protocol SQLSession {
    var dialect: SQLDialect { get }
    /// Runs a statement; returns how many rows it changed.
    @discardableResult func execute(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int
    /// Runs a query and reads every row.
    func rows(_ sql: String, _ arguments: [any SQLBindable]) throws -> [SQLRow]
    /// Runs a statement whose answer nothing reads (a transaction's own settings). On PostgreSQL it is sent without
    /// waiting, and the next statement that waits waits for it too (one round trip to wait for, not two); a failure
    /// is found there. Elsewhere it runs as `execute` does.
    func sendAhead(_ sql: String, _ arguments: [any SQLBindable]) throws
    /// Asks a query whose rows are read later, by calling what it gives. On PostgreSQL it is sent ahead as
    /// `sendAhead` sends (no wait of its own: its rows come with the next statement that waits); elsewhere it runs
    /// now. A failure is thrown when the rows are read, or by the next statement that waits.
    func ask(_ sql: String, _ arguments: [any SQLBindable]) throws -> @Sendable () throws -> [SQLRow]
}

extension SQLSession {
    public func sendAhead(_ sql: String, _ arguments: [any SQLBindable]) throws { try execute(sql, arguments) }

    public func ask(_ sql: String, _ arguments: [any SQLBindable]) throws -> @Sendable () throws -> [SQLRow] {
        let rows = try rows(sql, arguments)
        return { rows }
    }

    @discardableResult public func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    public func rows(_ sql: String) throws -> [SQLRow] { try rows(sql, []) }

    /// The first row, if any.
    public func row(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row, as `T`; nil when there is no row or the value is NULL.
    public func value<T: SQLReadable>(_ sql: String, _ arguments: [any SQLBindable] = [], as type: T.Type = T.self) throws -> T? {
        try rows(sql, arguments).first.flatMap { $0[0] }
    }

    /// The first column of every row, as `T` (NULLs left out).
    public func values<T: SQLReadable>(_ sql: String, _ arguments: [any SQLBindable] = [], as type: T.Type = T.self) throws -> [T] {
        try rows(sql, arguments).compactMap { $0[0] }
    }

    /// Whether the query gives a row.
    public func exists(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Bool {
        try !rows(sql, arguments).isEmpty
    }
}

extension SQLSession {
    /// Runs an INSERT into a table with an integer `id` and returns the new row's id (`RETURNING id`, which both
    /// engines read).
    public func insert(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Int64 {
        guard let id = try value(sql + " RETURNING id", arguments, as: Int64.self) else {
            throw ArchiveError("the archive did not say which row it added", kind: .cannotWrite)
        }
        return id
    }
}
