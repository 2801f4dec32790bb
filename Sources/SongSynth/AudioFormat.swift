import CSndFile

/// The audio files Songbridge writes, all through libsndfile (as FluidSynth's file renderer does).
public enum AudioFormat: String, Sendable, Hashable, CaseIterable {
    case wav16 = "wav"
    case wav24 = "wav24"
    case flac
    case ogg

    /// The format a file name's extension asks for (`.wav` is 16-bit; 24-bit WAV is chosen by option).
    public init?(path: String, bits24: Bool = false) {
        let lower = path.lowercased()
        if lower.hasSuffix(".wav") { self = bits24 ? .wav24 : .wav16 } else if lower.hasSuffix(".flac") { self = .flac } else if lower.hasSuffix(".ogg") || lower.hasSuffix(".oga") { self = .ogg } else { return nil }
    }

    /// libsndfile's format code.
    var sndfileFormat: Int32 {
        switch self {
        case .wav16: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        case .wav24: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24)
        case .flac: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
        case .ogg: Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)
        }
    }
}
