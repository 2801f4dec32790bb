import Foundation
import PostgresNIO
import SongArchive

/// A `postgres://` URL read into a connection's settings, as libpq reads one: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`,
/// with `?host=/folder` for a Unix socket in that folder and `?sslmode=disable|require|verify-full`.
public struct PostgresLocation: Sendable {
    public var username: String
    public var password: String?
    public var database: String
    /// The server's host and port, or nil for a Unix socket.
    public var host: String?
    public var port: Int
    /// The Unix socket's folder.
    public var socketFolder: String?
    public var sslMode: String

    /// Whether `text` names a PostgreSQL archive rather than a file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(url text: String) throws(ArchiveError) {
        guard PostgresLocation.isURL(text), let url = URLComponents(string: text) else {
            throw ArchiveError("'\(String(text.prefix(80)))' is not a postgres:// URL", kind: .invalid)
        }
        username = url.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = url.password.flatMap { $0.removingPercentEncoding }
        let name = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = name.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? username
        port = url.port ?? 5432
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        if let folder = query["host"], folder.hasPrefix("/") {
            socketFolder = folder
            host = nil
        } else {
            socketFolder = nil
            host = url.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        }
        sslMode = query["sslmode"] ?? "disable"
        guard ["disable", "require", "verify-full"].contains(sslMode) else {
            throw ArchiveError("sslmode \(sslMode) is not known; use disable, require or verify-full", kind: .invalid)
        }
    }

    /// The URL without its password, for messages and the archive's `path`.
    public var display: String {
        let place = socketFolder.map { "localhost/\(database)?host=\($0)" } ?? "\(host ?? "localhost"):\(port)/\(database)"
        return "postgres://\(username)@\(place)"
    }

    /// The connection's settings.
    func configuration() throws(ArchiveError) -> PostgresConnection.Configuration {
        if let socketFolder {
            return .init(unixSocketPath: socketFolder + "/.s.PGSQL.\(port)", username: username, password: password, database: database)
        }
        let tls: PostgresConnection.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        default:
            var settings = TLSConfiguration.makeClientConfiguration()
            // libpq's `require` encrypts without checking whose certificate it is; `verify-full` checks both.
            if sslMode == "require" { settings.certificateVerification = .none }
            do { tls = .require(try NIOSSLContext(configuration: settings)) } catch {
                throw ArchiveError("cannot set up TLS for \(display): \(error)", kind: .invalid)
            }
        }
        return .init(host: host ?? "localhost", port: port, username: username, password: password, database: database, tls: tls)
    }
}
