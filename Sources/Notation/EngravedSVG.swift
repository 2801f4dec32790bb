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

    /// One drawing, checked and rewritten. It reads the drawing's UTF-8 bytes (abcm2ps writes ASCII markup; words
    /// and names pass through as they are): a song page draws each of its tunes once, and reading tens of kilobytes
    /// a character at a time cost more than drawing them.
    static func clean(_ raw: Substring, name: String) throws(EngravingFailure) -> Engraving {
        let bytes = Array(raw.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var heads = 0
        var texts: [String] = []
        var inTitle = false, inText = false
        var i = 0
        while i < bytes.count {
            if bytes[i] != Byte.lt {
                // Text between tags: kept, except the title's (replaced by the name).
                let next = bytes[i...].firstIndex(of: Byte.lt) ?? bytes.count
                let chunk = bytes[i..<next]
                if inText { texts.append(unescape(String(decoding: chunk, as: UTF8.self)[...])) }
                if !inTitle { out += chunk }
                i = next
                continue
            }
            if Byte.starts(bytes, at: i, with: Byte.commentOpen) {
                guard let end = Byte.find(Byte.commentClose, in: bytes, from: i) else { throw .unsafe }
                i = end + Byte.commentClose.count
                continue
            }
            guard let close = bytes[i...].firstIndex(of: Byte.gt) else { throw .unsafe }
            let tag = bytes[(i + 1)..<close]
            i = close + 1
            let closing = tag.first == Byte.slash
            let named = tag.drop { $0 == Byte.slash }
            let element = String(decoding: named.prefix { !Byte.isSpace($0) && $0 != Byte.slash && $0 != Byte.gt }, as: UTF8.self)
            guard allowedElements.contains(element) else { throw .unsafe }
            if closing {
                if element == "title" { inTitle = false; out += Array(XMLText.escape(name).utf8) }
                if element == "text" || element == "tspan" { inText = false }
                out.append(Byte.lt)
                out += tag
                out.append(Byte.gt)
                continue
            }
            let attributes = try attributes(of: named.dropFirst(element.utf8.count))
            if element == "use", let target = attributes.first(where: { $0.name == "xlink:href" || $0.name == "href" })?.value,
               noteHeadGlyphs.contains(String(target.dropFirst())) {
                heads += 1
            }
            if element == "title" { inTitle = true }
            if element == "text" || element == "tspan" { inText = tag.last != Byte.slash }
            if element == "svg" {
                out += Array(root(attributes, name: name).utf8)
            } else {
                out.append(Byte.lt)
                out += tag
                out.append(Byte.gt)
            }
        }
        return Engraving(svg: String(decoding: out, as: UTF8.self), noteHeads: heads, texts: texts)
    }

    /// The root element: abcm2ps's fixed size becomes a `viewBox`, so the drawing scales to the page's width.
    static func root(_ attributes: [(name: String, value: String)], name: String) -> String {
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

    /// A tag's attributes. Refuses an event handler, a link anywhere but inside the drawing, and anything it cannot
    /// read (a name of anything but ASCII letters, digits, `-`, `:` and `_`).
    static func attributes(of text: ArraySlice<UInt8>) throws(EngravingFailure) -> [(name: String, value: String)] {
        var found: [(name: String, value: String)] = []
        var rest = text.drop(while: Byte.isSpace)
        while let first = rest.first, first != Byte.slash {
            let name = rest.prefix { $0 != Byte.equals && !Byte.isSpace($0) }
            rest = rest.dropFirst(name.count).drop(while: Byte.isSpace)
            guard rest.first == Byte.equals else { throw .unsafe }
            rest = rest.dropFirst().drop(while: Byte.isSpace)
            guard let quote = rest.first, quote == Byte.doubleQuote || quote == Byte.singleQuote else { throw .unsafe }
            rest = rest.dropFirst()
            guard let end = rest.firstIndex(of: quote) else { throw .unsafe }
            let value = rest[..<end]
            rest = rest[(end + 1)...].drop(while: Byte.isSpace)
            let lower = name.map(Byte.lowercased)
            guard !Byte.starts(lower, at: 0, with: Byte.on), lower.allSatisfy(Byte.isNameByte) else { throw .unsafe }
            if lower.count >= Byte.href.count, lower.suffix(Byte.href.count).elementsEqual(Byte.href), value.first != Byte.hash { throw .unsafe }
            let lowerValue = value.map(Byte.lowercased)
            if Byte.find(Byte.javascript, in: lowerValue, from: 0) != nil || Byte.find(Byte.url, in: lowerValue, from: 0) != nil { throw .unsafe }
            found.append((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        return found
    }

    /// The bytes the reading looks for.
    enum Byte {
        static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/"), equals = UInt8(ascii: "=")
        static let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'"), hash = UInt8(ascii: "#")
        static let commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8)
        static let on = Array("on".utf8), href = Array("href".utf8), javascript = Array("javascript:".utf8), url = Array("url(".utf8)

        /// XML's white space.
        static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        static func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: ":") || b == UInt8(ascii: "_")
        }
        static func lowercased(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
        static func starts<C: RandomAccessCollection>(_ bytes: C, at i: Int, with prefix: [UInt8]) -> Bool where C.Element == UInt8, C.Index == Int {
            i + prefix.count <= bytes.endIndex && bytes[i..<(i + prefix.count)].elementsEqual(prefix)
        }
        /// Where `needle` first starts in `bytes` at or after `from`.
        static func find<C: RandomAccessCollection>(_ needle: [UInt8], in bytes: C, from: Int) -> Int? where C.Element == UInt8, C.Index == Int {
            guard let first = needle.first, bytes.endIndex - needle.count >= from else { return nil }
            var i = from
            while i <= bytes.endIndex - needle.count {
                if bytes[i] == first, starts(bytes, at: i, with: needle) { return i }
                i += 1
            }
            return nil
        }
    }

    /// Text as XML holds it, read back.
    static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
