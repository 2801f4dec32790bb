import Dispatch
import Synchronization

extension Diagnostic {
    /// Every diagnostic's description, one after another (each ends its own lines): what a command prints for a file.
    /// A tunebook can give a thousand warnings, so they are formatted on the machine's cores and then written once,
    /// not one write each.
    public static func report(_ diagnostics: [Diagnostic]) -> String {
        let chunk = 256
        guard diagnostics.count > chunk else { return String(decoding: text(diagnostics[...]), as: UTF8.self) }
        let chunks = (diagnostics.count + chunk - 1) / chunk
        let parts = Mutex([[UInt8]](repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let bytes = text(diagnostics[c * chunk..<min(diagnostics.count, (c + 1) * chunk)])
            parts.withLock { $0[c] = bytes }
        }
        return String(decoding: Array(parts.withLock { $0 }.joined(separator: [UInt8(ascii: "\n")])), as: UTF8.self)
    }

    /// The descriptions of `diagnostics`, a line break between each, as UTF-8.
    private static func text(_ diagnostics: ArraySlice<Diagnostic>) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(diagnostics.count * 200)
        for (index, diagnostic) in diagnostics.enumerated() {
            if index > 0 { text.append(UInt8(ascii: "\n")) }
            diagnostic.write(into: &text)
        }
        return text
    }
}
