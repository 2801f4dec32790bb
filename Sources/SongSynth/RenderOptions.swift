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
    /// How the work is shared between synths when `parallelism` is 2 or more.
    public var splitting: Splitting = .channels

    /// How a render is shared between synths.
    public enum Splitting: String, Sendable, Hashable, CaseIterable {
        /// Each synth plays some of the channels for the whole song through FluidSynth's own MIDI player, and the
        /// parts are mixed: the same sound as `fluidsynth -F` (FluidSynth is linear), but every synth runs reverb
        /// and chorus for the whole length, so two synths are only about 1.4 times as fast as one.
        case channels
        /// Each synth plays every channel for part of the song, driven frame-exactly by Songbridge (not
        /// FluidSynth's player, whose millisecond timing differs by up to a millisecond a note); the second starts
        /// a few seconds early so its voices and reverb are going when its part begins, and the parts are
        /// crossfaded over 10 ms. About twice as fast as one synth; what the server uses for drafts.
        case time
    }

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
