import Synchronization
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
    /// Each pattern compiled once (compiling it for every value was most of the time a 10,000-contribution sync
    /// batch spent being checked). NSRegularExpression, which Foundation documents as immutable and safe to share
    /// between threads.
    private static let compiled = Mutex<[String: NSRegularExpression]>([:])

    static func matches(_ value: String, pattern: String) -> Bool {
        let regex: NSRegularExpression
        if let known = compiled.withLock({ $0[pattern] }) {
            regex = known
        } else {
            guard let made = try? NSRegularExpression(pattern: pattern) else { return true }
            compiled.withLock { $0[pattern] = made }
            regex = made
        }
        return regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
    }

    /// What is wrong with a JSON value (as `JSONSerialization` reads it) for this schema, as a request body, or nil
    /// when it fits: the same constraints the OpenAPI document shows (lengths, patterns, lists, ranges, required
    /// properties; an optional property may be null). Types are left to the decoder that reads the body next.
    func problem(withJSON value: Any, at place: String = "the body") -> String? {
        switch self {
        case .object(let properties):
            guard let object = value as? [String: Any] else { return "\(place) must be a JSON object" }
            for (name, schema, required) in properties {
                let inside = place == "the body" ? name : "\(place).\(name)"
                guard let given = object[name], !(given is NSNull) else {
                    if required { return "give \(inside)" }
                    continue
                }
                if let problem = schema.problem(withJSON: given, at: inside) { return problem }
            }
            return nil
        case .array(let items, let minItems, let maxItems):
            guard let array = value as? [Any] else { return "\(place) must be a list" }
            if let minItems, array.count < minItems { return "\(place) needs at least \(minItems)" }
            if let maxItems, array.count > maxItems { return "\(place) may have at most \(maxItems)" }
            for (index, item) in array.enumerated() {
                if let problem = items.problem(withJSON: item, at: "\(place)[\(index)]") { return problem }
            }
            return nil
        case .string:
            guard let text = value as? String else { return "\(place) must be text" }
            return problem(with: text).map { "\(place): \($0)" }
        case .integer(let minimum, let maximum):
            guard let number = value as? NSNumber, !(value is String) else { return "\(place) must be a whole number" }
            if let minimum, number.doubleValue < Double(minimum) { return "\(place): \(number) is below \(minimum)" }
            if let maximum, number.doubleValue > Double(maximum) { return "\(place): \(number) is above \(maximum)" }
            return nil
        case .number(let minimum, let maximum):
            guard let number = value as? NSNumber, !(value is String) else { return "\(place) must be a number" }
            if let minimum, number.doubleValue < minimum { return "\(place): \(number) is below \(minimum)" }
            if let maximum, number.doubleValue > maximum { return "\(place): \(number) is above \(maximum)" }
            return nil
        case .boolean, .anyObject, .binary:
            return nil
        }
    }

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
            if let pattern, !Self.matches(value, pattern: pattern) { return "'\(value)' does not fit the form \(pattern)" }
            return nil
        default:
            return nil
        }
    }
}
