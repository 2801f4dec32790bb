import Foundation

/// A take as the archive keeps it: who sang it, for which song and section, how long it is, and what the
/// transcriber heard (as the JSON it gave). The audio itself is read only on its own (`TourArchive.takeAudio`).
public struct ArchivedTake: Sendable, Hashable {
    /// A random id (`t-` and 16 hex digits): nothing in it tells when or by whom it was made.
    public var id: String
    public var song: Int64
    public var section: String?
    /// The contributors heard in it.
    public var singers: [String]
    /// The file's format: wav, flac or ogg.
    public var format: String
    public var seconds: Double
    public var transcription: String
    public var createdAt: String

    /// The format a recording's bytes are in, from their first bytes (a file's name or a request's type can say
    /// anything): wav, flac or ogg, or nil for none of these.
    public static func format(of bytes: Data) -> String? {
        let head = Array(bytes.prefix(4))
        switch head {
        case Array("RIFF".utf8): return "wav"
        case Array("fLaC".utf8): return "flac"
        case Array("OggS".utf8): return "ogg"
        default: return nil
        }
    }

    /// A new random take id.
    public static func newID() -> String {
        let digits = String(UInt64.random(in: .min ... .max), radix: 16)
        return "t-" + String(repeating: "0", count: 16 - digits.count) + digits
    }
}
