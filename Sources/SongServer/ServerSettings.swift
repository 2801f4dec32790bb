import Foundation
import SongArchive
import PostgresArchive

/// How the server runs.
public struct ServerSettings: Sendable {
    /// The archive: its file, or a `postgres://` URL (the central archive).
    public var archivePath: String
    /// The address to listen on (loopback by default).
    public var host: String
    /// The port (0 picks a free one).
    public var port: Int
    /// The facilitator token that writes and non-public views need when the server listens beyond loopback.
    public var token: String?
    /// Where renders are cached: next to the archive file unless told; for an archive on PostgreSQL (a URL, with no
    /// folder of its own), in the system's temporary folder, one folder per database.
    public var renderFolder: String {
        get {
            if let renderFolderOverride { return renderFolderOverride }
            guard PostgresLocation.isURL(archivePath) else { return archivePath + ".renders" }
            let url = URLComponents(string: archivePath)
            let name = [url?.host ?? "", url?.path ?? ""].joined(separator: "-").split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
            return FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-renders-" + String(name.prefix(80))).path
        }
        set { renderFolderOverride = newValue }
    }
    private var renderFolderOverride: String?
    /// Where song pages' drawings and likenesses are kept (`KeptParts`): beside the archive file (`.kept`) unless
    /// told; for an archive on PostgreSQL, in the system's temporary folder, one file per database.
    public var keptPath: String {
        get { keptPathOverride ?? KeptParts.defaultPath(for: archivePath, isURL: PostgresLocation.isURL(archivePath)) }
        set { keptPathOverride = newValue }
    }
    private var keptPathOverride: String?
    /// How many bytes of rendered drafts to keep; the least recently asked-for go first.
    public var renderCacheBytes: Int64 = ServerSettings.defaultRenderCache
    /// How long a write waits for another program that holds the archive before it is answered 503.
    public var busyTimeout: Double = 10
    /// How long a connection may sit idle (between requests, or sending a request's head or body) before the server
    /// closes it: a tablet on the room's network that opens thousands of connections and never finishes a request
    /// (slowloris) would otherwise hold them all, and with them the server's file descriptors. A reply being written
    /// (a draft streamed as it renders) is never cut. Browsers keep a connection open between requests for about
    /// as long and open a new one when it has gone.
    public var idleTimeout: Double = 60
    /// HTTPS: the server's certificate chain and key, and the authority's certificate (served at
    /// `/songbridge-ca.crt`, for tablets to install); plain HTTP when nil.
    public var tls: TLS?
    /// The archive's public address (where people reach its pages from outside the room): songbooks then name
    /// each song's page there.
    public var publicAddress: URL?
    /// 2 GiB: about 65 three-minute WAV drafts, or 130 in FLAC.
    public static let defaultRenderCache: Int64 = 2 << 30

    /// Settings; loopback by default.
    public init(archivePath: String, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil) {
        self.archivePath = archivePath
        self.host = host
        self.port = port
        self.token = token
    }

    /// The fewest characters a token given by hand may have: 22 base64url characters are 128 bits, what
    /// `songbridge token create` makes at least.
    public static let shortestToken = 22

    /// What is wrong with a token given by hand (`serve --token`), or nil when it will do.
    public static func problem(withToken token: String) -> String? {
        let base64url = token.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
        guard base64url else { return "a facilitator token is letters, digits, - and _ only (make one with songbridge token create)" }
        guard token.count >= shortestToken else {
            return "a facilitator token needs at least \(shortestToken) characters (\(token.count) given); make one with songbridge token create"
        }
        return nil
    }

    /// Whether only this machine can reach the server.
    public var isLoopback: Bool { host == "127.0.0.1" || host == "::1" || host == "localhost" }

    /// What HTTPS needs, as PEM.
    public struct TLS: Sendable {
        public var chainPEM: String
        public var keyPEM: String
        public var authorityPEM: String
        public init(chainPEM: String, keyPEM: String, authorityPEM: String) {
            self.chainPEM = chainPEM
            self.keyPEM = keyPEM
            self.authorityPEM = authorityPEM
        }
    }

    /// `http` or `https`.
    public var scheme: String { tls == nil ? "http" : "https" }
}
