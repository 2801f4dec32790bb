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
        let id = Array(" id=\"".utf8), href = Array("href=\"".utf8), added = Array(prefix.utf8)
        let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#")
        var out: [UInt8] = []
        out.reserveCapacity(svg.utf8.count + 64 * added.count)
        let bytes = Array(svg.utf8)
        var i = 0
        while i < bytes.count {
            out.append(bytes[i])
            if bytes[i] == quote {
                if out.count >= id.count, out[(out.count - id.count)...].elementsEqual(id) {
                    out += added
                } else if i + 1 < bytes.count, bytes[i + 1] == hash, out.count >= href.count, out[(out.count - href.count)...].elementsEqual(href) {
                    out.append(hash)
                    out += added
                    i += 1
                }
            }
            i += 1
        }
        copy.svg = String(decoding: out, as: UTF8.self)
        return copy
    }
}
