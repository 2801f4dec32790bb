import Foundation
import Logging
import NIOCore
import PostgresNIO
import SongArchive

/// A PostgreSQL connection inside one transaction, as an `SQLSession`. Statements are written with `?` and run
/// with `$1`, `$2`, ...; every call waits for its answer (the archive's API is synchronous, as GRDB's is; the
/// connection's I/O runs on NIO's own threads, not the caller's).
struct PostgresSession: SQLSession {
    let kept: KeptConnection
    let logger: Logger

    var connection: PostgresConnection { kept.connection }

    var dialect: SQLDialect { .postgres }

    @discardableResult func execute(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    func rows(_ sql: String, _ arguments: [any SQLBindable]) throws -> [SQLRow] {
        // A read with arguments is prepared on the connection the first time, and only bound and run after.
        if let prepared = try kept.rows(sql, arguments) { return prepared }
        return try PostgresSession.rows(of: try run(sql, arguments))
    }

    /// The rows of an answer as the archive reads them; with `binary`, every cell read as binary whatever its label.
    static func rows(of result: some Sequence<PostgresRow>, binary: Bool = false) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        var columns: [String]?
        for row in result {
            var values: [SQLValue] = []
            var names: [String] = []
            for labelled in row {
                let cell = binary ? PostgresCell(bytes: labelled.bytes, dataType: labelled.dataType, format: .binary,
                                                 columnName: labelled.columnName, columnIndex: labelled.columnIndex) : labelled
                values.append(try PostgresSession.value(of: cell))
                if columns == nil { names.append(cell.columnName) }
            }
            if columns == nil { columns = names }
            rows.append(SQLRow(columns: columns ?? [], values: values))
        }
        return rows
    }

    /// No answer in time.
    struct NoAnswer: Error {}

    /// Starts a transaction, waiting at most `seconds` for the answer: a kept connection the server ended while it
    /// was idle (a restart, `pg_terminate_backend`) can leave postgres-nio waiting for ever for the first
    /// statement sent on it, so one that does not answer in time is taken for lost.
    @discardableResult func begin(_ sql: String, within seconds: Int64) throws -> PostgresQueryResult {
        let (connection, logger) = (connection, logger)
        return try kept.answer(within: seconds) { connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
    }

    /// Sends a statement without waiting for its answer.
    func send(_ sql: String) {
        let (connection, logger) = (connection, logger)
        kept.send { connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
    }

    func sendAhead(_ sql: String, _ arguments: [any SQLBindable]) throws {
        let (connection, logger, query) = (connection, logger, PostgresSession.query(sql, arguments))
        kept.sendAhead { connection.query(query, logger: logger) }
    }

    func ask(_ sql: String, _ arguments: [any SQLBindable]) throws -> @Sendable () throws -> [SQLRow] {
        let (connection, logger, query) = (connection, logger, PostgresSession.query(sql, arguments))
        let waiter = KeptConnection.Waiter<[SQLRow]>()
        kept.sendAhead {
            connection.query(query, logger: logger).flatMapThrowing { try PostgresSession.rows(of: $0) }.always(waiter.finish)
        }
        // (Answered by the time the next statement's answer is; a read's COMMIT sends it at the latest.)
        return { try waiter.wait(seconds: KeptConnection.askedSeconds) }
    }

    func run(_ sql: String, _ arguments: [any SQLBindable]) throws -> PostgresQueryResult {
        let (connection, logger, query) = (connection, logger, PostgresSession.query(sql, arguments))
        return try kept.answer { connection.query(query, logger: logger) }
    }

    /// `sql` with `arguments` bound, as postgres-nio sends a statement.
    static func query(_ sql: String, _ arguments: [any SQLBindable]) -> PostgresQuery {
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument.sqlValue {
            case .null: binds.appendNull()
            case .integer(let i): binds.append(i)
            case .real(let d): binds.append(d)
            case .text(let s): binds.append(s)
            case .blob(let d): binds.append(ByteBuffer(bytes: d))
            }
        }
        return PostgresQuery(unsafeSQL: PostgresSession.numbered(sql), binds: binds)
    }

    /// `sql` with each `?` outside quotes and comments numbered as PostgreSQL writes parameters ($1, $2, ...);
    /// `?` followed by digits (SQLite's own numbered parameter) keeps its number.
    static func numbered(_ sql: String) -> String {
        numbered(sql, types: nil) ?? sql
    }

    /// The same, with each parameter cast to its type where `types` gives one (`$1::bigint`), as a statement
    /// prepared without its parameters' types needs them; nil where a parameter keeps SQLite's own number
    /// (`?2`), which is not cast.
    static func numbered(_ sql: String, types: [String?]?) -> String? {
        func cast(_ n: Int) -> String {
            guard let types, types.indices.contains(n - 1), let type = types[n - 1] else { return "" }
            return "::" + type
        }
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var quote: Character?
        var previous: Character = " "
        var lineComment = false
        var afterMark = false
        for c in sql {
            if afterMark {
                afterMark = false
                if !c.isASCII || !c.isNumber { out += "\(n)" + cast(n) } else if types != nil { return nil }
            }
            if lineComment {
                if c == "\n" { lineComment = false }
            } else if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "-" && previous == "-" {
                lineComment = true
            } else if c == "?" {
                n += 1
                out += "$"
                afterMark = true
                previous = c
                continue
            }
            out.append(c)
            previous = c
        }
        if afterMark { out += "\(n)" + cast(n) }
        return out
    }

    /// A cell as one of the five kinds the archive reads.
    static func value(of cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2: return .integer(Int64(try cell.decode(Int16.self)))
        case .int4: return .integer(Int64(try cell.decode(Int32.self)))
        case .int8: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .numeric:
            let text = try cell.decode(String.self)
            if let i = Int64(text) { return .integer(i) }
            return .real(Double(text) ?? 0)
        case .bytea:
            var buffer = try cell.decode(ByteBuffer.self)
            return .blob(buffer.readData(length: buffer.readableBytes) ?? Data())
        default: return .text(try cell.decode(String.self))
        }
    }
}
