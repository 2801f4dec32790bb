/// How to render a MIDI file to audio.
public struct RenderOptions: Sendable, Hashable {
    /// The SoundFont.
    public var soundFont: SoundFont
    /// Samples per second.
    public var sampleRate: Double
    /// FluidSynth's reverb on or off.
    public var reverb: Bool
    /// Reverb room size 0–1 (FluidSynth's default 0.2).
    public var reverbRoomSize: Double
    /// Reverb level 0–1 (FluidSynth's default 0.9).
    public var reverbLevel: Double
    /// FluidSynth's chorus on or off.
    public var chorus: Bool
    /// The peak the audio is scaled to, in dBFS (−1 by default); nil leaves FluidSynth's own level.
    public var normalizePeak: Double?
    /// How many synths render at once, each taking a share of the channels (two on a two-core machine).
    public var parallelism: Int
    /// The longest release and reverb tail rendered after the music ends, in seconds.
    public var maximumTail: Double

    /// Options with FluidSynth's defaults for sound and Songbridge's for loudness.
    public init(
        soundFont: SoundFont, sampleRate: Double = 44_100, reverb: Bool = true, reverbRoomSize: Double = 0.2, reverbLevel: Double = 0.9,
        chorus: Bool = true, normalizePeak: Double? = -1, parallelism: Int = 2, maximumTail: Double = 3
    ) {
        self.soundFont = soundFont
        self.sampleRate = sampleRate
        self.reverb = reverb
        self.reverbRoomSize = reverbRoomSize
        self.reverbLevel = reverbLevel
        self.chorus = chorus
        self.normalizePeak = normalizePeak
        self.parallelism = parallelism
        self.maximumTail = maximumTail
    }
}
