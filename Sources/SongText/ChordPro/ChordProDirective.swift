/// One `{name: value}` directive line of a ChordPro file.
struct ChordProDirective {
    /// The name, lower-cased, with ChordPro's short forms expanded (`t` → `title`, `soc` → `start_of_chorus`).
    var name: String
    /// The name as written.
    var writtenName: String
    /// The value after the colon (or space), trimmed; nil when there is none.
    var value: String?
    /// UTF-8 offset of the value in the line, for diagnostics.
    var valueOffset: Int

    static let aliases: [String: String] = [
        "t": "title", "st": "subtitle", "c": "comment", "ci": "comment_italic", "cb": "comment_box",
        "soc": "start_of_chorus", "eoc": "end_of_chorus", "sov": "start_of_verse", "eov": "end_of_verse",
        "sob": "start_of_bridge", "eob": "end_of_bridge", "sot": "start_of_tab", "eot": "end_of_tab",
        "sog": "start_of_grid", "eog": "end_of_grid", "ns": "new_song", "np": "new_page", "col": "columns",
    ]

    /// Reads a directive line (`{…}` with nothing but spaces around it). Nil if the line is not one;
    /// `.failure` with an offset if it starts like one but is broken.
    static func parse(_ line: Substring) -> Result<ChordProDirective, DirectiveError>? {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.hasPrefix("{") else { return nil }
        let lead = line.utf8.count - line.drop(while: { $0 == " " || $0 == "\t" }).utf8.count
        guard trimmed.hasSuffix("}") else {
            return .failure(DirectiveError(offset: lead, message: "directive is not closed", expected: "'}' at the end of the line, as in {title: My Song}"))
        }
        let inner = trimmed.dropFirst().dropLast()
        var nameEnd = inner.startIndex
        while nameEnd < inner.endIndex, inner[nameEnd].isLetter || inner[nameEnd].isNumber || inner[nameEnd] == "_" || inner[nameEnd] == "-" {
            nameEnd = inner.index(after: nameEnd)
        }
        let written = String(inner[..<nameEnd])
        guard !written.isEmpty else {
            return .failure(DirectiveError(offset: lead + 1, message: "directive has no name", expected: "a directive name such as title, key or start_of_verse"))
        }
        var rest = inner[nameEnd...]
        var value: String?
        if let first = rest.first {
            guard first == ":" || first == " " || first == "\t" else {
                return .failure(DirectiveError(offset: lead + 1 + written.utf8.count, message: "unexpected '\(first)' after the directive name", expected: "':' and a value, or '}'"))
            }
            rest = rest.dropFirst()
            let v = rest.trimmingWhitespace()
            value = v.isEmpty ? nil : v
        }
        let lower = written.lowercased()
        let valueOffset = lead + 1 + written.utf8.count + 1 + (rest.utf8.count - rest.drop(while: { $0 == " " }).utf8.count)
        return .success(ChordProDirective(name: aliases[lower] ?? lower, writtenName: written, value: value, valueOffset: valueOffset))
    }

    /// Why a directive line is broken.
    struct DirectiveError: Error {
        var offset: Int
        var message: String
        var expected: String
    }

    /// Reads `label="Verse 1" shape="1+4x2+4"` or a bare label into a label and other attributes.
    static func sectionArguments(_ value: String?) -> (label: String?, attributes: [String: String]) {
        guard let value, !value.isEmpty else { return (nil, [:]) }
        guard value.contains("=\"") else { return (value, [:]) }
        var attributes: [String: String] = [:]
        var rest = Substring(value)
        while let eq = rest.range(of: "=\"") {
            let key = rest[..<eq.lowerBound].trimmingWhitespace()
            let afterQuote = rest[eq.upperBound...]
            guard let close = afterQuote.firstIndex(of: "\"") else { break }
            attributes[key] = String(afterQuote[..<close])
            rest = afterQuote[afterQuote.index(after: close)...]
        }
        let label = attributes.removeValue(forKey: "label")
        return (label, attributes)
    }
}

import Foundation
