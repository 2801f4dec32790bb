import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium (Debian's `chromium`) driven over the DevTools protocol through a pipe:
/// with `--remote-debugging-pipe` the browser reads commands on its fd 3 and writes replies and events on its fd 4,
/// each message a JSON object ending in a NUL byte (see the Chrome DevTools Protocol documentation,
/// "Target", "Page" and "Runtime" domains). One page, one session; commands are sent one at a time.
final class Chromium: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { var description: String }

    private let pid: pid_t
    private let commands: Int32   // our end of the browser's fd 3
    private let replies: Int32    // our end of the browser's fd 4
    private let profile: URL
    private var nextID = 0
    private var pending: [UInt8] = []
    private var session: String?
    /// Blocking pipe I/O happens on this queue, never on the cooperative threads the server under test needs.
    private let queue = DispatchQueue(label: "songbridge.tests.chromium")

    /// A browser; `arguments` are added to its command line (a fake microphone playing a file, say), and
    /// `environment` to the environment it starts in (a HOME of its own, whose certificate store it reads).
    init(arguments extra: [String] = [], environment: [String: String] = [:]) throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        var toBrowser: [Int32] = [0, 0], fromBrowser: [Int32] = [0, 0]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else { throw Failure(description: "no pipes") }
        // Move every end above 9 with close-on-exec (the browser gets only its two, through the dup2s below, which
        // make fresh descriptors 3 and 4 without close-on-exec).
        let childIn = fcntl(toBrowser[0], F_DUPFD_CLOEXEC, 10), childOut = fcntl(fromBrowser[1], F_DUPFD_CLOEXEC, 10)
        Glibc.close(toBrowser[0]); Glibc.close(fromBrowser[1])
        commands = fcntl(toBrowser[1], F_DUPFD_CLOEXEC, 10); Glibc.close(toBrowser[1])
        replies = fcntl(fromBrowser[0], F_DUPFD_CLOEXEC, 10); Glibc.close(fromBrowser[0])

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, childIn, 3)
        posix_spawn_file_actions_adddup2(&actions, childOut, 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                         "--user-data-dir=\(profile.path)", "--autoplay-policy=no-user-gesture-required", "--mute-audio",
                         "--no-first-run", "--disable-extensions"] + extra + ["about:blank"]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, given in given }
        var envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, arguments[0], &actions, nil, &argv, &envp)
        Glibc.close(childIn); Glibc.close(childOut)
        guard spawned == 0 else { throw Failure(description: "cannot start chromium: \(String(cString: strerror(spawned)))") }
        pid = child
    }

    /// Opens `url` in a new page and waits for it to load; `beforeLoad`, when given, runs in the page before any of
    /// its own scripts (to stand in for a device the machine does not have).
    func open(_ url: URL, beforeLoad: String? = nil) async throws {
        let target = try await call("Target.createTarget", ["url": "about:blank"], inPage: false)
        guard let targetID = target["targetId"] as? String else { throw Failure(description: "no page: \(target)") }
        let attached = try await call("Target.attachToTarget", ["targetId": targetID, "flatten": true], inPage: false)
        session = attached["sessionId"] as? String
        _ = try await call("Page.enable")
        if let beforeLoad { _ = try await call("Page.addScriptToEvaluateOnNewDocument", ["source": beforeLoad]) }
        _ = try await call("Page.navigate", ["url": url.absoluteString])
        _ = try await waitFor("document.readyState === 'complete' && location.href !== 'about:blank'")
    }

    /// Opens `path` (with its query or fragment) on `server`.
    func open(_ path: String, on server: LiveServer, beforeLoad: String? = nil) async throws {
        guard let url = URL(string: path, relativeTo: server.base)?.absoluteURL else { throw Failure(description: "not a path: \(path)") }
        try await open(url, beforeLoad: beforeLoad)
    }

    /// The value of a JavaScript expression in the page (promises are awaited).
    func evaluate(_ expression: String) async throws -> Any? {
        let reply = try await call("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let thrown = reply["exceptionDetails"] as? [String: Any] {
            throw Failure(description: "the page threw: \((thrown["exception"] as? [String: Any])?["description"] ?? thrown)")
        }
        return (reply["result"] as? [String: Any])?["value"]
    }

    /// Polls `expression` until it gives a truthy value, and returns it; fails after `seconds` with the last value.
    /// Three minutes unless told: the page's server runs in the test process, whose two cooperative threads every
    /// other test shares, and in a full run a page has waited over a minute for an answer it gets in two seconds
    /// alone. How fast pages are is measured by make bench-server, not here.
    func waitFor(_ expression: String, seconds: Double = 180) async throws -> Any {
        let deadline = Date().addingTimeInterval(seconds)
        var last: Any?
        while Date() < deadline {
            last = try await evaluate(expression)
            switch last {
            case let b as Bool where b: return b
            case let s as String where !s.isEmpty: return s
            case let n as NSNumber where n.doubleValue != 0: return n
            case .some(let v) where !(v is Bool) && !(v is String) && !(v is NSNumber) && !(v is NSNull): return v
            default: try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw Failure(description: "waited \(Int(seconds)) s for \(expression); last value \(String(describing: last))")
    }

    /// Sends one command and returns its result (events that arrive in between are passed over).
    func call(_ method: String, _ params: [String: Any] = [:], inPage: Bool = true) async throws -> [String: Any] {
        var message: [String: Any] = ["method": method, "params": params]
        if inPage, let session { message["sessionId"] = session }
        let body = try JSONSerialization.data(withJSONObject: message)
        let data: Data = try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try self.exchange(body) }) }
        }
        let reply = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        if let error = reply["error"] as? [String: Any] { throw Failure(description: "\(method): \(error["message"] ?? error)") }
        return reply["result"] as? [String: Any] ?? [:]
    }

    /// On the queue: writes the command with the next id and reads messages until the reply with that id.
    private func exchange(_ body: Data) throws -> Data {
        nextID += 1
        let id = nextID
        var object = try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
        object["id"] = id
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: object))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(commands, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "the browser stopped reading") }
            written += n
        }
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let end = pending.firstIndex(of: 0) {
                let message = Data(pending[..<end])
                pending.removeSubrange(...end)
                if let reply = try? JSONSerialization.jsonObject(with: message) as? [String: Any], reply["id"] as? Int == id { return message }
                continue
            }
            var poller = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 1000) >= 0 else { throw Failure(description: "poll failed") }
            if poller.revents == 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(replies, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "the browser closed its pipe") }
            pending += chunk[..<n]
        }
        throw Failure(description: "no reply from the browser in 120 s")
    }

    /// Closes the browser and removes its profile.
    func shutDown() {
        _ = try? queue.sync { try exchange(try JSONSerialization.data(withJSONObject: ["method": "Browser.close", "params": [:]])) }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        Glibc.close(commands)
        Glibc.close(replies)
        try? FileManager.default.removeItem(at: profile)
    }
}
