/// What the transcriber hears, frame by frame: for studying a take it gets wrong (`songbridge-dev pitch-trace`).
extension Transcriber {
    /// One frame: its time, loudness, spectral flux, pitch candidates (cents above MIDI 0, probability) and the
    /// decoded pitch (nil where the pitch track calls it unvoiced).
    public struct TraceFrame: Sendable {
        public var time: Double
        public var rms: Float
        public var flux: Float
        public var candidates: [(cents: Double, probability: Double)]
        public var pitch: Double?
    }

    /// The take's frames as the transcriber reads them.
    public static func trace(_ take: Take) -> [TraceFrame] {
        let frames = PitchTracker.frames(take.resampled(to: PitchTracker.sampleRate))
        let peak = frames.map(\.rms).max() ?? 0
        let pitches = PitchPath.decode(frames, silenceRMS: max(peak * 0.0056, 0.0003))
        return zip(frames, pitches).map { TraceFrame(time: $0.time, rms: $0.rms, flux: $0.flux, candidates: $0.candidates, pitch: $1) }
    }
}
