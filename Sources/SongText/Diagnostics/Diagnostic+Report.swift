import Dispatch
import Synchronization

extension Diagnostic {
    /// Every diagnostic's description, one after another (each ends its own lines): what a command prints for a file.
    /// A tunebook can give a thousand warnings, so they are formatted on the machine's cores and then written once,
    /// not one write each.
    public static func report(_ diagnostics: [Diagnostic]) -> String {
        let chunk = 256
        guard diagnostics.count > chunk else { return diagnostics.map(\.description).joined(separator: "\n") }
        let chunks = (diagnostics.count + chunk - 1) / chunk
        let parts = Mutex([String](repeating: "", count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let text = diagnostics[c * chunk..<min(diagnostics.count, (c + 1) * chunk)].map(\.description).joined(separator: "\n")
            parts.withLock { $0[c] = text }
        }
        return parts.withLock { $0 }.joined(separator: "\n")
    }
}
