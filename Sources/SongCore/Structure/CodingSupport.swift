/// Keys for the JSON shape of enums with payloads: one key naming the case, holding the payload.
struct CaseKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where Key == CaseKey {
    /// The single case name in an enum's JSON object.
    func caseName(_ type: String) throws -> String {
        guard allKeys.count == 1, let key = allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "expected one key naming the \(type)"))
        }
        return key.stringValue
    }

    func value<T: Decodable>(_ name: String) throws -> T { try decode(T.self, forKey: CaseKey(name)) }
}

/// Decoding a value written as a string, such as `"Am7"` or `"F#4"`.
func decodeString<T>(_ decoder: any Decoder, as what: String, _ parse: (String) -> T?) throws -> T {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let value = parse(text) else {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not \(what)"))
    }
    return value
}
