import Foundation

/// What a request's JSON body may not do before it is read at all, found in one pass over its bytes: name a member
/// twice in one object, or nest deeper than `deepest`.
///
/// A member named twice need not be read the same way by two readers: the schema check (`JSONSerialization`) and
/// the decoder that builds the request may each keep a different one, so a body could pass the check with one
/// value and be used with the other. RFC 8259 §4 leaves such a body's meaning to the reader; I-JSON (RFC 7493 §2.3) forbids
/// it, and so does this server.
enum JSONBody {
    /// The deepest nesting of objects and arrays a body may have: far beyond any route's, and a cap on the work a
    /// reader does on a body of brackets.
    static let deepest = 32

    /// Why `data` cannot be taken, or nil. Only duplicates and depth are looked for; whether it is JSON at all is
    /// the reader's to say.
    static func problem(in data: Data) -> String? {
        data.withUnsafeBytes { raw in problem(in: raw.bindMemory(to: UInt8.self)) }
    }

    private static func problem(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // Per open container: the member names seen so far (an object), or nil (an array).
        var open: [Set<String>?] = []
        var keyNext = false
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let object = bytes[i] == UInt8(ascii: "{")
                open.append(object ? [] : nil)
                if open.count > deepest { return "the body nests objects and arrays deeper than \(deepest)" }
                keyNext = object
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = open.popLast()
                keyNext = false
            case UInt8(ascii: ","):
                keyNext = open.last.map { $0 != nil } ?? false
            case UInt8(ascii: ":"):
                keyNext = false
            case UInt8(ascii: "\""):
                let start = i + 1
                var escaped = false
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") { escaped = true; i += 1 }
                    i += 1
                }
                let end = min(i, bytes.count)
                if keyNext, var names = open.last ?? nil {
                    let name = memberName(UnsafeBufferPointer(rebasing: bytes[start..<max(start, end)]), escaped: escaped)
                    guard names.insert(name).inserted else {
                        return "the body names \"\(name.prefix(64))\" twice in one object; name each member once"
                    }
                    open[open.count - 1] = names
                }
                keyNext = false
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// What a reader's refusal of a body says, in the API's words: where in the body, and what was wrong.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "the body is not the JSON this route takes" }
        func place(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the body" : path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty: return "the body is not valid JSON"
        case .dataCorrupted(let context): return "\(place(context.codingPath)) is not a value this route takes"
        case .keyNotFound(let key, let context): return "\(place(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(place(context.codingPath)) is not of the type this route takes"
        @unknown default: return "the body is not the JSON this route takes"
        }
    }

    /// A member's name as the readers see it: `\u0061` and `a` are the same name.
    private static func memberName(_ raw: UnsafeBufferPointer<UInt8>, escaped: Bool) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        guard escaped else { return text }
        let quoted = Data(("\"" + text + "\"").utf8)
        return (try? JSONSerialization.jsonObject(with: quoted, options: [.fragmentsAllowed])) as? String ?? text
    }
}
