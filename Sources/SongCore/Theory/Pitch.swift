/// A spelled pitch in a given octave. Octave numbers are scientific: middle C is C4 (MIDI 60), written `C` in ABC.
public struct Pitch: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The spelled pitch class.
    public var name: NoteName
    /// Scientific octave number of the letter (so B♯3 sounds as MIDI 60).
    public var octave: Int

    /// A pitch from a note name and octave.
    public init(_ name: NoteName, octave: Int) {
        self.name = name
        self.octave = octave
    }

    /// MIDI note number (C4 = 60).
    public var midiNumber: Int { (octave + 1) * 12 + name.letter.naturalSemitone + name.accidental }

    /// Diatonic position (letters counted from C0), used to move by letter steps across octaves.
    public var diatonicIndex: Int { octave * 7 + name.letter.rawValue }

    /// Name and octave, e.g. `F#4`.
    public var description: String { "\(name)\(octave)" }

    /// The pitch `interval` above (or below, for a negative interval), spelled by letter distance.
    public func transposed(by interval: Interval) -> Pitch {
        let index = diatonicIndex + interval.steps
        let letter = Letter(rawValue: ((index % 7) + 7) % 7)!
        let octave = Int((Double(index) / 7).rounded(.down))
        let targetMidi = midiNumber + interval.semitones
        let naturalMidi = (octave + 1) * 12 + letter.naturalSemitone
        return Pitch(NoteName(letter, targetMidi - naturalMidi), octave: octave)
    }

    public static func < (lhs: Pitch, rhs: Pitch) -> Bool {
        (lhs.midiNumber, lhs.diatonicIndex) < (rhs.midiNumber, rhs.diatonicIndex)
    }
}
