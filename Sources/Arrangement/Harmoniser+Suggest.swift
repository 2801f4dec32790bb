import SongCore

extension Harmoniser {
    /// The chords for `melody`, one a slot (a bar, or half a bar in a meter of two or four pulses), from the start
    /// of each slot: the most likely chords under `model` (the learnt one unless given), which weighs the notes each
    /// chord holds, how one chord follows another within a bar and across a bar line, and the cadences where phrases
    /// end. A bar changes chord half way only where its halves ask for it (a change at the half bar is rarer in the
    /// tunebooks the model learnt from than one at a bar line), unless `halfBars`, which judges both alike.
    ///
    /// An opening upbeat gets no chord, as in the tunebooks; the dominant is written as a seventh where the slot
    /// sings its seventh.
    public static func suggest(_ melody: Melody, halfBars: Bool, model: HarmonyModel = .learned) -> [(start: NoteLength, chord: Chord)] {
        let slots = HarmonySlot.slots(of: melody)
        let degrees = model.decode(slots, key: melody.key, freeHalves: halfBars)
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
}
