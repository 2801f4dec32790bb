import Foundation
import Synchronization

/// An outside program run with bounds: in a folder of its own, a bare environment, no input, its output to a file
/// (so a long output cannot fill a pipe), stopped once `timeout` passes (terminated, then killed). The engraver
/// and the songbook printer run abcm2ps and Chromium so.
public struct BoundedProcess: Sendable {
    public var program: String
    public var arguments: [String]
    /// The folder it runs in; HOME points there too.
    public var folder: URL
    public var timeout: Duration

    public init(program: String, arguments: [String], folder: URL, timeout: Duration) {
        self.program = program
        self.arguments = arguments
        self.folder = folder
        self.timeout = timeout
    }

    /// How it ended.
    public enum Outcome: Sendable, Equatable {
        case exited(Int32)
        case timedOut
        case couldNotStart(String)
    }

    /// Runs it, its standard output written to `output` (created or emptied), its errors dropped.
    public func run(output: URL) async -> Outcome {
        guard FileManager.default.createFile(atPath: output.path, contents: nil), let out = FileHandle(forWritingAtPath: output.path) else {
            return .couldNotStart("could not open \(output.lastPathComponent) to write")
        }
        defer { try? out.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": folder.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let ended = Ended()
        process.terminationHandler = { _ in ended.signal() }
        do { try process.run() } catch { return .couldNotStart("\(error)") }
        if await ended.wait(timeout: timeout) { return .exited(process.terminationStatus) }
        process.terminate()
        if !(await ended.wait(timeout: .milliseconds(500))) { kill(process.processIdentifier, SIGKILL) }
        _ = await ended.wait(timeout: .seconds(2))
        return .timedOut
    }

    /// A process's end, awaited with a time limit.
    final class Ended: Sendable {
        private let state = Mutex<(done: Bool, waiter: CheckedContinuation<Bool, Never>?)>((false, nil))

        func signal() {
            let waiter = state.withLock { s -> CheckedContinuation<Bool, Never>? in
                s.done = true
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.resume(returning: true)
        }

        /// Whether the process ended within `timeout`.
        func wait(timeout: Duration) async -> Bool {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let done = state.withLock { s -> Bool in
                    if s.done { return true }
                    s.waiter = continuation
                    return false
                }
                if done { continuation.resume(returning: true); return }
                Task {
                    try? await Task.sleep(for: timeout)
                    let waiter = self.state.withLock { s -> CheckedContinuation<Bool, Never>? in
                        defer { s.waiter = nil }
                        return s.waiter
                    }
                    waiter?.resume(returning: false)
                }
            }
        }
    }
}
