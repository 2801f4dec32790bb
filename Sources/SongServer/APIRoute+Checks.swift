import Foundation
import Hummingbird

extension APIRoute {
    /// Checks the request's query against the route's parameters (the same schemas the OpenAPI document shows):
    /// a missing required parameter, a number that is not one or out of range, a value not in the list, a text too
    /// long or empty is a 400 naming the parameter.
    func check(_ given: Parameters) throws { try check { given.get($0) } }

    /// The same check over values read through `value` (a page's form, say, where a choice left empty is none).
    func check(_ value: (String) -> String?) throws {
        for parameter in query {
            guard let value = value(parameter.name) else {
                if parameter.required { throw HTTPError(.badRequest, message: "give \(parameter.name)= (\(parameter.about))") }
                continue
            }
            if let problem = parameter.schema.problem(with: value) {
                throw HTTPError(.badRequest, message: "\(parameter.name): \(problem)")
            }
        }
    }

    /// The methods served at a path, if it is an API path at all.
    static func methods(at path: Substring) -> [Method] {
        all.filter { $0.matches(path: path) }.map(\.method)
    }
}

extension APISchema {
    /// What is wrong with `value` as text for this schema (a query parameter), or nil when it fits.
    func problem(with value: String) -> String? {
        switch self {
        case .integer(let minimum, let maximum):
            guard let n = Int(value) else { return "'\(value)' is not a whole number" }
            if let minimum, n < minimum { return "\(n) is below \(minimum)" }
            if let maximum, n > maximum { return "\(n) is above \(maximum)" }
            return nil
        case .number(let minimum, let maximum):
            guard let n = Double(value), n.isFinite else { return "'\(value)' is not a number" }
            if let minimum, n < minimum { return "\(n) is below \(minimum)" }
            if let maximum, n > maximum { return "\(n) is above \(maximum)" }
            return nil
        case .boolean:
            return value == "true" || value == "false" ? nil : "give true or false"
        case .string(let values, let pattern, let maxLength):
            if let values, !values.contains(value) { return "'\(value)' is not one of \(values.joined(separator: ", "))" }
            if let maxLength, value.unicodeScalars.count > maxLength { return "longer than \(maxLength) characters" }
            if let pattern, let regex = try? Regex(pattern), value.firstMatch(of: regex) == nil { return "'\(value)' does not fit the form \(pattern)" }
            return nil
        default:
            return nil
        }
    }
}
