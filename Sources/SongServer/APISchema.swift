import Foundation

/// A JSON Schema (the subset the API needs), as Sendable values so the route table can hold them; `json` gives
/// the OpenAPI 3.1 form.
indirect enum APISchema: Sendable {
    case string(enumeration: [String]? = nil, pattern: String? = nil, maxLength: Int? = nil)
    case integer(minimum: Int? = nil, maximum: Int? = nil)
    case number(minimum: Double? = nil, maximum: Double? = nil)
    case boolean
    case array(APISchema, minItems: Int? = nil)
    /// Properties in order, with whether each is required.
    case object([(String, APISchema, required: Bool)])
    /// Any JSON object (the song, lyric analyses: described in prose).
    case anyObject
    case binary

    var json: [String: Any] { json(nullOmits: false) }

    /// The schema; with `nullOmits`, an object's optional properties may also be null (a request body, where
    /// null means "not given", as the server reads it).
    func json(nullOmits: Bool) -> [String: Any] {
        switch self {
        case .string(let values, let pattern, let maxLength):
            var s: [String: Any] = ["type": "string"]
            if let values { s["enum"] = values }
            if let pattern { s["pattern"] = pattern }
            if let maxLength { s["maxLength"] = maxLength }
            return s
        case .integer(let minimum, let maximum):
            var s: [String: Any] = ["type": "integer"]
            if let minimum { s["minimum"] = minimum }
            if let maximum { s["maximum"] = maximum }
            return s
        case .number(let minimum, let maximum):
            var s: [String: Any] = ["type": "number"]
            if let minimum { s["minimum"] = minimum }
            if let maximum { s["maximum"] = maximum }
            return s
        case .boolean: return ["type": "boolean"]
        case .array(let items, let minItems):
            var s: [String: Any] = ["type": "array", "items": items.json(nullOmits: nullOmits)]
            if let minItems { s["minItems"] = minItems }
            return s
        case .object(let properties):
            var s: [String: Any] = ["type": "object", "properties": Dictionary(uniqueKeysWithValues: properties.map { property in
                var p = property.1.json(nullOmits: nullOmits)
                if nullOmits, !property.required, let type = p["type"] as? String {
                    p["type"] = [type, "null"]
                    if let values = p["enum"] as? [String] { p["enum"] = values.map { $0 as Any } + [NSNull()] }
                }
                return (property.0, p)
            })]
            let required = properties.filter(\.required).map(\.0)
            if !required.isEmpty { s["required"] = required }
            return s
        case .anyObject: return ["type": "object"]
        case .binary: return ["type": "string", "contentMediaType": "application/octet-stream"]
        }
    }

    /// `{"error": {"message": …}}`, the body of every refusal.
    static let error = APISchema.object([("error", .object([("message", .string(), required: true)]), required: true)])

    /// Whether a body of this shape must be sent (an object with a required property).
    var isRequired: Bool {
        if case .object(let properties) = self { properties.contains(where: \.required) } else { false }
    }
}
