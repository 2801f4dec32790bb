import Foundation
import Lyrics
import NIOCore
import Notation
import SongText

/// The song page's words: each shown section with its heading, its tune's drawing and its lines with chords above,
/// as HTML, every value escaped (`XMLText`). Written here rather than by the page's template: looping over every
/// line and every chord of a song through Mustache's contexts was a seventh of a cold page's work, and this is a
/// few tens of microseconds. The markup is the template's as it was: the page's script finds sections by
/// `data-section`, lines by `data-line` and drawings by `data-index`.
enum SongWordsHTML {
    /// The sections of `song` (as `SongJSON` shows them), each with its drawing or why there is none (`drawings`, in
    /// the same order); titles, labels and lines that read as Welsh are marked `lang="cy"` for screen readers.
    /// With `placeholders`, each drawing is written as a mark in its place (`mark(_:)`), for `fill` to put it in:
    /// a page kept without its drawings, which are kept once each, whatever pages show them (`KeptParts`).
    static func render(_ song: SongJSON, drawings: [Result<Engraving, EngravingFailure>?], analyzer: LyricAnalyzer = LyricAnalyzer(),
                       placeholders: Bool = false) -> String {
        func welsh(_ text: String) -> Bool { analyzer.isWelsh(analyzer.words(in: text)) }
        func e(_ text: String) -> String { XMLText.escape(text) }
        func lang(_ text: String) -> String { welsh(text) ? " lang=\"cy\"" : "" }
        var html = ""
        html.reserveCapacity(4_096 + drawings.reduce(0) { total, drawing in
            if case .success(let d)? = drawing { total + d.svg.utf8.count } else { total }
        })
        for (i, section) in song.sections.enumerated() {
            html += "<section class=\"part \(e(section.kind))\" data-section=\"\(e(section.label))\">\n"
            html += "<h2\(lang(section.label))>\(e(section.label))</h2>\n"
            if let note = section.tuneNote { html += "<p class=\"tune-note\">\(e(note))</p>\n" }
            switch i < drawings.count ? drawings[i] : nil {
            case .success(let drawing)?: html += "<figure class=\"notation\" data-index=\"\(i)\">\(placeholders ? mark(i) : drawing.svg)</figure>\n"
            case .failure(let failure)?:
                html += "<p class=\"notation-failed\" role=\"note\">\(e("The notation could not be drawn (\(failure)); the words and chords are below."))</p>\n"
            case nil: break
            }
            for line in section.lines {
                html += "<p class=\"line\" data-line=\"\(line.number)\"\(lang(line.words))>"
                for segment in line.segments {
                    html += "<span class=\"seg\">"
                    if !segment.chord.isEmpty { html += "<b class=\"chord\">\(e(segment.chord))</b>" }
                    html += e(segment.text) + "</span>"
                }
                html += "</p>"
            }
            html += "\n</section>\n"
        }
        return html
    }

    /// Where drawing `index` goes in a page written with placeholders: an HTML comment, which no escaped text can
    /// make (every value on the page is escaped, `<` included).
    static func mark(_ index: Int) -> String { "<!--songbridge drawing \(index)-->" }

    /// `page` with each drawing's mark replaced by `drawings[index]` (a mark with no drawing is left out).
    static func fill(_ page: String, drawings: [String?]) -> String {
        var out = ByteBuffer()
        fill(page, drawings: drawings, into: &out)
        return String(buffer: out)
    }

    /// The same, written into `out` (a response's body, with no string made of the whole page).
    static func fill(_ page: String, drawings: [String?], into out: inout ByteBuffer) {
        out.reserveCapacity(out.writerIndex + page.utf8.count + drawings.reduce(0) { $0 + ($1?.utf8.count ?? 0) })
        var page = page
        page.withUTF8 { bytes in
            fill(bytes, into: &out) { index, out in
                if drawings.indices.contains(index), let drawing = drawings[index] { out.writeString(drawing) }
            }
        }
    }

    /// A page kept as bytes (`KeptParts.served`) filled with its kept drawings' SVGs, each drawing's ids prefixed by
    /// its place on the page as `NotationDrawings` prefixes them (`n0-`, `n1-`, ...), written straight into `out`:
    /// no string is made of a drawing or of the page.
    static func fill(kept page: Data, drawings: [Data?], into out: inout ByteBuffer) {
        out.reserveCapacity(out.writerIndex + page.count + drawings.reduce(0) { $0 + ($1?.count ?? 0) + 256 })
        page.withUnsafeBytes { raw in
            fill(raw.bindMemory(to: UInt8.self), into: &out) { index, out in
                guard drawings.indices.contains(index), let svg = drawings[index] else { return }
                svg.withUnsafeBytes { svg in
                    Engraving.prefixIDs(in: svg.bindMemory(to: UInt8.self), with: Array("n\(index)-".utf8)) { out.writeBytes(UnsafeRawBufferPointer($0)) }
                }
            }
        }
    }

    /// `page`'s bytes written into `out`, with `drawing` writing what goes in place of each drawing's mark, by index.
    private static func fill(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout ByteBuffer, drawing: (Int, inout ByteBuffer) -> Void) {
        let opening = Array("<!--songbridge drawing ".utf8)
        var copied = 0, i = 0
        let count = bytes.count
        while i + opening.count <= count {
            // (A byte at a time to the next `<`, then the whole mark compared: the page is a few kilobytes.)
            guard bytes[i] == 0x3C, bytes[i + 1] == 0x21, (0..<opening.count).allSatisfy({ bytes[i + $0] == opening[$0] }) else {
                i += 1
                continue
            }
            var j = i + opening.count, index = 0, digits = 0
            while j < count, bytes[j] >= 0x30, bytes[j] <= 0x39, digits < 6 { index = index * 10 + Int(bytes[j] - 0x30); j += 1; digits += 1 }
            guard digits > 0, j + 3 <= count, bytes[j] == 0x2D, bytes[j + 1] == 0x2D, bytes[j + 2] == 0x3E else {
                i += 1
                continue
            }
            out.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[copied..<i]))
            drawing(index, &out)
            i = j + 3
            copied = i
        }
        out.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[copied..<count]))
    }
}
