import SongArchive
import SongText

/// A song's family tree as a picture drawn on the server (SVG, no script, no CDN): its versions along a line, each
/// joined to the versions it builds on, so versions merged apart on two laptops show as branches on lines of
/// their own until a merge joins them; each version that changed the tune marked; and under them the tour songs
/// and reference tunes its tunes resemble, each joined to the newest version, with the bars on both sides and how
/// alike they are. Every value is escaped.
struct FamilyTree {
    /// Oldest first; each with the numbers of the versions it builds on.
    var versions: [(number: Int, date: String, parents: [Int])]
    /// Versions whose tune differs from the one before's.
    var tuneChanged: Set<Int>
    var resemblances: [TourArchive.Resemblance]

    static let width = 760

    /// Which line each version is drawn on: a version goes on its parent's line, unless another version already
    /// went on from that parent there (a branch), when it starts a line of its own. By version number.
    var lanes: [Int: Int] {
        var lane: [Int: Int] = [:]
        var continued: Set<Int> = []
        var next = 0
        for v in versions {
            // A join goes on the lowest line among its parents', so the song's main line carries on.
            let open = v.parents.filter { lane[$0] != nil && !continued.contains($0) }.min { lane[$0]! < lane[$1]! }
            if let p = open {
                lane[v.number] = lane[p]
                continued.insert(p)
            } else {
                lane[v.number] = v.parents.isEmpty && next == 0 ? 0 : next
            }
            next = max(next, lane[v.number]! + 1)
        }
        return lane
    }

    /// The picture, with an accessible name and a description a screen reader can read in full.
    var svg: String {
        let lanes = self.lanes
        let laneHeight = 44
        let top = 44, rowHeight = 40
        let versionsBottom = top + (lanes.values.max() ?? 0) * laneHeight
        let height = versionsBottom + 40 + max(1, resemblances.count) * rowHeight
        let left = 40, right = Self.width - 40
        let index = Dictionary(versions.enumerated().map { ($1.number, $0) }, uniquingKeysWith: { a, _ in a })
        func x(_ i: Int) -> Int { versions.count <= 1 ? left : left + (right - left) * i / (versions.count - 1) }
        func y(_ number: Int) -> Int { top + (lanes[number] ?? 0) * laneHeight }
        var out = ##"<svg xmlns="http://www.w3.org/2000/svg" class="family-tree" role="img" aria-labelledby="family-title family-desc" "##
            + ##"viewBox="0 0 \##(Self.width) \##(height)" width="100%" style="max-width:\##(Self.width)px">"##
        out += ##"<title id="family-title">This song's versions, and the tunes it resembles</title>"##
        out += ##"<desc id="family-desc">\##(Self.escape(description))</desc>"##
        // Each version joined to the versions it builds on: along a line, or across to a branch's line.
        for (i, v) in versions.enumerated() {
            for p in v.parents {
                guard let j = index[p] else { continue }
                let joins = v.parents.count > 1
                out += ##"<line class="\##(joins ? "joins" : "builds-on")" x1="\##(x(j))" y1="\##(y(p))" x2="\##(x(i))" y2="\##(y(v.number))" stroke="#555" stroke-width="2"/>"##
            }
        }
        for (i, v) in versions.enumerated() {
            let changed = tuneChanged.contains(v.number)
            let branch = (lanes[v.number] ?? 0) > 0
            let cy = y(v.number)
            out += ##"<g class="version\##(changed ? " tune-changed" : "")\##(branch ? " branch" : "")\##(v.parents.count > 1 ? " join" : "")"><circle cx="\##(x(i))" cy="\##(cy)" r="8" fill="\##(changed ? "#1a5fb4" : "#fff")" stroke="#1a5fb4" stroke-width="2"/>"##
            out += ##"<text x="\##(x(i))" y="\##(cy - 14)" text-anchor="middle" font-size="13">v\##(v.number)</text>"##
            out += ##"<text x="\##(x(i))" y="\##(cy + 24)" text-anchor="middle" font-size="11" fill="#333">\##(Self.escape(String(v.date.prefix(10))))</text></g>"##
        }
        let newestNumber = versions.last?.number ?? 0
        let newest = x(max(0, versions.count - 1))
        for (i, r) in resemblances.enumerated() {
            let y = versionsBottom + 56 + i * rowHeight
            out += ##"<path d="M\##(newest) \##(top + (lanes[newestNumber] ?? 0) * laneHeight + 8) V\##(y - 6)" stroke="#999" fill="none" stroke-dasharray="3 3"/>"##
            let label = Self.label(r)
            let text = ##"<text x="\##(left)" y="\##(y + 4)" font-size="13">\##(Self.escape(label))</text>"##
            if r.match.kind == .song, let id = r.match.song?.id {
                out += ##"<a href="/songs/\##(id)" class="resembles song">\##(text)</a>"##
            } else {
                out += ##"<g class="resembles reference">\##(text)</g>"##
            }
        }
        if resemblances.isEmpty {
            out += ##"<text x="\##(left)" y="\##(versionsBottom + 60)" font-size="13" fill="#333">No tune in the archive or the reference tunebooks is much like this one.</text>"##
        }
        return out + "</svg>"
    }

    /// In words, what the song's branches are, when it has any: versions merged apart on laptops and not yet
    /// joined, or the newest version that joined some (nil when neither).
    var branches: String? {
        let parents = Set(versions.flatMap(\.parents))
        let heads = versions.filter { !parents.contains($0.number) }
        if heads.count > 1 {
            return "Versions " + heads.map { String($0.number) }.joined(separator: " and ")
                + " were merged apart on different laptops; the next merge joins them."
        }
        if let join = versions.last(where: { $0.parents.count > 1 }) {
            return "Version \(join.number) joined versions " + join.parents.map(String.init).joined(separator: " and ") + ", merged apart on different laptops."
        }
        return nil
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
        let lanes = self.lanes
        let history = versions.map { v in
            var notes: [String] = []
            if v.parents.count > 1 { notes.append("joins versions " + v.parents.map(String.init).joined(separator: " and ")) }
            else if let p = v.parents.first, (lanes[v.number] ?? 0) != (lanes[p] ?? 0) { notes.append("a branch from version \(p), merged apart on another laptop") }
            if tuneChanged.contains(v.number) { notes.append("tune changed") }
            return "version \(v.number)" + (notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")")
        }.joined(separator: ", ")
        let likes = resemblances.isEmpty ? "No other tune is much like it." : resemblances.map(Self.label).joined(separator: "; ") + "."
        return "Versions: \(history). \(likes) Likeness of notes is evidence, not proof of where a tune came from."
    }

    static func escape(_ s: String) -> String { XMLText.escape(s) }
}
