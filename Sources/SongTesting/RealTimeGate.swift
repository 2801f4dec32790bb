import Synchronization

/// Keeps CPU-heavy tests (printing PDFs with Chromium, music21 reading scores) from running while a test listens in
/// real time (Chromium's fake microphone plays its file at the speed of life, and a starved browser drops or shifts
/// what it hears). A listening test enters alone: it waits for the heavy tests in progress to finish, and heavy
/// tests that start meanwhile wait for it. Other tests are not held.
public final class RealTimeGate: Sendable {
    public static let shared = RealTimeGate()

    private let state = Mutex<(heavy: Int, listening: Bool, wantsToListen: Int)>((0, false, 0))

    /// What `leave()` gives back.
    public struct Pass: Sendable {
        let gate: RealTimeGate
        let listening: Bool
        public func leave() { gate.leave(listening: listening) }
    }

    /// Enters as a heavy test: waits while a test listens or waits to.
    public func heavy() async -> Pass {
        while true {
            let entered = state.withLock { s -> Bool in
                guard !s.listening, s.wantsToListen == 0 else { return false }
                s.heavy += 1
                return true
            }
            if entered { return Pass(gate: self, listening: false) }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Enters as a listening test: alone among the heavy ones.
    public func listening() async -> Pass {
        state.withLock { $0.wantsToListen += 1 }
        while true {
            let entered = state.withLock { s -> Bool in
                guard s.heavy == 0, !s.listening else { return false }
                s.listening = true
                s.wantsToListen -= 1
                return true
            }
            if entered { return Pass(gate: self, listening: true) }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    func leave(listening: Bool) {
        state.withLock { s in
            if listening { s.listening = false } else { s.heavy -= 1 }
        }
    }
}
