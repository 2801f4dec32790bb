import PostgresNIO
import SongArchive

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
            statement = try connection.prepare(query: typed).wait()
            // (Kept even if the transaction it was made in is rolled back: a prepared statement is the connection's.)
            statements[key] = statement
        }
        // (postgres-nio asks for every result in binary, but labels a prepared statement's columns with the format
        // its description gave, text: each cell is read as what it is.)
        return try PostgresSession.rows(of: try statement.execute(values.map(KeptConnection.data)).wait(), binary: true)
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
