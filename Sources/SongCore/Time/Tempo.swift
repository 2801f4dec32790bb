/// A tempo: so many beats of a given note value per minute, with optional text (ABC `Q:1/4=96 "Gently"`).
public struct Tempo: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Beats per minute.
    public var beatsPerMinute: Double
    /// The note value that gets the beat.
    public var beat: NoteLength
    /// Words such as "Andante" or "Gently", if given.
    public var text: String?

    /// A tempo of `beatsPerMinute` beats of `beat` (a quarter note by default).
    public init(_ beatsPerMinute: Double, beat: NoteLength = .quarter, text: String? = nil) {
        self.beatsPerMinute = beatsPerMinute
        self.beat = beat
        self.text = text
    }

    /// Quarter notes per minute.
    public var quarterNotesPerMinute: Double { beatsPerMinute * beat.quarterNotes }

    /// Seconds that `duration` lasts at this tempo.
    public func seconds(for duration: NoteLength) -> Double {
        duration.doubleValue / beat.doubleValue * 60 / beatsPerMinute
    }

    /// `1/4=96`.
    public var description: String {
        let bpm = beatsPerMinute.rounded() == beatsPerMinute ? String(Int(beatsPerMinute)) : String(beatsPerMinute)
        return "\(beat)=\(bpm)"
    }
}
