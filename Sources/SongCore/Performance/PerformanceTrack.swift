/// One instrument's part in a performance.
public struct PerformanceTrack: Sendable, Hashable, Codable {
    /// What the part plays, for choosing a sound and naming the track.
    public enum Role: String, Sendable, Hashable, Codable {
        case melody, chords, bass, drums, pad, harmony
    }

    /// The track name shown in sequencers.
    public var name: String
    /// What it plays.
    public var role: Role
    /// MIDI channel 0–15 (9 is General MIDI percussion).
    public var channel: Int
    /// General MIDI program 0–127.
    public var program: Int
    /// Bank (0 for General MIDI; 128 selects a drum kit in FluidSynth).
    public var bank: Int
    /// Channel volume 0–127 (controller 7).
    public var volume: Int
    /// Pan 0–127, 64 centre (controller 10).
    public var pan: Int
    /// Reverb send 0–127 (controller 91).
    public var reverb: Int
    /// Chorus send 0–127 (controller 93).
    public var chorus: Int
    /// The notes, in time order.
    public var notes: [PerformanceNote]
    /// Sung syllables, for the track that carries the words.
    public var syllables: [SungSyllable]

    /// A track.
    public init(
        name: String, role: Role, channel: Int, program: Int, bank: Int = 0, volume: Int = 100, pan: Int = 64,
        reverb: Int = 40, chorus: Int = 0, notes: [PerformanceNote] = [], syllables: [SungSyllable] = []
    ) {
        self.name = name
        self.role = role
        self.channel = channel
        self.program = program
        self.bank = bank
        self.volume = volume
        self.pan = pan
        self.reverb = reverb
        self.chorus = chorus
        self.notes = notes
        self.syllables = syllables
    }
}
