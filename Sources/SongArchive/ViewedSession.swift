/// A transaction's session with the viewer it reads and writes for (`ArchiveViewer`): every read and write of the
/// archive runs on one, so whose private details a statement may join in is decided in one place.
///
/// On PostgreSQL the viewer is the transaction's setting its policies read (`songbridge.organisation`). It is set
/// when a statement is run for a viewer other than the one set last, just before that statement (sent ahead, no
/// wait of its own): a transaction that reads for one viewer sets it once, or not at all for nobody (each
/// transaction starts with the setting empty), and one that reads someone's name as everyone and then commits
/// does not set its own viewer back for nothing.
struct ViewedSession: SQLSession {
    let base: any SQLSession
    let viewer: ArchiveViewer
    /// The setting the transaction holds now, shared by its sessions for each viewer (nil: none to keep, SQLite's).
    let setting: Setting?

    /// The transaction's `songbridge.organisation` as last set (confined to the transaction, as its session is).
    /// (No savepoint is used: one rolled back would take back a setting made after it, unknown to this.)
    final class Setting {
        var value: String
        init(_ value: String) { self.value = value }
    }

    init(base: any SQLSession, viewer: ArchiveViewer, setting: Setting? = nil) {
        (self.base, self.viewer, self.setting) = (base, viewer, setting)
    }

    var dialect: SQLDialect { base.dialect }

    @discardableResult func execute(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int {
        try settle()
        return try base.execute(sql, arguments)
    }

    func rows(_ sql: String, _ arguments: [any SQLBindable]) throws -> [SQLRow] {
        try settle()
        return try base.rows(sql, arguments)
    }

    func sendAhead(_ sql: String, _ arguments: [any SQLBindable]) throws {
        try settle()
        try base.sendAhead(sql, arguments)
    }

    func ask(_ sql: String, _ arguments: [any SQLBindable]) throws -> @Sendable () throws -> [SQLRow] {
        try settle()
        return try base.ask(sql, arguments)
    }

    /// Sets the transaction's setting to this session's viewer, if it holds another.
    private func settle() throws {
        guard let setting, setting.value != viewer.setting else { return }
        try base.sendAhead("SELECT set_config('songbridge.organisation', ?, true)", [viewer.setting])
        setting.value = viewer.setting
    }

    /// A new transaction's session for `viewer`; a write's names its `writer` too (the records it makes say so).
    /// On PostgreSQL one statement sets both for a write; a read's viewer is set with its first statement
    /// (`settle`); on SQLite the writer is the `writer` row.
    static func open(_ base: any SQLSession, as viewer: ArchiveViewer, writer: String? = nil) throws -> ViewedSession {
        switch (base.dialect, writer) {
        case (.sqlite, let writer?):
            try TourArchive.setWriter(writer, base)
            return ViewedSession(base: base, viewer: viewer)
        case (.sqlite, nil):
            return ViewedSession(base: base, viewer: viewer)
        case (.postgres, let writer?):
            try base.sendAhead("SELECT set_config('songbridge.writer', ?, true), set_config('songbridge.organisation', ?, true)", [writer, viewer.setting])
            return ViewedSession(base: base, viewer: viewer, setting: Setting(viewer.setting))
        case (.postgres, nil):
            return ViewedSession(base: base, viewer: viewer, setting: Setting(ArchiveViewer.nobody.setting))
        }
    }

    /// Runs `body` as `viewer` (an erasure reaches every organisation's rows); this session's own statements are
    /// run as its viewer again after, whatever `body` did.
    func acting<T>(as viewer: ArchiveViewer, _ body: (ViewedSession) throws -> T) throws -> T {
        try body(ViewedSession(base: base, viewer: viewer, setting: setting))
    }
}

extension SQLSession {
    /// Whose private details this session may see: nobody's, unless the archive opened it for a viewer.
    var viewer: ArchiveViewer { (self as? ViewedSession)?.viewer ?? .nobody }
}
