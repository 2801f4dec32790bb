import SongArchive
import SongText

/// A song's family tree as a picture drawn on the server (SVG, no script, no CDN): its versions along a line, each
/// version that changed the tune marked, and under them the tour songs and reference tunes its tunes resemble,
/// each joined to the newest version, with the bars on both sides and how alike they are. Every value is escaped.
struct FamilyTree {
    var versions: [(number: Int, date: String)]
    /// Versions whose tune differs from the one before's.
    var tuneChanged: Set<Int>
    var resemblances: [TourArchive.Resemblance]

    static let width = 760

    /// The picture, with an accessible name and a description a screen reader can read in full.
    var svg: String {
        let top = 44, rowHeight = 40
        let height = top + 40 + max(1, resemblances.count) * rowHeight
        let left = 40, right = Self.width - 40
        func x(_ i: Int) -> Int { versions.count <= 1 ? left : left + (right - left) * i / (versions.count - 1) }
        var out = ##"<svg xmlns="http://www.w3.org/2000/svg" class="family-tree" role="img" aria-labelledby="family-title family-desc" "##
            + ##"viewBox="0 0 \##(Self.width) \##(height)" width="100%" style="max-width:\##(Self.width)px">"##
        out += ##"<title id="family-title">This song's versions, and the tunes it resembles</title>"##
        out += ##"<desc id="family-desc">\##(Self.escape(description))</desc>"##
        if versions.count > 1 { out += ##"<line x1="\##(left)" y1="\##(top)" x2="\##(right)" y2="\##(top)" stroke="#555" stroke-width="2"/>"## }
        for (i, v) in versions.enumerated() {
            let changed = tuneChanged.contains(v.number)
            out += ##"<g class="version\##(changed ? " tune-changed" : "")"><circle cx="\##(x(i))" cy="\##(top)" r="8" fill="\##(changed ? "#1a5fb4" : "#fff")" stroke="#1a5fb4" stroke-width="2"/>"##
            out += ##"<text x="\##(x(i))" y="\##(top - 14)" text-anchor="middle" font-size="13">v\##(v.number)</text>"##
            out += ##"<text x="\##(x(i))" y="\##(top + 24)" text-anchor="middle" font-size="11" fill="#333">\##(Self.escape(String(v.date.prefix(10))))</text></g>"##
        }
        let newest = x(max(0, versions.count - 1))
        for (i, r) in resemblances.enumerated() {
            let y = top + 56 + i * rowHeight
            out += ##"<path d="M\##(newest) \##(top + 8) V\##(y - 6)" stroke="#999" fill="none" stroke-dasharray="3 3"/>"##
            let label = Self.label(r)
            let text = ##"<text x="\##(left)" y="\##(y + 4)" font-size="13">\##(Self.escape(label))</text>"##
            if r.match.kind == .song, let id = r.match.song?.id {
                out += ##"<a href="/songs/\##(id)" class="resembles song">\##(text)</a>"##
            } else {
                out += ##"<g class="resembles reference">\##(text)</g>"##
            }
        }
        if resemblances.isEmpty {
            out += ##"<text x="\##(left)" y="\##(top + 60)" font-size="13" fill="#333">No tune in the archive or the reference tunebooks is much like this one.</text>"##
        }
        return out + "</svg>"
    }

    /// One resemblance in words: whose tune, which bars on each side, how alike.
    static func label(_ r: TourArchive.Resemblance) -> String {
        let m = r.match
        let theirs = m.firstBar == m.lastBar ? "bar \(m.firstBar)" : "bars \(m.firstBar)–\(m.lastBar)"
        let ours = r.firstBar == r.lastBar ? "bar \(r.firstBar)" : "bars \(r.firstBar)–\(r.lastBar)"
        let percent = Int((m.similarity * 100).rounded())
        let whose: String
        switch m.kind {
        case .song:
            let place = [m.song?.place, m.song?.date].compactMap { $0 }.joined(separator: ", ")
            whose = "\(m.title)\(place.isEmpty ? "" : " (\(place))"), \(theirs)"
        case .reference:
            whose = "\(m.title) in \(m.collection ?? "a reference tunebook")\(m.number.map { " (no. \($0))" } ?? ""), \(theirs)"
        }
        return "\(r.section) \(ours) is \(percent)% like \(whose)"
    }

    var description: String {
        let history = versions.map { "version \($0.number)" + (tuneChanged.contains($0.number) ? " (tune changed)" : "") }.joined(separator: ", ")
        let likes = resemblances.isEmpty ? "No other tune is much like it." : resemblances.map(Self.label).joined(separator: "; ") + "."
        return "Versions: \(history). \(likes) Likeness of notes is evidence, not proof of where a tune came from."
    }

    static func escape(_ s: String) -> String { XMLText.escape(s) }
}
