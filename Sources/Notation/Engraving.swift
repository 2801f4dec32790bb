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
        copy.svg = svg.replacingOccurrences(of: " id=\"", with: " id=\"\(prefix)")
            .replacingOccurrences(of: "href=\"#", with: "href=\"#\(prefix)")
        return copy
    }
}
