import Foundation
import GRDB

/// The archive in an SQLite file (WAL mode), through GRDB: a laptop's archive, and the default.
struct SQLiteBackend: ArchiveBackend {
    let pool: DatabasePool
    let path: String

    var dialect: SQLDialect { .sqlite }
    var location: String { path }

    /// Checkpoints the write-ahead log into the file and truncates it (after an erasure).
    func truncateLog() {
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    /// A read transaction (GRDB's handle is the session); database failures become one-line errors.
    func read<T>(_ body: (any SQLSession) throws -> T) throws(ArchiveError) -> T {
        do { return try pool.read { db in try body(db) } } catch { throw failure(error) }
    }

    func failure(_ error: any Error) -> ArchiveError {
        switch error {
        case let e as ArchiveError: e
        case let e as DatabaseError:
            ArchiveError("cannot read the archive: \(e.message ?? "\(e.resultCode)")", code: e.resultCode.rawValue, kind: e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED ? .busy : .invalid)
        default: ArchiveError("\(error)", kind: .invalid)
        }
    }

    /// The count every write adds one to.
    func mark() throws(ArchiveError) -> String {
        try read { db in "\(try db.value(markQuery, as: Int64.self) ?? 0)" }
    }

    var markQuery: String { "SELECT value FROM archiveGeneration" }

    /// A write transaction (GRDB's handle is the session), which adds one to the count `mark` reads (PostgreSQL needs
    /// no count: its snapshot says as much); database failures become one-line errors.
    func write<T>(_ body: (any SQLSession) throws -> T) throws(ArchiveError) -> T {
        do {
            return try pool.write { db in
                let result = try body(db)
                try db.execute(sql: "UPDATE archiveGeneration SET value = value + 1")
                return result
            }
        } catch let e as ArchiveError {
            throw e
        } catch let e as DatabaseError {
            if e.resultCode == .SQLITE_READONLY { throw ArchiveError("the archive \(path) is read-only; nothing was changed", code: e.resultCode.rawValue, kind: .readOnly, place: path) }
            if e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED { throw ArchiveError("the archive \(path) is locked by another program; nothing was changed", code: e.resultCode.rawValue, kind: .busy, place: path) }
            if e.resultCode == .SQLITE_CONSTRAINT { throw ArchiveError("refused: \(e.message ?? "a constraint failed"); nothing was changed", code: e.resultCode.rawValue, kind: .conflict) }
            throw ArchiveError("the archive refused the change: \(e.message ?? "\(e.resultCode)"); nothing was changed", code: e.resultCode.rawValue, kind: .cannotWrite)
        } catch {
            throw ArchiveError("\(error)", kind: .cannotWrite)
        }
    }
}

/// GRDB's handle is an `SQLSession` itself: the archive's code runs inside GRDB's own transactions with no adapter
/// between them.
extension Database: SQLSession {
    public var dialect: SQLDialect { .sqlite }

    /// (One statement, prepared once per connection and kept: a reference tunebook's import adds thousands of rows
    /// with one statement.)
    @discardableResult public func execute(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int {
        try cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments.map { $0.sqlValue.databaseValue }))
        return changesCount
    }

    public func rows(_ sql: String, _ arguments: [any SQLBindable]) throws -> [SQLRow] {
        let cursor = try Row.fetchCursor(cachedStatement(sql: sql), arguments: StatementArguments(arguments.map { $0.sqlValue.databaseValue }))
        var rows: [SQLRow] = []
        var columns: [String]?
        while let row = try cursor.next() {
            if columns == nil { columns = Array(row.columnNames) }
            rows.append(SQLRow(columns: columns ?? [], values: row.databaseValues.map(SQLValue.init)))
        }
        return rows
    }
}

extension SQLValue {
    /// The value as GRDB binds it.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let i): i.databaseValue
        case .real(let d): d.databaseValue
        case .text(let s): s.databaseValue
        case .blob(let d): d.databaseValue
        }
    }

    /// The value GRDB read.
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let i): self = .integer(i)
        case .double(let d): self = .real(d)
        case .string(let s): self = .text(s)
        case .blob(let d): self = .blob(d)
        }
    }
}
