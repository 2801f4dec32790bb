import SongCore

extension HarmonyComparison {
    /// Every tune of `song` that has chords, harmonised afresh without them (`Harmoniser.harmonise` with
    /// `model`) and compared with the songwriters' own; `each`, if given, sees each tune's pair.
    public static func ofSong(_ song: Song, model: HarmonyModel = .learned, halfBars: Bool = false, each: ((Section, Melody) -> Void)? = nil) -> HarmonyComparison {
        var total = HarmonyComparison()
        for section in song.sections {
            guard let melody = section.melody, !melody.chordSymbols.isEmpty else { continue }
            let suggested = Harmoniser.harmonise(melody.withoutChords, halfBars: halfBars, model: model)
            total.add(HarmonyComparison(original: melody, suggested: suggested))
            each?(section, suggested)
        }
        return total
    }
}
