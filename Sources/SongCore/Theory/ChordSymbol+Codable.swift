/// Chord symbols are written as their canonical text (`"F#m7b5"`, `"G/B"`, `"N.C."`).
extension ChordSymbol: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeString(decoder, as: "a chord symbol") { try? ChordSymbol(parsing: $0) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Note names are written as text (`"F#"`, `"Bb"`).
extension NoteName: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeString(decoder, as: "a note name") { NoteName($0) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Pitches are written as name and octave (`"F#4"`, `"Bb-1"`).
extension Pitch: Codable {
    public init(from decoder: any Decoder) throws {
        self = try decodeString(decoder, as: "a pitch such as F#4") { text in
            guard let (name, rest) = NoteName.parsePrefix(Substring(text)), let octave = Int(rest) else { return nil }
            return Pitch(name, octave: octave)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
