import Foundation

/// The OpenAPI 3.1 document of the JSON API, made from `APIRoute.all`.
enum OpenAPIDocument {
    static let json: String = {
        let error: [String: Any] = ["application/json": ["schema": APISchema.error.json]]
        func refusal(_ about: String) -> [String: Any] { ["description": about, "content": error] }
        var paths: [String: [String: Any]] = [:]
        for route in APIRoute.all {
            var responses: [String: Any] = [
                "400": refusal("Bad request: the reason says what to change"),
                "404": refusal("No such song, render or contributor"),
            ]
            if route.path.hasPrefix("api/v1/renders") || route.method != .get { responses["409"] = refusal("Not possible now (a render not finished)") }
            if route.method != .get || route.body != nil {
                responses["403"] = refusal("Sent from another site's page")
                responses["413"] = refusal("The body is larger than 256 KiB")
                responses["415"] = refusal("The body is not JSON")
            }
            if route.writes { responses["401"] = refusal("A facilitator token is needed (only when the server listens beyond loopback)") }
            for reply in route.replies {
                var r: [String: Any] = ["description": reply.about]
                if let schema = reply.schema, !reply.type.isEmpty {
                    r["content"] = Dictionary(uniqueKeysWithValues: reply.type.split(separator: ",").map { ($0.trimmingCharacters(in: .whitespaces), ["schema": schema.json]) })
                }
                responses[String(reply.status)] = r
            }
            var op: [String: Any] = ["summary": route.summary, "operationId": operationID(route), "responses": responses]
            var parameters: [[String: Any]] = route.query.map { parameter in
                var p: [String: Any] = ["name": parameter.name, "in": "query", "required": parameter.required, "description": parameter.about,
                                        "schema": parameter.schema.json]
                if let example = parameter.example {
                    // A number's example is a number, as its schema says.
                    if case .integer = parameter.schema, let n = Int(example) { p["example"] = n } else { p["example"] = example }
                }
                return p
            }
            if route.path.contains(":id") {
                let id: [String: Any] = route.idIsText ? ["type": "string", "pattern": "^[A-Za-z0-9-]+$", "maxLength": 200]
                    : ["type": "integer", "minimum": 1, "maximum": APIRoute.largest]
                var p: [String: Any] = ["name": "id", "in": "path", "required": true, "schema": id]
                if let example = route.exampleID { p["example"] = route.idIsText ? example as Any : Int(example) as Any }
                parameters.append(p)
            }
            if !parameters.isEmpty { op["parameters"] = parameters }
            if let body = route.body {
                var media: [String: Any] = ["schema": body.json(nullOmits: true)]
                if let example = route.example, let value = try? JSONSerialization.jsonObject(with: Data(example.utf8)) { media["example"] = value }
                op["requestBody"] = ["required": body.isRequired, "content": ["application/json": media]]
            }
            // On loopback no token is needed; beyond it, writes need one.
            if route.writes { op["security"] = [[String: [String]](), ["facilitatorToken": [String]()]] }
            paths[route.openAPIPath, default: [:]][route.method.rawValue] = op
        }
        let doc: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "Songbridge", "version": "1.0.0",
                     "description": "The tour's archive: songs, people as consent allows, contributions, merges and renders. Every refusal is a 4xx with {\"error\": {\"message\": …}}."],
            "paths": paths,
            "components": ["securitySchemes": ["facilitatorToken": ["type": "http", "scheme": "bearer", "description": "made with songbridge token create"]]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }()

    /// `getApiV1SongsId`-style names, from the method and path.
    static func operationID(_ route: APIRoute) -> String {
        route.method.rawValue + route.path.split(separator: "/").map { part in
            let word = part.hasPrefix(":") ? String(part.dropFirst()) : String(part)
            return word.prefix(1).uppercased() + word.dropFirst().replacingOccurrences(of: ".", with: "")
        }.joined()
    }
}
