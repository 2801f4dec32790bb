/// The time a tune is written in: its tempo, meter and key, each known or not. A take of a tune is written down in
/// the time given for it, else its section's own tune's, else its song's, else what the notes suggest.
public struct TuneTime: Sendable, Hashable {
    public var tempo: Tempo?
    public var meter: Meter?
    public var key: Key?

    public init(tempo: Tempo? = nil, meter: Meter? = nil, key: Key? = nil) {
        self.tempo = tempo
        self.meter = meter
        self.key = key
    }

    /// This time, with `other`'s where this one says nothing.
    public func filling(from other: TuneTime) -> TuneTime {
        TuneTime(tempo: tempo ?? other.tempo, meter: meter ?? other.meter, key: key ?? other.key)
    }
}
