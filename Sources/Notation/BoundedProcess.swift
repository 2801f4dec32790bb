import Foundation
import Synchronization

/// An outside program run with bounds: in a folder of its own, a bare environment, no input, its output to a file
/// (so a long output cannot fill a pipe), stopped once `timeout` passes (terminated, then killed half a second later if it is still there). The engraver
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
        // The time limit is kept by a Dispatch timer, not a task: a busy task pool must not let a program overstay.
        let pid = process.processIdentifier
        let stopped = Mutex(false)
        let timer = DispatchWorkItem {
            guard !ended.isDone else { return }
            stopped.withLock { $0 = true }
            kill(pid, SIGTERM)
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { if !ended.isDone { kill(pid, SIGKILL) } }
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: timer)
        await ended.wait()
        timer.cancel()
        return stopped.withLock { $0 } ? .timedOut : .exited(process.terminationStatus)
    }

    /// A process's end, awaited.
    final class Ended: Sendable {
        private let state = Mutex<(done: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

        var isDone: Bool { state.withLock { $0.done } }

        func signal() {
            let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
                s.done = true
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.resume()
        }

        func wait() async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let done = state.withLock { s -> Bool in
                    if s.done { return true }
                    s.waiter = continuation
                    return false
                }
                if done { continuation.resume() }
            }
        }
    }
}
