import Foundation
import Logging

/// Prints log messages as single lines on stderr (`songbridge: fluidsynth: …`), errors only unless asked for more.
struct OneLineLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let source = label.split(separator: ".").last.map(String.init) ?? label
        let text = "\(event.message)".trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return }
        printError("songbridge: \(source): \(text)")
    }

    /// Sends every Songbridge logger here, at `level` and above.
    static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in OneLineLogHandler(label: label, logLevel: level) }
    }
}
