import Foundation
import Lyrics
import Notation
import SongCore
import SongText

/// A songbook as one HTML document that lays itself out into A4 pages as it loads (the script at its end), so
/// the page numbers in its contents and indexes are those the pages get, and prints to PDF page for page
/// (Chromium's print-to-pdf, `SongbookPrinter`). In order: a title page; the contents; the songs, each from a new
/// page, one of two pages starting on a left-hand (even) page so it lies open on facing pages; an index of
/// titles, one of first lines, and the songs by nation and stop. Every value is escaped; the document's policy
/// lets nothing load from anywhere.
public enum SongbookHTML {
    /// The document for `songs` (in the order given) with `options`.
    public static func document(_ songs: [BookSong], options: SongbookOptions) -> String {
        let analyzer = LyricAnalyzer()
        func language(_ text: String) -> TitleCollation.Language { analyzer.isWelsh(analyzer.words(in: text)) ? .welsh : .english }
        func lang(_ text: String) -> String { language(text) == .welsh ? #" lang="cy""# : "" }
        var html = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
            <title>\(e(options.title))</title>
            <style>\(css(options.profile))</style>
            </head>
            <body class="\(options.profile.rawValue)">
            <div id="probe"></div>
            <div id="source">

            """
        // Title page.
        html += "<section class=\"titlepage\" data-flow=\"title\"><div class=\"block\"><h1>\(e(options.title))</h1>"
        if let subtitle = options.subtitle { html += "<p class=\"subtitle\">\(e(subtitle))</p>" }
        html += "<p class=\"count\">\(songs.count) song\(songs.count == 1 ? "" : "s") · made \(e(options.date))</p>"
        html += "<p class=\"about\">Written together at the tour's stops by residents, children, volunteers and musicians. Names are printed as each person agreed.</p></div></section>\n"
        // Contents.
        html += "<section class=\"contents\" data-flow=\"contents\"><div class=\"block\"><h1>Contents</h1></div>"
        for song in songs { html += entry(song.title, ref: song.id, lang: lang(song.title)) }
        html += "</section>\n"
        // The songs.
        for song in songs { html += article(song, options: options, lang: lang) }
        // Indexes.
        html += "<section class=\"index\" data-flow=\"index\"><div class=\"block\"><h1>Index of titles</h1></div>"
        for song in TitleCollation.sorted(songs, text: \.title, language: { language($0.title) }) { html += entry(song.title, ref: song.id, lang: lang(song.title)) }
        html += "</section>\n"
        let firstLines = songs.compactMap { s in s.firstLine.map { (line: $0, song: s) } }
        if !firstLines.isEmpty {
            html += "<section class=\"index\" data-flow=\"index\"><div class=\"block\"><h1>Index of first lines</h1></div>"
            for item in TitleCollation.sorted(firstLines, text: \.line, language: { language($0.line) }) { html += entry(item.line, ref: item.song.id, lang: lang(item.line)) }
            html += "</section>\n"
        }
        html += "<section class=\"index\" data-flow=\"index\"><div class=\"block\"><h1>Songs by nation and stop</h1></div>"
        for (nation, stops) in byNationAndStop(songs) {
            html += "<div class=\"block group\"><h2>\(e(nation))</h2></div>"
            for (stop, members) in stops {
                html += "<div class=\"block stop\"><h3>\(e(stop))</h3></div>"
                for song in TitleCollation.sorted(members, text: \.title, language: { language($0.title) }) { html += entry(song.title, ref: song.id, lang: lang(song.title)) }
            }
        }
        html += "</section>\n</div>\n<div id=\"book\"></div>\n<script>\(paginator)</script>\n</body>\n</html>\n"
        return html
    }

    /// A line of the contents or an index: the text, dotted leaders, and the page number the layout fills in.
    static func entry(_ text: String, ref: Int64, lang: String) -> String {
        "<div class=\"block entry\" data-ref=\"\(ref)\"><span class=\"t\"\(lang)>\(e(text))</span><span class=\"n\"></span></div>"
    }

    /// One song: its head, each shown section (notation in the musician's book), its credits and link.
    static func article(_ book: BookSong, options: SongbookOptions, lang: (String) -> String) -> String {
        let song = book.song
        var html = "<article class=\"song\" data-song=\"\(book.id)\" data-flow=\"song\">"
        html += "<div class=\"block head\"><h1\(lang(book.title))>\(e(book.title))</h1>"
        var facts: [String] = []
        if let stop = song.provenance.stop {
            facts.append("\(stop.place), \(stop.nation.name)")
            if let date = stop.date { facts.append(date) }
        }
        if options.profile == .musician {
            if let key = song.metadata.key { facts.append("Key \(key)") }
            if let meter = song.metadata.meter { facts.append("\(meter)") }
        }
        if !facts.isEmpty { html += "<p class=\"facts\">\(e(facts.joined(separator: " · ")))</p>" }
        html += "</div>"
        for (index, section) in SongSheet.shownSections(of: song).enumerated() {
            html += "<div class=\"block section\" data-keep>"
            html += "<h2 class=\"part\"\(lang(section.id))>\(e(section.id))</h2>"
            var drawn = false
            if options.profile == .musician, index < book.notation.count, let drawing = book.notation[index] {
                switch drawing {
                case .success(let engraving):
                    html += "<figure class=\"notation part\">\(engraving.prefixingIDs("s\(book.id)n\(index)-").svg)</figure>"
                    drawn = true
                case .failure(let failure):
                    html += "<p class=\"notation-failed part\">The notation could not be drawn (\(e(failure.description))).</p>"
                }
            }
            if !drawn {
                for line in section.lines {
                    guard case .lyrics(let segments) = line else { continue }
                    let words = segments.map(\.text).joined()
                    if options.showsChords && segments.contains(where: { $0.chord != nil }) {
                        html += "<p class=\"line part chorded\"\(lang(words))>"
                        for segment in segments {
                            html += "<span class=\"seg\"><b class=\"chord\">\(e(segment.chord?.description ?? ""))</b>\(e(segment.text.isEmpty ? " " : segment.text))</span>"
                        }
                        html += "</p>"
                    } else {
                        html += "<p class=\"line part\"\(lang(words))>\(e(words))</p>"
                    }
                }
            }
            html += "</div>"
        }
        let credits = song.provenance.publicCreditLines
        if !credits.isEmpty || options.publicAddress != nil {
            html += "<div class=\"block foot\">"
            for line in credits { html += "<p class=\"credit\">\(e(line))</p>" }
            if let base = options.publicAddress {
                let link = base.appendingPathComponent("songs").appendingPathComponent("\(book.id)").absoluteString
                let code = QRCode(link).map { $0.svg(label: "A QR code for this song's page: \(e(link))") } ?? ""
                html += "<p class=\"link\">\(code)<span>Hear it and read it online: \(e(link))</span></p>"
            }
            html += "</div>"
        }
        html += "</article>\n"
        return html
    }

    /// Songs grouped by nation (in the tour's order) and stop (by date, then place).
    static func byNationAndStop(_ songs: [BookSong]) -> [(String, [(String, [BookSong])])] {
        var result: [(String, [(String, [BookSong])])] = []
        let nations = TourStop.Nation.allCases.map { Optional($0) } + [nil]
        for nation in nations {
            let members = songs.filter { $0.song.provenance.stop?.nation == nation }
            guard !members.isEmpty else { continue }
            var stops: [String: (order: String, songs: [BookSong])] = [:]
            for song in members {
                let stop = song.song.provenance.stop
                let name = stop.map { [$0.place, $0.date].compactMap { $0 }.joined(separator: ", ") } ?? "No stop recorded"
                stops[name, default: ((stop?.date ?? "") + (stop?.place ?? ""), [])].songs.append(song)
            }
            result.append((nation.map(\.name) ?? "Elsewhere", stops.sorted { $0.value.order < $1.value.order }.map { ($0.key, $0.value.songs) }))
        }
        return result
    }

    static func e(_ text: String) -> String { XMLText.escape(text) }

    /// The page and the type for each profile. A4 with 14 × 16 mm margins; a page is 268 mm of the 269 mm there
    /// is (a millimetre spare, so rounding never spills a page), of which 254 mm take the text and the rest the
    /// page number. Clear Print (RNIB): sans serif, bold, 18 pt words, 1.5 line spacing, black on white, no
    /// italics or capitals blocks, generous space between sections.
    static func css(_ profile: SongbookProfile) -> String {
        let type: String
        switch profile {
        case .largePrint:
            type = """
                body { font: bold 18pt/1.5 "DejaVu Sans", Verdana, sans-serif; }
                h1 { font-size: 28pt; } h2 { font-size: 22pt; } h3 { font-size: 20pt; }
                .chord { font-size: 18pt; } .folio { font-size: 16pt; } .section { padding-bottom: 14pt; }
                """
        case .wordsOnly:
            type = """
                body { font: 13pt/1.4 "DejaVu Sans", Verdana, sans-serif; }
                h1 { font-size: 20pt; } h2 { font-size: 14pt; } h3 { font-size: 13pt; }
                .folio { font-size: 11pt; } .section { padding-bottom: 10pt; }
                """
        case .musician:
            type = """
                body { font: 11pt/1.35 "DejaVu Sans", Verdana, sans-serif; }
                h1 { font-size: 20pt; } h2 { font-size: 13pt; } h3 { font-size: 12pt; }
                .chord { font-size: 11pt; } .folio { font-size: 10pt; } .section { padding-bottom: 8pt; }
                """
        }
        return """
            @page { size: A4; margin: 14mm 16mm; }
            html, body { margin: 0; padding: 0; background: #fff; color: #000; }
            #source, #book { width: 178mm; }
            #source { position: absolute; left: 0; top: 0; visibility: hidden; }
            #probe { position: absolute; left: -1000mm; height: 254mm; width: 1mm; }
            h1, h2, h3, p { margin: 0; font-style: normal; text-transform: none; }
            h1 { padding-bottom: .4em; } h2 { padding: .2em 0 .1em; } h3 { padding: .3em 0 .1em; }
            .page { height: 268mm; overflow: hidden; break-after: page; position: relative; }
            .page:last-child { break-after: auto; }
            .page .body { height: 254mm; overflow: hidden; }
            .page .folio { position: absolute; left: 0; right: 0; bottom: 0; text-align: center; font-weight: normal; }
            .titlepage .block { padding-top: 70mm; text-align: center; }
            .titlepage h1 { font-size: 200%; } .titlepage p { padding-top: 1em; }
            .entry { display: flex; align-items: baseline; }
            .entry .t { flex: 0 1 auto; padding-right: .3em; }
            .entry .n { flex: 1 0 3em; text-align: right; white-space: nowrap; }
            .entry .n::before { content: ""; }
            .entry .t::after { content: " . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . ."; }
            .entry { overflow: hidden; white-space: nowrap; }
            .entry .t { overflow: hidden; text-overflow: clip; }
            .head .facts { padding-bottom: .6em; }
            .line { padding-bottom: .15em; }
            .chorded .seg { display: inline-block; vertical-align: bottom; white-space: pre; }
            .chorded .chord { display: block; min-height: 1.2em; }
            figure.notation { margin: 0; padding: .2em 0; }
            figure.notation svg { display: block; width: 100%; height: auto; max-height: 240mm; color: #000; }
            .foot { padding-top: .8em; font-size: 85%; }
            .foot .link { display: flex; align-items: center; gap: 4mm; padding-top: .5em; }
            .foot .link svg { width: 24mm; height: 24mm; flex: none; }
            \(type)
            """
    }

    /// Lays the source out into pages: each part is measured where it stands (the same width as a page), then
    /// moved onto pages in order, a new page when it does not fit; a section keeps together unless it is taller
    /// than a page. Songs start on a new page; one needing two pages or more starts on an even page. Then the page
    /// numbers: at each page's foot (the title page has none) and in every contents and index line.
    static let paginator = """
        (function () {
          var H = document.getElementById('probe').getBoundingClientRect().height;
          var source = document.getElementById('source'), book = document.getElementById('book');
          var pages = [], starts = {};
          function page() {
            var p = document.createElement('div'); p.className = 'page';
            var body = document.createElement('div'); body.className = 'body'; p.appendChild(body);
            var folio = document.createElement('div'); folio.className = 'folio'; p.appendChild(folio);
            book.appendChild(p); pages.push(p); return body;
          }
          function height(el) { return el.getBoundingClientRect().height; }
          // The pieces of a flow, each with its height: a section that fits on a page is one piece, else its parts.
          function pieces(flow) {
            var out = [];
            Array.prototype.forEach.call(flow.children, function (block) {
              var h = height(block);
              if (block.hasAttribute('data-keep') && h > H) {
                Array.prototype.forEach.call(block.querySelectorAll(':scope > .part'), function (part) { out.push({ el: part, h: height(part), wrap: 'split' }); });
              } else out.push({ el: block, h: h });
            });
            return out;
          }
          function pagesNeeded(list) {
            var n = 1, used = 0;
            list.forEach(function (p) { if (used > 0 && used + p.h > H) { n++; used = 0; } used += p.h; });
            return n;
          }
          function place(list, className) {
            var body = page(), used = 0;
            body.className += ' ' + className;
            list.forEach(function (p) {
              if (used > 0 && used + p.h > H) { body = page(); body.className += ' ' + className; used = 0; }
              var el = p.el;
              if (p.wrap) { var w = document.createElement('div'); w.className = p.wrap; w.appendChild(el); el = w; }
              body.appendChild(el); used += p.h;
            });
          }
          var flows = Array.prototype.slice.call(source.querySelectorAll('[data-flow]'));
          var measured = flows.map(function (f) { return { flow: f, list: pieces(f) }; });
          measured.forEach(function (m) {
            var kind = m.flow.getAttribute('data-flow');
            if (kind === 'song') {
              if (pagesNeeded(m.list) > 1 && (pages.length + 1) % 2 === 1) page();
              starts[m.flow.getAttribute('data-song')] = pages.length + 1;
            }
            place(m.list, m.flow.className);
          });
          pages.forEach(function (p, i) { if (i > 0) p.querySelector('.folio').textContent = String(i + 1); });
          Array.prototype.forEach.call(book.querySelectorAll('[data-ref]'), function (entry) {
            entry.querySelector('.n').textContent = String(starts[entry.getAttribute('data-ref')] || '');
          });
          source.parentNode.removeChild(source);
          document.body.setAttribute('data-pages', String(pages.length));
        })();
        """
}
