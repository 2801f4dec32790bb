/// A transaction's session with the viewer it reads and writes for (`ArchiveViewer`): every read and write of the
/// archive runs on one, so whose private details a statement may join in is decided in one place.
struct ViewedSession: SQLSession {
    let base: any SQLSession
    let viewer: ArchiveViewer

    var dialect: SQLDialect { base.dialect }

    @discardableResult func execute(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int {
        try base.execute(sql, arguments)
    }

    func rows(_ sql: String, _ arguments: [any SQLBindable]) throws -> [SQLRow] {
        try base.rows(sql, arguments)
    }

    func sendAhead(_ sql: String, _ arguments: [any SQLBindable]) throws {
        try base.sendAhead(sql, arguments)
    }

    /// A new transaction's session for `viewer`; a write's names its `writer` too (the records it makes say so).
    /// On PostgreSQL one statement sets both for the transaction, and a reader who sees nobody's private rows needs
    /// none (each new transaction starts with the setting empty); on SQLite the writer is the `writer` row.
    static func open(_ base: any SQLSession, as viewer: ArchiveViewer, writer: String? = nil) throws -> ViewedSession {
        switch (base.dialect, writer) {
        case (.sqlite, let writer?): try TourArchive.setWriter(writer, base)
        case (.sqlite, nil): break
        case (.postgres, let writer?):
            try base.sendAhead("SELECT set_config('songbridge.writer', ?, true), set_config('songbridge.organisation', ?, true)", [writer, viewer.setting])
        case (.postgres, nil):
            if viewer != .nobody { return try begin(base, as: viewer) }
        }
        return ViewedSession(base: base, viewer: viewer)
    }

    /// Says, on PostgreSQL, whose private rows this transaction's policies let through from now on.
    static func begin(_ base: any SQLSession, as viewer: ArchiveViewer) throws -> ViewedSession {
        if base.dialect == .postgres { try base.sendAhead("SELECT set_config('songbridge.organisation', ?, true)", [viewer.setting]) }
        return ViewedSession(base: base, viewer: viewer)
    }

    /// Runs `body` as `viewer` (an erasure reaches every organisation's rows), then as this session's viewer again.
    func acting<T>(as viewer: ArchiveViewer, _ body: (ViewedSession) throws -> T) throws -> T {
        let other = try ViewedSession.begin(base, as: viewer)
        defer { _ = try? ViewedSession.begin(base, as: self.viewer) }
        return try body(other)
    }
}

extension SQLSession {
    /// Whose private details this session may see: nobody's, unless the archive opened it for a viewer.
    var viewer: ArchiveViewer { (self as? ViewedSession)?.viewer ?? .nobody }
}
