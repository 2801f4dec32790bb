extension Key {
    /// A key from a MIDI key signature: sharps (positive) or flats (negative), major or minor.
    public init(fifths: Int, minor: Bool) {
        let majors = ["Cb", "Gb", "Db", "Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B", "F#", "C#"]
        let index = max(-7, min(7, fifths)) + 7
        let major = NoteName(majors[index])!
        if minor {
            self.init(major.transposed(by: Interval(steps: 5, semitones: 9)), .minor)
        } else {
            self.init(major, .major)
        }
    }

    /// How a MIDI note number is spelled in this key: the scale's own note when it has one, otherwise a sharp
    /// in sharp keys (and C major) and a flat in flat keys.
    public func spell(midiNumber: Int) -> Pitch {
        let pc = ((midiNumber % 12) + 12) % 12
        let name = scale.notes.first { $0.pitchClass == pc } ?? {
            let sharps = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
            let flats = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"]
            return NoteName((fifths < 0 ? flats : sharps)[pc])!
        }()
        // The octave belongs to the letter: B♯3 and C♭5 sit across the octave line from their sound.
        let octave = (midiNumber - name.letter.naturalSemitone - name.accidental) / 12 - 1
        return Pitch(name, octave: octave)
    }
}
