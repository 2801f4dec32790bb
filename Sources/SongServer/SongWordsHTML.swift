import Lyrics
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
    static func render(_ song: SongJSON, drawings: [Result<Engraving, EngravingFailure>?], analyzer: LyricAnalyzer = LyricAnalyzer()) -> String {
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
            case .success(let drawing)?: html += "<figure class=\"notation\" data-index=\"\(i)\">\(drawing.svg)</figure>\n"
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
}
