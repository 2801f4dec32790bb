import OpenAPIKit

extension APISchema {
    /// The schema as OpenAPIKit's JSON Schema. `required` is whether the property holding it must be there; with
    /// `nullOmits`, an object's optional properties may also be null (a request body, where null means "not
    /// given", as the server reads it).
    func openAPI(nullOmits: Bool = false, required: Bool = true, nullable: Bool = false) -> JSONSchema {
        switch self {
        case .string(let values, let pattern, let maxLength):
            let allowed = values.map { v in v.map { AnyCodable($0) } + (nullable ? [AnyCodable(nilLiteral: ())] : []) }
            return .string(required: required, nullable: nullable, maxLength: maxLength, pattern: pattern, allowedValues: allowed)
        case .integer(let minimum, let maximum):
            return .integer(required: required, nullable: nullable, maximum: maximum.map { ($0, exclusive: false) }, minimum: minimum.map { ($0, exclusive: false) })
        case .number(let minimum, let maximum):
            return .number(required: required, nullable: nullable, maximum: maximum.map { ($0, exclusive: false) }, minimum: minimum.map { ($0, exclusive: false) })
        case .boolean:
            return .boolean(required: required, nullable: nullable)
        case .array(let items, let minItems, let maxItems):
            return .array(required: required, nullable: nullable, minItems: minItems, maxItems: maxItems, items: items.openAPI(nullOmits: nullOmits))
        case .object(let properties):
            var fields: OrderedDictionary<String, JSONSchema> = [:]
            for (name, schema, isRequired) in properties {
                fields[name] = schema.openAPI(nullOmits: nullOmits, required: isRequired, nullable: nullOmits && !isRequired)
            }
            return .object(required: required, nullable: nullable, properties: fields)
        case .anyObject:
            return .object(required: required, nullable: nullable)
        case .binary:
            return .string(required: required, nullable: nullable, contentMediaType: OpenAPI.ContentType(rawValue: "application/octet-stream"))
        }
    }
}
