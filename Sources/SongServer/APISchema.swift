import Foundation

/// A JSON Schema (the subset the API needs), as Sendable values so the route table can hold them: the server
/// checks bodies against it (`APIRoute+Checks`), and `openAPI()` gives it to the document as OpenAPIKit's schema.
indirect enum APISchema: Sendable {
    case string(enumeration: [String]? = nil, pattern: String? = nil, maxLength: Int? = nil)
    case integer(minimum: Int? = nil, maximum: Int? = nil)
    case number(minimum: Double? = nil, maximum: Double? = nil)
    case boolean
    case array(APISchema, minItems: Int? = nil, maxItems: Int? = nil)
    /// Properties in order, with whether each is required.
    case object([(String, APISchema, required: Bool)])
    /// Any JSON object (the song, lyric analyses: described in prose).
    case anyObject
    case binary

    /// `{"error": {"message": …}}`, the body of every refusal.
    static let error = APISchema.object([("error", .object([("message", .string(), required: true)]), required: true)])

    /// Whether a body of this shape must be sent (an object with a required property).
    var isRequired: Bool {
        if case .object(let properties) = self { properties.contains(where: \.required) } else { false }
    }
}
