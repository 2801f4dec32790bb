import Foundation

/// Writes a file whole or not at all: into a temporary file beside it, then renamed into place.
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
