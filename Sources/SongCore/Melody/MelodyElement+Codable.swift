/// JSON: `{"note": {…}}`, `{"bar": "|:"}`, `{"lineBreak": true}` and so on: one key naming the element.
extension MelodyElement: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CaseKey.self)
        let name = try c.caseName("melody element")
        switch name {
        case "note": self = .note(try c.value(name))
        case "rest": self = .rest(try c.value(name))
        case "bar": self = .bar(try c.value(name))
        case "ending": self = .ending(try c.value(name))
        case "tuplet": self = .tuplet(try c.value(name))
        case "slur": self = .slur(start: try c.value(name) == "start")
        case "key": self = .key(try c.value(name))
        case "meter": self = .meter(try c.value(name))
        case "unitLength": self = .unitLength(try c.value(name))
        case "tempo": self = .tempo(try c.value(name))
        case "part": self = .part(try c.value(name))
        case "barDecoration": self = .barDecoration(try c.value(name))
        case "lineBreak": self = .lineBreak
        default: throw DecodingError.dataCorruptedError(forKey: CaseKey(name), in: c, debugDescription: "unknown melody element")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CaseKey.self)
        switch self {
        case .note(let v): try c.encode(v, forKey: CaseKey("note"))
        case .rest(let v): try c.encode(v, forKey: CaseKey("rest"))
        case .bar(let v): try c.encode(v, forKey: CaseKey("bar"))
        case .ending(let v): try c.encode(v, forKey: CaseKey("ending"))
        case .tuplet(let v): try c.encode(v, forKey: CaseKey("tuplet"))
        case .slur(let start): try c.encode(start ? "start" : "end", forKey: CaseKey("slur"))
        case .key(let v): try c.encode(v, forKey: CaseKey("key"))
        case .meter(let v): try c.encode(v, forKey: CaseKey("meter"))
        case .unitLength(let v): try c.encode(v, forKey: CaseKey("unitLength"))
        case .tempo(let v): try c.encode(v, forKey: CaseKey("tempo"))
        case .part(let v): try c.encode(v, forKey: CaseKey("part"))
        case .barDecoration(let v): try c.encode(v, forKey: CaseKey("barDecoration"))
        case .lineBreak: try c.encode(true, forKey: CaseKey("lineBreak"))
        }
    }
}

/// JSON: `{"syllable": "won", "continuesWord": true}`, `"hold"` or `"skip"`.
extension Lyric: Codable {
    private enum Keys: String, CodingKey { case syllable, continuesWord }

    public init(from decoder: any Decoder) throws {
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            switch word {
            case "hold": self = .hold
            case "skip": self = .skip
            default: throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected hold, skip or a syllable"))
            }
            return
        }
        let c = try decoder.container(keyedBy: Keys.self)
        self = .syllable(try c.decode(String.self, forKey: .syllable), continuesWord: try c.decodeIfPresent(Bool.self, forKey: .continuesWord) ?? false)
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .hold: var c = encoder.singleValueContainer(); try c.encode("hold")
        case .skip: var c = encoder.singleValueContainer(); try c.encode("skip")
        case .syllable(let text, let continues):
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(text, forKey: .syllable)
            try c.encode(continues, forKey: .continuesWord)
        }
    }
}
