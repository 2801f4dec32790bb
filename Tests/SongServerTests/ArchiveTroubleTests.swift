import Logging
import Synchronization
import Testing
@testable import SongServer

/// The server's log of the archive's troubles: the whole message (the client's answer leaves out where the archive
/// is), but not a line for every failed request of an outage.
@Suite struct ArchiveTroubleTests {
    /// A log handler that keeps what it is given.
    struct Kept: LogHandler {
        let box: Box
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            box.lines.withLock { $0.append("\(event.level) \(event.message)") }
        }
    }

    final class Box: Sendable { let lines = Mutex<[String]>([]) }

    @Test func oneLineEveryFiveSecondsSayingHowManyItPassedOver() {
        let box = Box()
        let logger = Logger(label: "test") { _ in Kept(box: box) }
        let trouble = ArchiveTrouble()
        let start = ContinuousClock.now
        let message = "the archive at postgres://archive@localhost/db?host=/run/pg cannot be reached (connection refused)"
        for second in [0, 1, 2, 4] { trouble.log(message, on: logger, now: start + .seconds(second)) }
        trouble.log(message, on: logger, now: start + .seconds(6))
        trouble.log(message, on: logger, now: start + .seconds(12))
        let lines = box.lines.withLock { $0 }
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.allSatisfy { $0.hasPrefix("warning archive: \(message)") }, "\(lines)")
        #expect(!lines[0].contains("more like it"))
        #expect(lines[1].hasSuffix("(and 3 more like it since the last line)"), "\(lines[1])")
        #expect(!lines[2].contains("more like it"), "\(lines[2])")
    }
}
