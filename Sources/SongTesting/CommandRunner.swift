import Foundation

/// Runs a built executable of this package and captures what it prints.
public struct CommandResult: Sendable {
    /// Exit status.
    public var status: Int32
    /// Standard output.
    public var stdout: String
    /// Standard error.
    public var stderr: String
}

/// Finds and runs the package's executables from the build folder the tests run from.
public enum CommandRunner {
    /// The folder holding the built products (next to the test bundle).
    public static var productsFolder: URL {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Fixtures.root.appendingPathComponent(".build/debug"),
        ]
        for c in candidates where FileManager.default.isExecutableFile(atPath: c.appendingPathComponent("songbridge").path) {
            return c
        }
        return Fixtures.root.appendingPathComponent(".build/debug")
    }

    /// An outside program by name, where Debian installs it (or a local install); nil when it is not there.
    public static func program(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `songbridge` with `arguments` in `directory` (the package root by default), as `run` runs any program.
    public static func songbridge(_ arguments: [String], in directory: URL = Fixtures.root, environment: [String: String] = [:]) async throws -> CommandResult {
        try await run(productsFolder.appendingPathComponent("songbridge"), arguments, in: directory, environment: environment)
    }

    /// Runs an executable and waits for it on a thread of its own. Swift's cooperative threads are one a core (two
    /// here), and the whole test suite shares them: a test that waited on a program there would hold back every other
    /// test's awaits, the in-process servers' replies and the browser's pages with them, for as long as the program ran.
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String] = [:]) async throws -> CommandResult {
        try await beside { try runBlocking(executable, arguments, in: directory, environment: environment) }
    }

    /// The first line a program started with its output on a pipe writes there (without its newline; what it wrote
    /// so far if it stops first), read on a thread of its own: where a server says it is listening.
    public static func firstLine(of reading: FileHandle) async throws -> String {
        try await beside {
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = reading.availableData
                if chunk.isEmpty { break }
                line += chunk
            }
            return String(String(decoding: line, as: UTF8.self).split(separator: "\n").first ?? "")
        }
    }

    /// Any blocking work (waiting on a program, reading its pipe) on a thread of its own, for the same reason.
    public static func beside<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Runs an executable and waits for it on the calling thread: only for a caller already on a thread of its own.
    public static func runBlocking(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        // Output goes to temporary files, so a large output can never block the child on a full pipe.
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let outURL = tmp.appendingPathComponent("out"), errURL = tmp.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let outData = (try? Data(contentsOf: outURL)) ?? Data()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
