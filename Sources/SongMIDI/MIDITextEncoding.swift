/// How text meta events are encoded. SMF leaves it open; Songbridge writes UTF-8 by default (modern players
/// and `mido` read it) and Latin-1 for older karaoke players, where characters outside Latin-1 become `?`.
public enum MIDITextEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8 = "utf-8"
    case latin1 = "latin-1"

    /// The bytes of `text`.
    public func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8: return Array(text.utf8)
        case .latin1: return text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") }
        }
    }

    /// Text from bytes: UTF-8 when the bytes are valid UTF-8, otherwise Latin-1 (what old files use).
    public static func decode(_ bytes: [UInt8]) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return String(bytes.map { Character(UnicodeScalar($0)) })
    }
}
