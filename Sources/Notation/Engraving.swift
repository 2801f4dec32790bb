import Foundation

/// A tune engraved as notation: an SVG ready to put in a page, and what the engraver drew.
public struct Engraving: Sendable, Hashable {
    /// The SVG element (no XML declaration), scalable (a `viewBox`, no fixed size), its text real `<text>`, its
    /// accessible name on the root (`role="img"`, `aria-label`) and in its `<title>`.
    public var svg: String
    /// Note heads drawn (black, white, whole and breve; grace notes not counted): one per pitch sounded.
    public var noteHeads: Int
    /// Every piece of text drawn, in order, unescaped: the chord symbols, the syllables under the notes, the
    /// meter's figures.
    public var texts: [String]

    public init(svg: String, noteHeads: Int, texts: [String]) {
        self.svg = svg
        self.noteHeads = noteHeads
        self.texts = texts
    }

    /// The same SVG with every `id` and every reference to one prefixed by `prefix`, so several engravings can
    /// sit in one HTML page without their glyph definitions clashing.
    /// In one pass over the bytes: Foundation's `replacingOccurrences`, twice over a drawing of tens of kilobytes,
    /// was a seventh of a cold song page's CPU.
    public func prefixingIDs(_ prefix: String) -> Engraving {
        var copy = self
        var svg = self.svg
        let added = Array(prefix.utf8)
        let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#")
        // Whether the bytes just before `end` are `pattern` (read in the input: a prefix is added only after a quote).
        func precedes(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int, _ pattern: StaticString) -> Bool {
            let n = pattern.utf8CodeUnitCount
            guard end >= n else { return false }
            let p = pattern.utf8Start
            for k in 0..<n where bytes[end - n + k] != p[k] { return false }
            return true
        }
        copy.svg = svg.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64 * added.count)
            var i = 0, copied = 0
            while i < bytes.count {
                if bytes[i] == quote {
                    // ` id="` then the id; `href="#` then the id it refers to.
                    if precedes(bytes, i, " id=") {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...i]))
                        out += added
                        copied = i + 1
                    } else if i + 1 < bytes.count, bytes[i + 1] == hash, precedes(bytes, i, "href=") {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...(i + 1)]))
                        out += added
                        i += 1
                        copied = i + 1
                    }
                }
                i += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: out, as: UTF8.self)
        }
        return copy
    }
}
