import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import SongArchive

/// A laptop syncing with another's `songbridge serve` (or the charity's central server): it pushes what arrived
/// here since its last push, and pulls what arrived there since its last pull. Each side takes a batch in whole
/// or not at all, a batch sent twice changes nothing, and the cursors move only once a batch is in, so a sync cut
/// short (a dropped connection, a killed process) is simply run again.
public struct SyncClient: Sendable {
    /// Why a sync did not happen; nothing here was changed. `tryAgain` when the network or the server may do
    /// better later (no answer, busy, cut off), rather than a refusal.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public var tryAgain: Bool
    }

    /// The server's address, as given and without a trailing slash: the key its cursors are kept under.
    public let server: String
    let token: String
    let certificateAuthority: String?
    /// The longest a request may take.
    let timeout: TimeAmount

    /// A client for the server at `url` (http or https), sending `token`; `certificateAuthority` is a PEM file to
    /// trust for HTTPS (a laptop's own, from `songbridge cert create`) besides the system's.
    public init(server url: String, token: String, certificateAuthority: String? = nil, timeout: TimeAmount = .seconds(120)) throws(Failure) {
        let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
        guard let parsed = URL(string: trimmed), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host?.isEmpty == false,
              parsed.query == nil, parsed.user == nil, parsed.path.isEmpty || parsed.path == "/" else {
            throw Failure(description: "'\(trimmed.prefix(200))' is not a server address such as http://192.168.1.20:8080", tryAgain: false)
        }
        guard !token.isEmpty, token.utf8.count <= 200, token.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw Failure(description: "a sync needs a facilitator token made on the server's laptop (songbridge token create there), given with --token or SONGBRIDGE_TOKEN", tryAgain: false)
        }
        server = trimmed
        self.token = token
        self.certificateAuthority = certificateAuthority
        self.timeout = timeout
    }

    /// Takes in what arrived at the server since the last pull.
    public func pull(into archive: TourArchive) async throws -> SyncReport {
        let after = try archive.syncCursors(peer: server).pulledUpTo
        let body = try await send(.GET, "/api/v1/sync/changes" + (after.map { "?after=\($0)" } ?? ""), body: nil)
        let changes: SyncChanges
        do { changes = try JSONDecoder().decode(SyncChanges.self, from: body) } catch {
            throw Failure(description: "the server's changes do not read (\(error)); is \(server) a Songbridge of the same version?", tryAgain: false)
        }
        return try archive.takeIn(changes, pulledFrom: server)
    }

    /// Sends what arrived here since the last push; the server takes it in whole, or refuses it with its reason.
    public func push(from archive: TourArchive) async throws -> SyncReport {
        let after = try archive.syncCursors(peer: server).pushedUpTo
        let changes = try archive.syncChanges(after: after)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let answer = try await send(.POST, "/api/v1/sync/batch", body: try encoder.encode(changes))
        let report: SyncReport
        do { report = try JSONDecoder().decode(SyncReport.self, from: answer) } catch {
            throw Failure(description: "the server's answer does not read (\(error))", tryAgain: false)
        }
        if let upTo = changes.upTo { try archive.recordPush(to: server, upTo: upTo) }
        return report
    }

    /// One request and its answer's body; a refusal becomes a `Failure` with the server's own reason.
    func send(_ method: HTTPMethod, _ path: String, body: Data?) async throws -> Data {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: timeout))
        if let certificateAuthority {
            var tls = TLSConfiguration.makeClientConfiguration()
            do { tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(certificateAuthority))] } catch {
                throw Failure(description: "cannot read the certificate authority \(certificateAuthority): \(error)", tryAgain: false)
            }
            configuration.tlsConfiguration = tls
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let data = try await exchange(client, method, path, body: body)
            try await client.shutdown()
            return data
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func exchange(_ client: HTTPClient, _ method: HTTPMethod, _ path: String, body: Data?) async throws -> Data {
        var request = HTTPClientRequest(url: server + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await client.execute(request, timeout: timeout)
            bytes = try await response.body.collect(upTo: SyncLimits.answerBytes)
        } catch {
            throw Failure(description: "no answer from \(server) (\(error)); nothing was changed here, sync again when the network is back", tryAgain: true)
        }
        let data = Data(bytes.readableBytesView)
        guard response.status == .ok else {
            let reason = (try? JSONDecoder().decode(ErrorBody.self, from: data))?.error.message ?? "HTTP \(response.status.code)"
            switch response.status.code {
            case 401: throw Failure(description: "\(server) refused the token: \(reason)", tryAgain: false)
            case 404: throw Failure(description: "\(server) has no sync (HTTP 404): is it a Songbridge that syncs?", tryAgain: false)
            case 500...: throw Failure(description: "\(server) could not sync now (\(reason)); nothing was changed here, try again", tryAgain: true)
            default: throw Failure(description: "\(server) refused: \(reason)", tryAgain: response.status.code == 409 || response.status.code == 429)
            }
        }
        return data
    }

    /// The API's refusal body.
    struct ErrorBody: Decodable {
        struct Message: Decodable { var message: String }
        var error: Message
    }

    enum SyncLimits {
        /// The largest answer read: a sync bundle's size.
        static let answerBytes = 256 << 20
    }
}
