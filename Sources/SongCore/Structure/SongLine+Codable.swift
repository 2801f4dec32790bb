/// JSON: `{"lyrics": [segments]}`, `{"comment": {"text": …, "style": …}}`, `{"blank": true}`, `{"grid": {…}}`,
/// `{"unknownDirective": {"name": …, "value": …}}`.
extension SongLine: Codable {
    private struct Comment: Codable { var text: String; var style: String }
    private struct Directive: Codable { var name: String; var value: String? }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CaseKey.self)
        let name = try c.caseName("song line")
        switch name {
        case "lyrics": self = .lyrics(try c.value(name))
        case "comment": let v: Comment = try c.value(name); self = .comment(v.text, style: v.style)
        case "blank": self = .blank
        case "grid": self = .grid(try c.value(name))
        case "unknownDirective": let v: Directive = try c.value(name); self = .unknownDirective(name: v.name, value: v.value)
        default: throw DecodingError.dataCorruptedError(forKey: CaseKey(name), in: c, debugDescription: "unknown song line")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CaseKey.self)
        switch self {
        case .lyrics(let v): try c.encode(v, forKey: CaseKey("lyrics"))
        case .comment(let text, let style): try c.encode(Comment(text: text, style: style), forKey: CaseKey("comment"))
        case .blank: try c.encode(true, forKey: CaseKey("blank"))
        case .grid(let v): try c.encode(v, forKey: CaseKey("grid"))
        case .unknownDirective(let name, let value): try c.encode(Directive(name: name, value: value), forKey: CaseKey("unknownDirective"))
        }
    }
}

/// JSON: `{"section": {…}}` or `{"chorusRecall": {"label": …}}`.
extension SongBlock: Codable {
    private struct Recall: Codable { var label: String? }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CaseKey.self)
        let name = try c.caseName("song block")
        switch name {
        case "section": self = .section(try c.value(name))
        case "chorusRecall": let v: Recall = try c.value(name); self = .chorusRecall(label: v.label)
        default: throw DecodingError.dataCorruptedError(forKey: CaseKey(name), in: c, debugDescription: "unknown song block")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CaseKey.self)
        switch self {
        case .section(let v): try c.encode(v, forKey: CaseKey("section"))
        case .chorusRecall(let label): try c.encode(Recall(label: label), forKey: CaseKey("chorusRecall"))
        }
    }
}

/// JSON: `{"bar": "|"}`, `{"chord": "Am"}`, `"hold"`, `"again"`, `"repeatBar"`.
extension GridRow.Cell: Codable {
    public init(from decoder: any Decoder) throws {
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            switch word {
            case "hold": self = .hold
            case "again": self = .again
            case "repeatBar": self = .repeatBar
            default: throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected hold, again or repeatBar"))
            }
            return
        }
        let c = try decoder.container(keyedBy: CaseKey.self)
        let name = try c.caseName("grid cell")
        switch name {
        case "bar": self = .bar(try c.value(name))
        case "chord": self = .chord(try c.value(name))
        default: throw DecodingError.dataCorruptedError(forKey: CaseKey(name), in: c, debugDescription: "unknown grid cell")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .hold: var c = encoder.singleValueContainer(); try c.encode("hold")
        case .again: var c = encoder.singleValueContainer(); try c.encode("again")
        case .repeatBar: var c = encoder.singleValueContainer(); try c.encode("repeatBar")
        case .bar(let b): var c = encoder.container(keyedBy: CaseKey.self); try c.encode(b, forKey: CaseKey("bar"))
        case .chord(let ch): var c = encoder.container(keyedBy: CaseKey.self); try c.encode(ch, forKey: CaseKey("chord"))
        }
    }
}
