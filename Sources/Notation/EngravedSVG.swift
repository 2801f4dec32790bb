import Foundation
import SongText

/// abcm2ps's SVG made fit for a page: only the elements and attributes notation needs (anything else refuses the
/// drawing, so no script, handler, foreign object or outside link can reach a page), comments gone (they carry
/// the date, and the same tune must give the same drawing), scalable, and named for a screen reader.
enum EngravedSVG {
    /// The elements abcm2ps draws notation with.
    static let allowedElements: Set<String> = [
        "svg", "g", "defs", "use", "path", "ellipse", "circle", "rect", "line", "polyline", "polygon", "text", "tspan", "title", "style",
    ]

    /// Glyphs that are a sounding note's head (black, white, whole, breve, long); grace notes use others.
    static let noteHeadGlyphs: Set<String> = ["hd", "Hd", "HD", "HDD", "breve", "longa"]

    /// Each `<svg>…</svg>` in abcm2ps's output, in order.
    static func documents(in output: String) -> [Substring] {
        var found: [Substring] = []
        var rest = output[...]
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            found.append(rest[start.lowerBound..<end.upperBound])
            rest = rest[end.upperBound...]
        }
        return found
    }

    /// One drawing, checked and rewritten.
    static func clean(_ raw: Substring, name: String) throws(EngravingFailure) -> Engraving {
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        var heads = 0
        var texts: [String] = []
        var inTitle = false, inText = false
        var i = raw.startIndex
        while i < raw.endIndex {
            if raw[i] != "<" {
                // Text between tags: kept, except the title's (replaced by the name).
                let next = raw[i...].firstIndex(of: "<") ?? raw.endIndex
                let chunk = raw[i..<next]
                if inText { texts.append(unescape(chunk)) }
                if !inTitle { out += chunk }
                i = next
                continue
            }
            if raw[i...].hasPrefix("<!--") {
                guard let end = raw[i...].range(of: "-->") else { throw .unsafe }
                i = end.upperBound
                continue
            }
            guard let close = raw[i...].firstIndex(of: ">") else { throw .unsafe }
            let tag = raw[raw.index(after: i)..<close]
            i = raw.index(after: close)
            let closing = tag.hasPrefix("/")
            let element = tag.drop { $0 == "/" }.prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" }
            guard allowedElements.contains(String(element)) else { throw .unsafe }
            if closing {
                if element == "title" { inTitle = false; out += XMLText.escape(name) }
                if element == "text" || element == "tspan" { inText = false }
                out += "<" + tag + ">"
                continue
            }
            let attributes = try attributes(of: tag.dropFirst(element.count))
            if element == "use", let target = attributes.first(where: { $0.name == "xlink:href" || $0.name == "href" })?.value,
               noteHeadGlyphs.contains(String(target.dropFirst())) {
                heads += 1
            }
            if element == "title" { inTitle = true }
            if element == "text" || element == "tspan" { inText = !tag.hasSuffix("/") }
            if element == "svg" {
                out += root(attributes, name: name)
            } else {
                out += "<" + tag + ">"
            }
        }
        return Engraving(svg: out, noteHeads: heads, texts: texts)
    }

    /// The root element: abcm2ps's fixed size becomes a `viewBox`, so the drawing scales to the page's width.
    static func root(_ attributes: [(name: String, value: Substring)], name: String) -> String {
        var width = "0", height = "0"
        var kept = ""
        for (key, value) in attributes {
            switch key {
            case "width": width = String(value.prefix { $0.isNumber || $0 == "." })
            case "height": height = String(value.prefix { $0.isNumber || $0 == "." })
            case "viewBox", "role", "aria-label", "class": continue
            default: kept += " \(key)=\"\(value)\""
            }
        }
        return "<svg\(kept) viewBox=\"0 0 \(width) \(height)\" class=\"notation\" role=\"img\" aria-label=\"\(XMLText.escape(name))\">"
    }

    /// A tag's attributes. Refuses an event handler, a link anywhere but inside the drawing, and anything it cannot read.
    static func attributes(of text: Substring) throws(EngravingFailure) -> [(name: String, value: Substring)] {
        var found: [(name: String, value: Substring)] = []
        var rest = text.drop { $0.isWhitespace }
        while let first = rest.first, first != "/" {
            let name = rest.prefix { $0 != "=" && !$0.isWhitespace }
            rest = rest.dropFirst(name.count).drop { $0.isWhitespace }
            guard rest.first == "=" else { throw .unsafe }
            rest = rest.dropFirst().drop { $0.isWhitespace }
            guard let quote = rest.first, quote == "\"" || quote == "'" else { throw .unsafe }
            rest = rest.dropFirst()
            guard let end = rest.firstIndex(of: quote) else { throw .unsafe }
            let value = rest[..<end]
            rest = rest[rest.index(after: end)...].drop { $0.isWhitespace }
            let lower = name.lowercased()
            guard !lower.hasPrefix("on"), lower.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == ":" || $0 == "_" }) else { throw .unsafe }
            if lower.hasSuffix("href") && !value.hasPrefix("#") { throw .unsafe }
            if value.lowercased().contains("javascript:") || value.lowercased().contains("url(") { throw .unsafe }
            found.append((String(name), value))
        }
        return found
    }

    /// Text as XML holds it, read back.
    static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
