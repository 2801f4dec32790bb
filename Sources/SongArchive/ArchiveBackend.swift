/// Where an archive's tables live: an SQLite file (a laptop's archive, the default) or a PostgreSQL database (the
/// charity's central archive). The archive's logic is written once, against `SQLSession`; a backend runs each read
/// and each write as one transaction.
public protocol ArchiveBackend: Sendable {
    var dialect: SQLDialect { get }
    /// Where it is, for messages (a PostgreSQL URL without its password).
    var location: String { get }
    /// Runs `body` in a read-only transaction that sees one moment of the archive.
    func read<T>(_ body: (any SQLSession) throws -> T) throws(ArchiveError) -> T
    /// A mark that changes whenever a write commits (`TourArchive.generation`), read with one statement.
    func mark() throws(ArchiveError) -> String
    /// The statement that reads the same mark inside a read transaction, as the transaction sees the archive.
    var markQuery: String { get }
    /// A failure of a read on this engine, said in one line as `read` says it (for reads that share a transaction
    /// `read` opened: `TourArchive.reading`).
    func failure(_ error: any Error) -> ArchiveError
    /// Runs `body` in one write transaction: it is kept whole, or, if `body` or the commit fails, not at all.
    func write<T>(_ body: (any SQLSession) throws -> T) throws(ArchiveError) -> T
}
