import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import Logging
import ServiceLifecycle
@testable import SongServer

/// Threads for the live servers' tasks, apart from Swift's cooperative ones (which every test shares): a task
/// executor over a concurrent dispatch queue.
final class ServerThreads: TaskExecutor, @unchecked Sendable {
    static let shared = ServerThreads()
    private let queue = DispatchQueue(label: "live-server", qos: .userInitiated, attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// A real Songbridge server on a free loopback port, over a scratch archive; stopped by `stop()`, which shuts it down
/// gracefully: it stops accepting, finishes what it is answering and closes its connections. (Cancelling the serving
/// task instead, as this did before, can leave a connection the server had accepted but not yet served, whose
/// writer NIO then frees unfinished: a debug build traps on "Deinited NIOAsyncWriter without calling finish()",
/// which stopped a full test run once. NIO's maintainers advise a graceful shutdown for exactly this:
/// apple/swift-nio issue 3481.) Its connections
/// are closed after 600 s idle, not the served 60 s: in a full run a test can wait over a minute between two requests
/// on one kept-alive connection, and a POST sent as the server closed it was reset (the idle close has its own test).
final class LiveServer: Sendable {
    let base: URL
    let folder: URL
    /// The archive file it serves.
    let archivePath: String
    private let group: ServiceGroup

    init(host: String = "127.0.0.1", token: String? = nil, busyTimeout: Double = 10, tls: ServerSettings.TLS? = nil,
         idleTimeout: Double = 600, prepare: (String) throws -> Void) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("archive.sqlite").path
        archivePath = path
        try prepare(path)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var settings = ServerSettings(archivePath: path, host: host, port: 0, token: token)
        settings.busyTimeout = busyTimeout
        settings.tls = tls
        settings.idleTimeout = idleTimeout
        let app = try await SongServer.buildApplication(settings) { port in
            continuation.yield(port)
        }
        // The server's tasks prefer threads of their own: on the shared cooperative threads (two, one a core) a
        // full run's other tests kept a page's requests waiting for minutes.
        // No signals: the test process's own are not the server's to take.
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: Logger(label: "live-server")))
        self.group = group
        Task(executorPreference: ServerThreads.shared) { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw URLError(.cannotConnectToHost) }
        base = URL(string: "\(settings.scheme)://\(host):\(port)")!
    }

    func stop() {
        let group = group
        Task { await group.triggerGracefulShutdown() }
        try? FileManager.default.removeItem(at: folder)
    }

    struct Reply {
        var status: Int
        var body: Data
        var contentType: String
        var headers: [String: String]
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> Any { try JSONSerialization.jsonObject(with: body) }
    }

    func request(_ method: String, _ path: String, json: String? = nil, headers: [String: String] = [:], body: Data? = nil) async throws -> Reply {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = method
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let body { request.httpBody = body }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await Self.session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased().split(separator: "-").map { $0.capitalized }.joined(separator: "-")] = value }
        }
        return Reply(status: http.statusCode, body: data, contentType: http.value(forHTTPHeaderField: "Content-Type") ?? "", headers: fields)
    }

    /// A session that keeps no cookies, so each request carries exactly what the test gives it. Requests wait up to
    /// five minutes: the server runs in the test process, whose cooperative threads (one a core) the other tests
    /// share, and a test that waits on a program blocks one; in a full run on two cores a request has waited over
    /// a minute for a free thread. How quickly the server answers is measured by make bench-server, not here.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 300
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        return URLSession(configuration: configuration)
    }()

    func get(_ path: String) async throws -> Reply { try await request("GET", path) }
}
