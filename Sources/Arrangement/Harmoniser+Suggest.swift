import SongCore

extension Harmoniser {
    /// The chords for `melody`, one a slot (a bar, or half a bar in a meter of two or four pulses), from the start
    /// of each slot: the most likely chords under `model` (the learnt one unless given), which weighs the notes each
    /// chord holds, how one chord follows another within a bar and across a bar line, and the cadences where phrases
    /// end. A bar changes chord half way only where its halves ask for it (a change at the half bar is rarer in the
    /// tunebooks the model learnt from than one at a bar line), unless `halfBars`, which judges both alike, or the
    /// tune is slow enough that its half bar is a long stretch (`halvesAreLong`).
    ///
    /// An opening upbeat gets no chord, as in the tunebooks; the dominant is written as a seventh where the slot
    /// sings its seventh.
    public static func suggest(_ melody: Melody, halfBars: Bool, model: HarmonyModel = .learned) -> [(start: NoteLength, chord: Chord)] {
        let slots = HarmonySlot.slots(of: melody)
        let degrees = model.decode(slots, key: melody.key, freeHalves: halfBars || halvesAreLong(melody))
        let tonic = melody.key.tonic.pitchClass
        return zip(slots, degrees).compactMap { slot, degree in
            guard slot.measure >= 0 else { return nil }
            var chord = degree.chord(in: melody.key)
            let seventh = (tonic + degree.interval + 10) % 12
            if degree.interval == 7, degree.triad == .major, slot.heard.contains(where: { $0.pitchClass == seventh }) {
                chord.seventh = .minor
            }
            return (slot.start, chord)
        }
    }

    /// Whether half a bar of `melody` lasts at least `longHalf` seconds at its written tempo (none written: no). The
    /// model's reluctance to change chord within a bar is learnt from dance tunes, whose 4/4 is a quick two in a bar;
    /// a song sung slowly in 4/4 (a hymn, a ballad, The Tide Comes In at 100) spends as long in a half bar as a reel
    /// does in two bars, and its harmony moves with the half bar, most of all into a cadence (V–I in the last bar).
    static func halvesAreLong(_ melody: Melody) -> Bool {
        guard let tempo = melody.tempo, tempo.beatsPerMinute > 0, let bar = melody.meter.barLength, melody.meter.hasHalfBar else { return false }
        return tempo.seconds(for: bar * NoteLength(1, 2)) >= longHalf
    }

    /// Two crotchets at 100 a minute.
    static let longHalf = 1.2
}
