import Foundation

/// The OpenAPI 3.1 document of the JSON API, made from `APIRoute.all`.
enum OpenAPIDocument {
    static var json: String {
        var paths: [String: [String: Any]] = [:]
        for route in APIRoute.all {
            var op: [String: Any] = ["summary": route.summary, "responses": ["200": ["description": "OK"], "400": ["description": "Bad request, with a JSON reason"], "404": ["description": "Not found, with a JSON reason"]]]
            var parameters: [[String: Any]] = route.query.map { ["name": $0, "in": "query", "required": false, "schema": ["type": "string"]] }
            if route.path.contains(":id") { parameters.append(["name": "id", "in": "path", "required": true, "schema": ["type": "integer"]]) }
            if !parameters.isEmpty { op["parameters"] = parameters }
            if route.writes {
                op["requestBody"] = ["content": ["application/json": ["schema": ["type": "object"]]]]
                op["security"] = [["facilitatorToken": [String]()]]
            }
            paths[route.openAPIPath, default: [:]][route.method.rawValue] = op
        }
        let doc: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "Songbridge", "version": "1.0.0", "description": "The tour's archive: songs, people as consent allows, contributions and merges."],
            "paths": paths,
            "components": ["securitySchemes": ["facilitatorToken": ["type": "http", "scheme": "bearer"]]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
