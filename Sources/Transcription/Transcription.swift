import Foundation
/// What a take was heard as: its notes, and the tuning offset the whole take was sung at.
public struct Transcription: Sendable, Hashable, Codable {
    /// The notes, in order.
    public var notes: [TranscribedNote]
    /// How far the take sits from concert pitch, in cents (−30: a group singing 30 cents flat).
    public var tuningCents: Double
    /// How long the take is, in seconds.
    public var seconds: Double

    public init(notes: [TranscribedNote], tuningCents: Double, seconds: Double) {
        self.notes = notes
        self.tuningCents = tuningCents
        self.seconds = seconds
    }

    /// The transcription as JSON text, keys sorted: what the archive keeps beside a take.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
