extension Song {
    /// The time a tune for the section labelled `label` is written in: that section's own tune's tempo, meter and
    /// key where it has a tune, else the song's.
    public func tuneTime(forSection label: String?) -> TuneTime {
        let own = label.flatMap { label in sections.first { $0.label == label }?.melody }
        let song = TuneTime(tempo: metadata.tempo, meter: metadata.meter, key: metadata.key)
        return own.map { TuneTime(tempo: $0.tempo, meter: $0.meter, key: $0.key).filling(from: song) } ?? song
    }
}
