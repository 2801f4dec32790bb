import Foundation
import OpenAPIKit
import SongCore

/// The OpenAPI 3.1 document of the JSON API, made from `APIRoute.all` as OpenAPIKit's typed values (so a field
/// cannot be misspelt or put at the wrong level), checked by OpenAPIKit's validator in the tests, and encoded
/// once with sorted keys.
enum OpenAPIDocument {
    static let document: OpenAPI.Document = {
        var paths: OpenAPI.PathItem.Map = [:]
        for route in APIRoute.all {
            let path = OpenAPI.Path(rawValue: route.openAPIPath)
            var item = paths[path]?.b ?? OpenAPI.PathItem()
            switch route.method {
            case .get: item.get = operation(route)
            case .post: item.post = operation(route)
            case .patch: item.patch = operation(route)
            }
            paths[path] = .init(item)
        }
        return OpenAPI.Document(
            openAPIVersion: .v3_1_1,
            info: .init(title: "Songbridge", description: "The tour's archive: songs, people as consent allows, contributions, merges and renders. Every refusal is a 4xx with {\"error\": {\"message\": …}}.", version: "1.0.0"),
            servers: [],
            paths: paths,
            components: .init(securitySchemes: [
                "facilitatorToken": .init(OpenAPI.SecurityScheme(type: .http(scheme: "bearer", bearerFormat: nil), description: "made with songbridge token create")),
            ]))
    }()

    /// The document as JSON, keys sorted, as `/api/v1/openapi.json` serves it.
    static let json: String = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }()

    static let jsonType = OpenAPI.ContentType.json

    /// A refusal every route of its kind can give, with the API's error body.
    static func refusal(_ about: String) -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response> {
        .init(OpenAPI.Response(description: about, content: [jsonType: .init(OpenAPI.Content(schema: APISchema.error.openAPI()))]))
    }

    static func operation(_ route: APIRoute) -> OpenAPI.Operation {
        var responses: OpenAPI.Response.Map = [
            400: refusal("Bad request: the reason says what to change"),
            404: refusal("No such song, render or contributor"),
        ]
        if route.path.hasPrefix("api/v1/renders") || route.method != .get { responses[409] = refusal("Not possible now (a render not finished)") }
        if !route.uploads.isEmpty {
            responses[403] = refusal("Sent from another site's page")
            responses[413] = refusal("The recording is larger than \(SongLimits.takeBytes >> 20) MB")
            responses[415] = refusal("The body is not one of the audio types this route takes")
        } else if route.method != .get || route.body != nil {
            responses[403] = refusal("Sent from another site's page")
            responses[413] = refusal("The body is larger than \(route.maximumBody / 1024) KiB")
            responses[415] = refusal("The body is not JSON")
        }
        if route.access == .sync { responses[401] = refusal("A facilitator token is needed, on loopback too") }
        if route.writes { responses[401] = refusal("A facilitator token is needed (only when the server listens beyond loopback)") }
        for reply in route.replies {
            var content: OpenAPI.Content.Map = [:]
            if let schema = reply.schema, !reply.type.isEmpty {
                for type in reply.type.split(separator: ",") {
                    guard let contentType = OpenAPI.ContentType(rawValue: type.trimmingCharacters(in: .whitespaces)) else { continue }
                    content[contentType] = .init(OpenAPI.Content(schema: schema.openAPI()))
                }
            }
            responses[.status(code: reply.status)] = .init(OpenAPI.Response(description: reply.about, content: content))
        }
        var parameters: OpenAPI.Parameter.Array = route.query.map { parameter in
            // A number's example is a number, as its schema says.
            let example: AnyCodable? = parameter.example.map { example in
                if case .integer = parameter.schema, let n = Int(example) { AnyCodable(n) } else { AnyCodable(example) }
            }
            return .init(OpenAPI.Parameter(
                name: parameter.name,
                context: .query(required: parameter.required, schemaOrContent: .schema(.init(parameter.schema.openAPI(), style: .form, example: example))),
                description: parameter.about))
        }
        if route.path.contains(":id") {
            let id: JSONSchema = route.idIsText ? .string(maxLength: 200, pattern: "^[A-Za-z0-9-]+$")
                : .integer(maximum: (APIRoute.largest, exclusive: false), minimum: (1, exclusive: false))
            let example: AnyCodable? = route.exampleID.map { route.idIsText ? AnyCodable($0) : AnyCodable(Int($0)) }
            parameters.append(.init(OpenAPI.Parameter(name: "id", context: .path(schemaOrContent: .schema(.init(id, style: .simple, example: example))))))
        }
        var requestBody: OpenAPI.Request?
        if let body = route.body {
            let example = route.example.flatMap { try? JSONDecoder().decode(AnyCodable.self, from: Data($0.utf8)) }
            requestBody = OpenAPI.Request(content: [jsonType: .init(OpenAPI.Content(schema: body.openAPI(nullOmits: true), example: example))], required: body.isRequired)
        }
        if !route.uploads.isEmpty {
            // A route that takes JSON too keeps it beside the recordings.
            var content: OpenAPI.Content.Map = requestBody?.content ?? [:]
            for type in route.uploads {
                guard let contentType = OpenAPI.ContentType(rawValue: type) else { continue }
                content[contentType] = .init(OpenAPI.Content(schema: .string(contentMediaType: contentType)))
            }
            requestBody = OpenAPI.Request(description: (route.body == nil ? "" : "JSON, or ") + "The recording, at most \(SongLimits.takeBytes >> 20) MB and \(Int(SongLimits.takeSeconds / 60)) minutes",
                                          content: content, required: true)
        }
        // On loopback no token is needed; beyond it, writes need one. A sync always needs one.
        let security: [OpenAPI.SecurityRequirement]? = route.access == .sync ? [[.component(named: "facilitatorToken"): []]]
            : route.writes ? [[:], [.component(named: "facilitatorToken"): []]] : nil
        return OpenAPI.Operation(summary: route.summary, operationId: operationID(route), parameters: parameters, requestBody: requestBody,
                                 responses: responses, security: security)
    }

    /// `getApiV1SongsId`-style names, from the method and path.
    static func operationID(_ route: APIRoute) -> String {
        route.method.rawValue + route.path.split(separator: "/").map { part in
            let word = part.hasPrefix(":") ? String(part.dropFirst()) : String(part)
            return word.prefix(1).uppercased() + word.dropFirst().replacingOccurrences(of: ".", with: "")
        }.joined()
    }
}
