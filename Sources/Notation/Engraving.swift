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
    public func prefixingIDs(_ prefix: String) -> Engraving {
        var copy = self
        var svg = self.svg
        copy.svg = svg.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64 * prefix.utf8.count)
            Engraving.prefixIDs(in: bytes, with: Array(prefix.utf8)) { out.append(contentsOf: $0) }
            return String(decoding: out, as: UTF8.self)
        }
        return copy
    }

    /// An SVG's bytes with every `id` and every reference to one prefixed by `prefix`, given to `write` in pieces,
    /// in order (so a page kept as bytes is filled without a string made of each drawing).
    /// In one pass over the bytes: Foundation's `replacingOccurrences`, twice over a drawing of tens of kilobytes,
    /// was a seventh of a cold song page's CPU.
    public static func prefixIDs(in bytes: UnsafeBufferPointer<UInt8>, with prefix: [UInt8], _ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#")
        // Whether the bytes just before `end` are `pattern` (read in the input: a prefix is added only after a quote).
        func precedes(_ end: Int, _ pattern: StaticString) -> Bool {
            let n = pattern.utf8CodeUnitCount
            guard end >= n else { return false }
            let p = pattern.utf8Start
            for k in 0..<n where bytes[end - n + k] != p[k] { return false }
            return true
        }
        prefix.withUnsafeBufferPointer { added in
            var i = 0, copied = 0
            while i < bytes.count {
                if bytes[i] == quote {
                    // ` id="` then the id; `href="#` then the id it refers to.
                    if precedes(i, " id=") {
                        write(UnsafeBufferPointer(rebasing: bytes[copied...i]))
                        write(added)
                        copied = i + 1
                    } else if i + 1 < bytes.count, bytes[i + 1] == hash, precedes(i, "href=") {
                        write(UnsafeBufferPointer(rebasing: bytes[copied...(i + 1)]))
                        write(added)
                        i += 1
                        copied = i + 1
                    }
                }
                i += 1
            }
            write(UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
    }
}
