import Foundation
import GRDB
import SongCore
import SongText
import Synchronization

/// The tour's archive: stops, people, songs, contributions and immutable versions, with full-text search, in an
/// SQLite file in WAL mode (a laptop's) or a PostgreSQL database (the central archive's). Every write is one
/// transaction: it happens whole or not at all.
public struct TourArchive: Sendable {
    /// Where the tables live: the SQLite file, or a PostgreSQL database.
    public let backend: any ArchiveBackend
    /// Where the archive is: the file's path, or the PostgreSQL URL without its password.
    public let path: String
    /// Whether the archive is reached over a connection (PostgreSQL), so that its calls wait on the network.
    public var isRemote: Bool { backend.dialect == .postgres }
    /// What the audit log records as the source of each change (the command or request).
    public var source: String
    /// The key public ids are derived from (read once when the archive is opened).
    let publicIDKey: String
    /// Parsed versions, by song, number and text digest (parsing a version's ChordPro was a quarter of a song
    /// page's cost; only an erasure ever rewrites one, and then its digest changes).
    let versionCache = BoundedCache<VersionKey, Song>(capacity: 512)
    /// The melodic index in memory, read again when the archive's changes.
    let tuneCache = TuneIndexCache()

    struct VersionKey: Hashable, Sendable {
        var song: Int64
        var number: Int
        var sha256: String
    }

    /// Opens (creating if needed) the archive at `path`, bringing its schema up to date. A write waits up to
    /// `busyTimeout` seconds for another program's write to finish before it is refused.
    public init(path: String, source: String = "library", busyTimeout: TimeInterval = 10) throws(ArchiveError) {
        self.path = path
        self.source = source
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        // In WAL mode, NORMAL keeps every committed transaction through a killed process (what the kill test checks);
        // only a power cut can lose the last few commits, and it never corrupts the file.
        // secure_delete: what is deleted is overwritten with zeros, so an erased take or a withdrawn person's details
        // cannot be read back out of the file's free pages.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON") }
        // An empty file is not an archive: it is what a failed copy or a full disk leaves, and opening it would
        // quietly start a new, empty archive in its place.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue == 0 {
            throw ArchiveError("\(path) is an empty file, not an archive; restore it from a backup (songbridge backup makes one), or remove it to start a new archive", kind: .invalid)
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let e as DatabaseError {
            throw ArchiveError("cannot open the archive \(path): \(e.message ?? "\(e.resultCode)")", code: e.resultCode.rawValue, kind: .cannotWrite)
        } catch {
            throw ArchiveError("cannot open the archive \(path): \(error)", kind: .cannotWrite)
        }
        do {
            let migrator = ArchiveSchema.migrator
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            let known = Set(migrator.migrations)
            if !applied.isSubset(of: known) {
                throw ArchiveError("\(path) was written by a newer Songbridge (schema \(applied.subtracting(known).sorted().joined(separator: ", "))); update Songbridge to open it", kind: .invalid)
            }
            try TourArchive.quickCheck(pool, path: path)
            try migrator.migrate(pool)
            publicIDKey = try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM secret WHERE name = 'public-id'") } ?? ""
            backend = SQLiteBackend(pool: pool, path: path)
        } catch let e as ArchiveError {
            throw e
        } catch let e as DatabaseError {
            if e.resultCode == .SQLITE_CORRUPT || e.resultCode == .SQLITE_NOTADB { throw TourArchive.damaged(path, detail: e.message ?? "\(e.resultCode)") }
            throw ArchiveError("cannot open the archive \(path): \(e.message ?? "\(e.resultCode)")", code: e.resultCode.rawValue, kind: .cannotWrite)
        } catch {
            throw ArchiveError("cannot open the archive \(path): \(error)", kind: .cannotWrite)
        }
    }

    /// An archive on another backend (PostgreSQL), whose schema the backend has brought up to date.
    public init(backend: any ArchiveBackend, source: String = "library") throws(ArchiveError) {
        self.backend = backend
        self.path = backend.location
        self.source = source
        publicIDKey = try backend.read { db in try db.value("SELECT value FROM secret WHERE name = 'public-id'", as: String.self) } ?? ""
    }

