/// Whose private details a read or write may see: people's names beyond what their consent shows, and session
/// notes. Each belongs to the organisation whose facilitator wrote it down (none: the archive's own, a laptop's or
/// the charity's). The server decides it from the request's token; the CLI, run by whoever holds the archive, sees
/// everything. On PostgreSQL the same rule is row-level security on the private tables, set in each transaction
/// (`songbridge.organisation`), so a query that forgot to ask still cannot read another organisation's rows.
public enum ArchiveViewer: Sendable, Hashable, CustomStringConvertible {
    /// Everything: the archive's keeper (the CLI, or the laptop's own screen on loopback without a token).
    case everyone
    /// A token of the archive's own organisation: the private details with no organisation.
    case home
    /// A token of a partner organisation (by its global id): that organisation's private details only.
    case organisation(String)
    /// Nobody's private details: a request without a token.
    case nobody

    /// A condition on a private table's `organisation` column (under `alias`): whether this viewer sees the row.
    /// An organisation's id is checked to be 32 hex digits before it is written into a statement.
    func sees(_ alias: String) -> String {
        switch self {
        case .everyone: return "1 = 1"
        case .home: return "\(alias).organisation IS NULL"
        case .organisation(let uid): return ArchiveViewer.isUID(uid) ? "\(alias).organisation = '\(uid)'" : "1 = 0"
        case .nobody: return "1 = 0"
        }
    }

    /// The value of `songbridge.organisation` that PostgreSQL's policies read: `*`, `home`, an id, or empty (nothing).
    var setting: String {
        switch self {
        case .everyone: return "*"
        case .home: return "home"
        case .organisation(let uid): return ArchiveViewer.isUID(uid) ? uid : ""
        case .nobody: return ""
        }
    }

    /// The organisation whose rows this viewer writes: its own (nil, the archive's own, for everyone and home).
    var writesAs: String? {
        if case .organisation(let uid) = self { return uid }
        return nil
    }

    public var description: String {
        switch self {
        case .everyone: return "everyone"
        case .home: return "this archive's own organisation"
        case .organisation(let uid): return "organisation \(uid.prefix(8))…"
        case .nobody: return "nobody"
        }
    }

    static func isUID(_ s: String) -> Bool {
        s.utf8.count == 32 && s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
