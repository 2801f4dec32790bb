/// What the transcriber hears, frame by frame: for studying a take it gets wrong (`songbridge-dev pitch-trace`).
extension Transcriber {
    /// One frame: its time, loudness, spectral flux, phase deviation, pitch candidates (cents above MIDI 0,
    /// probability) and the decoded pitch (nil where the pitch track calls it unvoiced).
    public struct TraceFrame: Sendable {
        public var time: Double
        public var rms: Float
        public var flux: Float
        public var phaseDeviation: Float
        public var candidates: [(cents: Double, probability: Double)]
        public var pitch: Double?
    }

    /// The take's frames as the transcriber reads them, and the transcription made from them (one pass).
    public static func trace(_ take: Take) -> (frames: [TraceFrame], transcription: Transcription) {
        let heard = heard(take)
        let frames = zip(heard.frames, heard.pitches).map { TraceFrame(time: $0.time, rms: $0.rms, flux: $0.flux, phaseDeviation: $0.phaseDeviation, candidates: $0.candidates, pitch: $1) }
        return (frames, heard.transcription)
    }
}