    /// SQLite's `quick_check` (every page and record well formed; a few hundred milliseconds for a whole tour):
    /// a damaged archive is refused when it is opened, before anything reads or writes it, with the way out.
    static func quickCheck(_ pool: DatabasePool, path: String) throws {
        let findings = try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }
        guard findings != ["ok"] else { return }
        throw damaged(path, detail: findings.first ?? "quick_check failed")
    }

    /// The refusal for a damaged file, with what to do.
    static func damaged(_ path: String, detail: String) -> ArchiveError {
        ArchiveError("the archive \(path) is damaged (\(detail.prefix(200))); nothing was read or changed. Restore the last backup "
                     + "(songbridge backup makes one), or save what can be saved with: sqlite3 \(path) .recover | sqlite3 recovered.sqlite", kind: .invalid)
    }

    /// The id a person is known by in public output: `p-` and twelve hex digits of SHA-256 over this archive's
    /// key and their own id. Opaque (no initials), not ordered in time, the same in every public output of this
    /// archive, and not to be worked back to the archive's id without the archive file.
    public func publicID(_ id: String) -> String {
        "p-" + SHA256.hex(publicIDKey + "|" + id).prefix(12)
    }

    /// A song as the public may see it: everyone's consent as it is now, the consent projection, and public ids.
    public func publicSong(_ song: Song) throws(ArchiveError) -> Song {
        try query { db in try TourArchive.consentForProjection(song, db) }.publicProjection(pseudonym: publicID)
    }

    /// The time now in ISO 8601 UTC (`2026-11-26T05:20:46Z`).
    static var now: String { timestamp(after: 0) }

    /// Who is writing, for the task that sets it: a server request made with a facilitator's token names the
    /// token's label (`token Mair's tablet`). Every record a write makes says it was made by the archive's
    /// `source` and this (`server, token Mair's tablet`: its `madeBy`, which syncs), and so does the audit line.
    @TaskLocal public static var writer: String?

    /// The writer's label for this write: the source, and the task's writer if it has one (control characters, which
    /// a label made before they were refused might hold, become spaces; at most 200 characters).
    var writerLabel: String {
        guard let writer = TourArchive.writer else { return source }
        return String((source + ", " + OneLineText.plain(writer)).prefix(200))
    }

    /// Whose private details this task's reads and writes may see (`ArchiveViewer`): the server sets it from each
    /// request's token; the CLI, which holds the archive itself, sees everything.
    @TaskLocal public static var viewer: ArchiveViewer = .everyone

    /// Runs a write in one transaction on either engine, with an audit line. Every record it makes says who made it.
    func change<T>(_ action: String, detail: String, _ body: (any SQLSession) throws -> T) throws(ArchiveError) -> T {
        guard TourArchive.sharedRead == nil else { throw ArchiveError("a write inside a shared read (TourArchive.reading)", kind: .unavailable) }
        let label = writerLabel
        let viewer = TourArchive.viewer
        return try backend.write { base in
            let db = try ViewedSession.open(base, as: viewer, writer: label)
            let result = try body(db)
            try db.execute("INSERT INTO audit (at, action, detail, source) VALUES (?, ?, ?, ?)", [TourArchive.now, action, detail, label])
            return result
        }
    }

    /// Says who is writing, for the records this transaction makes (their `madeBy`): the `writer` row on SQLite;
    /// on PostgreSQL the transaction's own setting, which its `writer` view reads (writes run side by side there).
    static func setWriter(_ label: String, _ db: any SQLSession) throws {
        switch db.dialect {
        case .sqlite: try db.execute("UPDATE writer SET label = ?", [label])
        case .postgres: try db.execute("SELECT set_config('songbridge.writer', ?, true)", [label])
        }
    }

    /// A mark that changes whenever a write to the archive commits, here or in another process: what a server
    /// answered from memory under one mark is still the answer while the mark is the same. One statement, outside any
    /// transaction: on SQLite the count every write adds one to; on PostgreSQL the current snapshot (which
    /// transactions have committed), so no two writes wait on one row. (The snapshot is the whole PostgreSQL
    /// server's: a write to another database on it changes the mark too, which only costs an answer made again.)
    /// Read it *before* reading what it guards: then what is kept under a mark is never older than the mark.
    public func generation() throws(ArchiveError) -> String {
        try backend.mark()
    }

    /// Reads in one transaction on either engine (the task's shared read's, inside `reading`).
    func query<T>(_ body: (any SQLSession) throws -> T) throws(ArchiveError) -> T {
        let viewer = TourArchive.viewer
        if let shared = TourArchive.sharedRead {
            // (A read of its own inside it would wait on SQLite's pool for ever: GRDB stops the program instead.)
            guard shared.viewer == viewer else { throw ArchiveError("a read for another viewer inside a shared read (TourArchive.reading)", kind: .unavailable) }
            do { return try body(shared.session) } catch { throw backend.failure(error) }
        }
        return try openRead { base in try body(try ViewedSession.open(base, as: viewer)) }
    }

    /// A read transaction on the backend; the task's first gives the generation it sees to `withGeneration`.
    private func openRead<T>(_ body: (any SQLSession) throws -> T) throws(ArchiveError) -> T {
        guard let asked = TourArchive.generationAsked, asked.location == backend.location else { return try backend.read(body) }
        let first = asked.begin()
        defer { asked.end() }
        guard first else { return try backend.read(body) }
        var mark: (@Sendable () throws -> [SQLRow])?
        // (Asked again if the transaction starts again on another connection: the one that reads is the one kept.)
        let result = try backend.read { base in
            mark = try base.ask(backend.markQuery, [])
            return try body(base)
        }
        if let mark { asked.answer(mark) }
        return result
    }

    /// Runs `body`, and gives with its result the archive's generation (`generation`) as the first read
    /// transaction `body` opens sees the archive, read in that transaction: on PostgreSQL sent with its first
    /// statement, so it costs no wait and no transaction of its own. It is never newer than anything `body` reads
    /// after (what is kept under it is never older than it); nil when `body` opened no read, or when the mark was
    /// not answered (a connection lost after its transaction): `body`'s result stands, and nothing is kept under it.
    public func withGeneration<T: Sendable>(_ body: () async throws -> T) async throws -> (result: T, generation: String?) {
        let asked = GenerationAsked(location: backend.location)
        let result = try await TourArchive.$generationAsked.withValue(asked) { try await body() }
        return (result, (try? asked.generation()) ?? nil)
    }

    /// The generation a task wants from its first read transaction (`withGeneration`).
    @TaskLocal static var generationAsked: GenerationAsked?

    /// The first read transaction's generation, once it is asked; the rows are read only when wanted. Reads run
    /// side by side (child tasks) spoil it: which of them took its snapshot first is not known, and a later
    /// snapshot's mark could be newer than what an earlier one read.
    final class GenerationAsked: Sendable {
        /// The archive asked of (another's reads in the same task give nothing).
        let location: String
        private let state = Mutex<(mark: (@Sendable () throws -> [SQLRow])?, reading: Int, spoiled: Bool)>((nil, 0, false))

        init(location: String) { self.location = location }

        /// A read transaction begins: whether it is the one to ask the generation in.
        func begin() -> Bool {
            state.withLock { held in
                held.reading += 1
                if held.reading > 1 { held.spoiled = true }
                return held.mark == nil && !held.spoiled
            }
        }

        func end() { state.withLock { $0.reading -= 1 } }

        /// Keeps the first transaction's mark.
        func answer(_ rows: @escaping @Sendable () throws -> [SQLRow]) {
            state.withLock { held in if held.mark == nil { held.mark = rows } }
        }

        func generation() throws -> String? {
            guard let rows = state.withLock({ $0.spoiled ? nil : $0.mark }) else { return nil }
            switch try rows().first?.values.first {
            case .integer(let count)?: return "\(count)"
            case .text(let snapshot)?: return snapshot
            default: return ""
            }
        }
    }

    /// Runs `body`'s reads of the archive in one transaction: they see one moment of it, and on PostgreSQL a page
    /// that asks eleven things opens one transaction, not eleven (three statements each, each a round trip).
    /// Only for reads, as the task's viewer: a write inside it, or a read for another viewer, is refused.
    public func reading<T>(_ body: () throws(ArchiveError) -> T) throws(ArchiveError) -> T {
        guard TourArchive.sharedRead == nil else { return try body() }
        let viewer = TourArchive.viewer
        return try openRead { base in
            let shared = SharedRead(session: try ViewedSession.open(base, as: viewer), viewer: viewer)
            return try TourArchive.$sharedRead.withValue(shared) { try body() }
        }
    }

    /// The transaction a task's reads share (`reading`).
    @TaskLocal static var sharedRead: SharedRead?

    /// A read transaction's session, shared by the reads of one task, synchronously, inside `reading`.
    struct SharedRead: @unchecked Sendable {
        let session: any SQLSession
        let viewer: ArchiveViewer
        /// What this transaction has read once: it sees one moment of the archive.
        let memo = Memo()

        final class Memo: Sendable {
            /// The melodic index's generation: a song page reads it three times (its page's key, its tune changes,
            /// its likenesses), with one statement.
            let tuneGeneration = Mutex<Int64?>(nil)
        }
    }

    /// The SQLite file, for what runs only there yet; on PostgreSQL, a one-line refusal naming `what`.
    func sqlite(for what: String) throws(ArchiveError) -> SQLiteBackend {
        guard let sqlite = backend as? SQLiteBackend else {
            throw ArchiveError("\(what) does not run on a PostgreSQL archive yet; use an archive file", kind: .unavailable)
        }
        return sqlite
    }

    // MARK: - Stops and people

    /// Adds a tour stop; its id is made from the place and date when not given.
    @discardableResult
    public func add(_ stop: TourStop) throws(ArchiveError) -> String {
        if let problem = OneLineText.problem(stop.place, what: "the place") ?? OneLineText.problem(stop.id, what: "the stop's id")
            ?? stop.partners.lazy.compactMap({ OneLineText.problem($0, what: "a partner's name") }).first {
            throw ArchiveError(problem, kind: .invalid)
        }
        return try change("stop add", detail: stop.id) { db in
            if try TourStop.exists(stop.id, in: db) {
                throw ArchiveError("a stop with id \(stop.id) already exists", kind: .conflict)
            }
            try stop.insert(into: db)
            return stop.id
        }
    }

    /// Adds a contributor. A child or teen is stored with their consent as given; public output applies the guardian rule.
    @discardableResult
    public func add(_ person: Contributor) throws(ArchiveError) -> String {
        if let name = person.name, let problem = OneLineText.problem(name, what: "the name") { throw ArchiveError(problem, kind: .invalid) }
        guard Contributor.isValidID(person.id), person.id.count <= 64 else {
            throw ArchiveError("'\(OneLineText.safe(String(person.id.prefix(40))))' is not a contributor id: at most 64 letters, digits, - _ and .", kind: .invalid)
        }
        return try change("contributor add", detail: person.id) { db in
            if try Contributor.exists(person.id, in: db) {
                throw ArchiveError("a contributor with id \(person.id) already exists", kind: .conflict)
            }
            try person.insert(into: db)
            try TourArchive.logConsent(of: person.id, person.consent, guardian: person.guardianConsent, db)
            return person.id
        }
    }

    /// A contributor by id.
    public func contributor(_ id: String) throws(ArchiveError) -> Contributor {
        guard let c = try query({ db in try Contributor.read(id, db) }) else {
            throw ArchiveError("no contributor with id \(id)", kind: .notFound)
        }
        return c
    }

    /// Changes how a person is credited (and, when given, whether a guardian agreed, for a child or teen), as a
    /// new change in their consent history; withdrawal marks every version holding their contributions, and
    /// erases every take they are heard in.
    public func setConsent(_ id: String, _ level: Consent, guardian: Bool? = nil) throws(ArchiveError) {
        let erasedTakes = try change("consent", detail: "\(id) \(level.rawValue)" + (guardian.map { $0 ? " guardian" : " no-guardian" } ?? "")) { db in
            guard try Contributor.exists(id, in: db) else { throw ArchiveError("no contributor with id \(id)", kind: .notFound) }
            try TourArchive.logConsent(of: id, level, guardian: guardian, db)
            return try TourArchive.applyConsent(of: id, level, guardian: guardian, db)
        }
        if erasedTakes > 0 { forgetErased() }
    }
}
