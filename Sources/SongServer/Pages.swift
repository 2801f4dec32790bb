import Foundation
import Hummingbird
import Lyrics
import Mustache
import Notation
import Songbook
import SongArchive
import SongCore
import Transcription

/// The web pages, rendered on the server from Mustache templates; no scripts from elsewhere, so they work offline.
struct Pages: Sendable {
    let library: MustacheLibrary
    /// The files under Public/, read once at start-up.
    let assets: [String: String]
    /// Song pages already rendered, keyed by the public projection they show: a new version, a change of consent
    /// or a withdrawn line makes a different key, so a stale page is never served.
    let renderedSongs = BoundedCache<SongPageKey, String>(capacity: 256)

    /// What a song page shows: the public projection, and the version it is (which the page watches for a newer).
    struct SongPageKey: Hashable, Sendable {
        var song: SongJSON
        var version: Int
        /// The melodic index's generation: the tunes like this one change when any song or tunebook does.
        var tunes: Int64
    }

    /// What makes this server's pages, as a digest: its program (the file's size and time) and its templates'
    /// text. A page kept by another build of Songbridge is not shown by this one.
    static let making: String = {
        var parts: [String] = []
        let program = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        if let attributes = try? FileManager.default.attributesOfItem(atPath: program) {
            parts += [program, "\(attributes[.size] ?? "")", "\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"]
        }
        if let folder = Bundle.module.url(forResource: "Templates", withExtension: nil),
           let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) {
            for name in names.sorted() {
                parts += [name, (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""]
            }
        }
        return SHA256.hex(parts.joined(separator: "\u{0}"))
    }()

    static func load() async throws -> Pages {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else { throw HTTPError(.internalServerError, message: "templates missing") }
        var assets: [String: String] = [:]
        if let publicFolder = Bundle.module.url(forResource: "Public", withExtension: nil) {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: publicFolder.path)) ?? [] {
                assets[name] = try? String(contentsOf: publicFolder.appendingPathComponent(name), encoding: .utf8)
            }
        }
        return Pages(library: try await MustacheLibrary(directory: folder.path), assets: assets)
    }

    func page(_ name: String, _ object: [String: Any]) throws -> Response {
        guard let html = library.render(object, withTemplate: name) else { throw HTTPError(.internalServerError, message: "template \(name) missing") }
        return text(html, type: "text/html; charset=utf-8")
    }

    func rows(_ songs: [ArchivedSong]) -> [[String: Any]] {
        songs.map { ["id": $0.id, "title": $0.title, "place": $0.place ?? "", "date": $0.date ?? ""] }
    }

    func home(_ api: API) throws -> Response {
        let archive = api.archive
        let songs = try archive.recent(limit: 12)
        let stops = try api.stops()
        let nations = TourStop.Nation.allCases.compactMap { nation -> [String: Any]? in
            let here = stops.filter { $0.nation == nation.rawValue }
            guard !here.isEmpty else { return nil }
            let name = nation.name
            return ["name": name, "stops": here.map { ["id": $0.id, "place": $0.place, "date": $0.date ?? "", "songs": $0.songs, "plural": $0.songs == 1 ? "" : "s"] as [String: Any] }]
        }
        return try page("home", ["title": "The tour", "query": "", "nations": nations, "songs": rows(songs)])
    }

    /// The archivist's page: every song, filtered by nation, stop, year, who wrote, theme and style, a page at a time.
    func browse(_ api: API, query q: Parameters) throws -> Response {
        // A choice left at "all" comes as an empty value: the same as not choosing.
        let chosen: (String) -> String? = { q.get($0).flatMap { $0.isEmpty ? nil : $0 } }
        try APIRoute.all.first { $0.path == "api/v1/songs" }?.check(chosen)
        let limit = 50, offset = max(0, chosen("offset").flatMap { Int($0) } ?? 0)
        // One more than a page, to know whether there is a next page.
        let found = try api.songs { $0 == "limit" ? String(limit + 1) : $0 == "q" ? nil : chosen($0) }
        let stops = try api.stops()
        func option(_ value: String, _ label: String, _ key: String) -> [String: Any] { ["value": value, "label": label, "selected": chosen(key) == value] }
        let years = Set(stops.compactMap { $0.date?.prefix(4) }).sorted().map { option(String($0), String($0), "year") }
        let items = ["nation", "stop", "year", "generation", "theme", "style"].compactMap { key in
            chosen(key).map { "\(key)=\($0.addingPercentEncoding(withAllowedCharacters: Self.queryValue) ?? "")" }
        }
        func link(_ at: Int) -> String {
            "/songs?" + (items + (at > 0 ? ["offset=\(at)"] : [])).joined(separator: "&")
        }
        return try page("browse", [
            "title": "Songs", "query": "", "songs": rows(Array(found.prefix(limit))), "theme": chosen("theme") ?? "",
            "nations": TourStop.Nation.allCases.map { option($0.rawValue, $0.name, "nation") },
            "stops": stops.map { option($0.id, "\($0.place) \($0.date ?? "")", "stop") },
            "years": years,
            "generations": Generation.allCases.filter { $0 != .unknown }.map { option($0.rawValue, $0.rawValue.replacingOccurrences(of: "-", with: " "), "generation") },
            "styles": APIRoute.styles.map { option($0, $0, "style") },
            "previous": offset > 0 ? link(max(0, offset - limit)) : false,
            "next": found.count > limit ? link(offset + limit) : false,
            // Every song chosen, not only this page's, as one ZIP file.
            "export": found.isEmpty ? false : "/api/v1/export" + (items.isEmpty ? "" : "?" + items.joined(separator: "&")),
            // The same songs as a printed songbook, in each profile.
            "songbooks": found.isEmpty ? [] : SongbookProfile.allCases.map { profile in
                ["href": "/api/v1/songbook?" + ((items.isEmpty ? ["all=true"] : items) + ["profile=\(profile.rawValue)"]).joined(separator: "&"),
                 "label": profile == .largePrint ? "large print" : profile == .wordsOnly ? "words only" : "for musicians (with notation)"]
            },
        ])
    }

    /// What may stand unescaped in a query value: RFC 3986's unreserved characters.
    static let queryValue = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    func search(_ api: API, query: String) throws -> Response {
        let archive = api.archive
        let songs = try archive.search(query)
        return try page("search", ["title": "Search", "query": query, "songs": rows(songs)])
    }

    /// The find-a-tune page (its hits come from the API).
    func findTune() throws -> Response {
        try page("find-tune", ["title": "Find a song by its tune", "query": ""])
    }

    func song(_ api: API, id: Int64) async throws -> Response {
        try await song(id, archive: api.archive, notation: api.notation, kept: api.kept)
    }

    /// A song's page. Kept whole (`KeptParts`, without its drawings, which are kept once each) under a digest of
    /// everything it is made from, it is answered from there: the version's number and text (by its digest), what
    /// the projection reads of its people, and the melodic index's generation. So a page no one has asked this
    /// server for is not made again: neither parsed, projected nor rendered. `lookUp` false makes it afresh.
    func song(_ id: Int64, archive: TourArchive, notation: NotationDrawings, kept: KeptParts?, lookUp: Bool = true) async throws -> Response {
        // Everything the page reads of the archive, in one transaction (`reading`: on PostgreSQL, one BEGIN and one
        // COMMIT, not two); a page rendered already from the same public song, version and tunes is answered at once.
        struct Reads {
            var version: Int, sha256: String, full: Song, song: SongJSON, key: SongPageKey, graph: [VersionNode], changed: Set<Int>
            var likes: [TourArchive.Resemblance], kept: Data?, people: [String]
        }
        enum Read { case rendered(String), kept(KeptParts.Served), fresh(Reads) }
        let read = try archive.reading { () throws(ArchiveError) -> Read in
            var keptKey: Data?
            if let kept, let (number, sha256) = try archive.newestVersionMark(id), let people = kept.people(ofText: sha256) {
                let key = try keptPageKey(id, number: number, sha256: sha256, people: people, archive: archive)
                if lookUp, let page = kept.served(key) { return .kept(page) }
                keptKey = key
            }
            let (version, sha256, full, people) = try archive.newestPublicVersion(id)
            let song = SongJSON(id: id, song: full)
            // The page depends only on what the public may see of the song and its version number, so the same two
            // give the same page.
            let key = SongPageKey(song: song, version: version, tunes: try archive.tuneGeneration())
            if let html = renderedSongs.get(key) { return .rendered(html) }
            let graph = try archive.versions(id)
            if kept != nil, keptKey == nil { keptKey = try keptPageKey(id, number: version, sha256: sha256, people: people, archive: archive) }
            return .fresh(Reads(version: version, sha256: sha256, full: full, song: song, key: key, graph: graph,
                                changed: try archive.tuneChanges(song: id, versions: graph.map(\.number)),
                                likes: try archive.tunesLike(song: id, shown: full, kept: kept),
                                kept: keptKey, people: people))
        }
        let reads: Reads
        switch read {
        case .rendered(let html): return text(html, type: "text/html; charset=utf-8")
        case .kept(let page):
            // (Its drawings are kept apart, and the oldest go first: a page whose drawings went is made afresh.)
            guard let drawings = page.drawings else {
                return try await song(id, archive: archive, notation: notation, kept: kept, lookUp: false)
            }
            var body = ByteBuffer()
            SongWordsHTML.fill(kept: page.skeleton, drawings: drawings, into: &body)
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: body))
        case .fresh(let fresh): reads = fresh
        }
        let (version, full, song, graph) = (reads.version, reads.full, reads.song, reads.graph)
        var object = song.templateObject
        let analyzer = LyricAnalyzer()
        if analyzer.isWelsh(analyzer.words(in: song.title)) { object["lang"] = "cy" }
        let drawingsKey = NotationDrawings.pageKey(song: id, version: version, text: reads.sha256, shown: full)
        let drawings = await notation.drawings(full, page: drawingsKey)
        object["words"] = SongWordsHTML.render(song, drawings: drawings, analyzer: analyzer, placeholders: true)
        // Other keys to sing in: up to five semitones lower and six higher, spelled as a musician would.
        let keys: [[String: Any]] = full.metadata.key.map { home in
            (-5...6).filter { $0 != 0 }.map { step in
                let key = Transposition.bestKey(semitones: step, from: home).description
                return ["value": key, "label": "\(key) (\(abs(step)) \(step < 0 ? "lower" : "higher"))"]
            }
        } ?? []
        let tree = FamilyTree(versions: graph.map { ($0.number, $0.createdAt, $0.parentNumbers(in: graph)) }, tuneChanged: reads.changed, resemblances: reads.likes)
        var context: [String: Any] = ["title": song.title, "query": "", "song": object, "keys": keys, "version": version, "family": tree.svg,
                                      "likes": tree.resemblances.map { r in
                                          ["label": FamilyTree.label(r), "song": r.match.song.map { "\($0.id)" } ?? ""] as [String: Any]
                                      }]
        if let branches = tree.branches { context["branches"] = branches }
        guard let skeleton = library.render(context, withTemplate: "song") else {
            throw HTTPError(.internalServerError, message: "template song missing")
        }
        let html = SongWordsHTML.fill(skeleton, drawings: NotationDrawings.svgs(drawings))
        // A page whose notation failed for a passing reason (the engraver busy or slow) is not kept: the next asks again.
        guard drawings.contains(where: { if case .failure(let f)? = $0 { f.isTransient } else { false } }) else {
            renderedSongs.put(reads.key, html)
            if let kept, let under = reads.kept {
                kept.keep(people: reads.people, ofText: reads.sha256)
                kept.keep(page: KeptParts.Page(skeleton: skeleton, drawings: drawingsKey), under: under)
            }
            return text(html, type: "text/html; charset=utf-8")
        }
        var response = text(html, type: "text/html; charset=utf-8")
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// What a song page is kept under (`KeptParts.page`): what `API.keptKey` makes a key of, and the melodic index's
    /// generation (the tunes like it, and where its tune changed, move with it). The versions' family tree changes
    /// only with a new version.
    func keptPageKey(_ id: Int64, number: Int, sha256: String, people: [String], archive: TourArchive) throws(ArchiveError) -> Data {
        try API.keptKey("song page 1", id, number: number, sha256: sha256, people: people, archive: archive, also: ["\(try archive.tuneGeneration())"])
    }

    /// The large-print song sheet: the tunes drawn large with chords over words, or words only.
    /// In another key when one is asked for (the song page's choice): chords and notation moved together.
    func printSheet(_ api: API, id: Int64, wordsOnly: Bool, key asked: String?) async throws -> Response {
        var song = try api.publicSong(id)
        var key: Key?
        if let asked, !asked.isEmpty {
            guard let parsed = Key(asked), asked.utf8.count <= 20 else { throw HTTPError(.badRequest, message: "'\(asked)' is not a key (try G, Bb or F#m)") }
            key = parsed
            if let from = song.metadata.key ?? song.sections.compactMap(\.melody).first?.key {
                song = Transposition(from: from, to: parsed).apply(song)
            }
        }
        var object = Self.pageObject(SongJSON(id: id, song: song))
        if !wordsOnly { Self.addNotation(await api.notation.drawings(song, size: .largePrint), to: &object) }
        return try page("print", ["song": object, "wordsOnly": wordsOnly, "key": key?.description ?? ""])
    }

    /// Each shown section's drawing (`notation`, the SVG) or why there is none (`notationFailed`), and its place.
    static func addNotation(_ drawings: [Result<Engraving, EngravingFailure>?], to object: inout [String: Any]) {
        guard var sections = object["sections"] as? [[String: Any]] else { return }
        for i in sections.indices where i < drawings.count {
            sections[i]["index"] = i
            switch drawings[i] {
            case .success(let drawing)?: sections[i]["notation"] = drawing.svg
            case .failure(let failure)?: sections[i]["notationFailed"] = "The notation could not be drawn (\(failure)); the words and chords are below."
            case nil: break
            }
        }
        object["sections"] = sections
    }

    /// A song for a template: its JSON, with the title, section names and lines that read as Welsh marked
    /// `lang: cy`, so a screen reader says them in Welsh (the pages are in English; a song from a Welsh stop is
    /// often both).
    static func pageObject(_ song: SongJSON) -> [String: Any] {
        var object = song.templateObject
        let analyzer = LyricAnalyzer()
        func welsh(_ text: Any?) -> Bool { (text as? String).map { analyzer.isWelsh(analyzer.words(in: $0)) } ?? false }
        if welsh(object["title"]) { object["lang"] = "cy" }
        if var sections = object["sections"] as? [[String: Any]] {
            for i in sections.indices {
                // Every name the template asks of a section or a line is given, false where there is nothing: a
                // name a context lacks is looked for in each context around it, a cast at each, for every line.
                sections[i]["lang"] = welsh(sections[i]["label"]) ? "cy" : false
                for name in ["tuneNote", "notation", "notationFailed"] where sections[i][name] == nil { sections[i][name] = false }
                guard var lines = sections[i]["lines"] as? [[String: Any]] else { continue }
                for j in lines.indices { lines[j]["lang"] = welsh(lines[j]["words"]) ? "cy" : false }
                sections[i]["lines"] = lines
            }
            object["sections"] = sections
        }
        return object
    }

    /// The facilitator's capture page: who, what and where, then the merge report. Not a public view: it names
    /// the people in the room, so beyond loopback it needs the facilitator token like any write.
    func capture(_ api: API, id: Int64) throws -> Response {
        let archive = api.archive
        let stored = try archive.song(id)
        let full = try archive.withCurrentConsent(stored)
        // (What the public sees, as the public pages show it: not projected from the names this token may read.)
        let shown = SongJSON(id: id, song: try archive.publicSong(stored))
        let people = full.provenance.contributors.filter { $0.effectiveConsent != .withdrawn }.map { person -> [String: Any] in
            ["id": person.id, "label": "\(person.name ?? person.publicCredit ?? person.id) (\(person.generation.rawValue))"]
        }
        // The sessions at the song's stop, the newest chosen (the one in the room now, most likely).
        let stop = full.provenance.stop?.id
        let sessions = try stop.map { id in try archive.sessions(stop: id) } ?? []
        let sessionRows = sessions.enumerated().map { n, s -> [String: Any] in
            ["id": s.id, "label": "\(s.date ?? "undated") · \(s.contributions) added" + (s.notes.map { " · \($0.prefix(40))" } ?? ""), "latest": n == sessions.count - 1]
        }
        return try page("capture", [
            "title": "Add to \(shown.title)", "query": "", "id": id, "songTitle": shown.title, "people": people,
            "hasSessions": !sessions.isEmpty, "sessions": sessionRows,
            "sections": shown.sections.map(\.label).uniqued().map { ["label": $0] },
            // A verse written in the room starts a new section, sung to the song's verse tune.
            "newVerse": Self.nextLabel("Verse", after: shown.sections.filter { $0.kind == "verse" }.count, taken: Set(shown.sections.map(\.label))),
            "generations": Generation.allCases.filter { $0 != .unknown }.map { ["value": $0.rawValue] },
            "consents": Consent.allCases.filter { $0 != .withdrawn }.map { ["value": $0.rawValue, "selected": $0 == .default] },
            // The song's time, for a tune played on a keyboard (a sung take is placed by the server in the same).
            "tempo": full.metadata.tempo.map { String(Int($0.quarterNotesPerMinute.rounded())) } ?? "",
            "meter": full.metadata.meter?.description ?? "", "key": full.metadata.key?.description ?? "",
            // Below this confidence a note is marked doubtful: the transcriber's rule, read by the page.
            "doubtful": PlacedNote.doubtful,
        ])
    }

    /// `Verse 3` after two verses, or the next number free.
    static func nextLabel(_ word: String, after count: Int, taken: Set<String>) -> String {
        var n = count + 1
        while taken.contains("\(word) \(n)") { n += 1 }
        return "\(word) \(n)"
    }

    /// Everyone who took part, with their private names and consent, for facilitators to change when asked.
    func people(_ api: API) throws -> Response {
        let archive = api.archive
        let people = try archive.contributors()
        let takes = try archive.takeCounts()
        let rows = people.sorted { ($0.name ?? $0.id).localizedCaseInsensitiveCompare($1.name ?? $1.id) == .orderedAscending }.map { person -> [String: Any] in
            [
                "id": person.id, "name": person.name ?? "(no name given)", "generation": person.generation.rawValue.replacingOccurrences(of: "-", with: " "),
                "role": person.role.rawValue, "young": person.generation == .child || person.generation == .teen, "guardian": person.guardianConsent,
                "credit": person.publicCredit ?? "not credited",
                "consents": Consent.allCases.map { ["value": $0.rawValue, "selected": $0 == person.consent] },
                "takes": takes[person.id] ?? 0, "hasTakes": (takes[person.id] ?? 0) > 0,
            ]
        }
        return try page("people", ["title": "People and their consent", "query": "", "people": rows])
    }

    /// Where a facilitator signs a tablet in with a token; then on to `next` (a path on this server only).
    func facilitator(next: String) throws -> Response {
        try page("facilitator", ["title": "For facilitators", "query": "", "next": Self.localPath(next)])
    }

    /// `next` when it is a path on this server, put in one form; "/" otherwise. Browsers drop tabs and newlines
    /// from a URL and read `\` as `/`, so `/%09/evil.example` would leave the site: any control character, space or
    /// backslash, decoded or not, makes it "/", and so does anything but a single leading `/`.
    static func localPath(_ next: String) -> String {
        let decoded = next.removingPercentEncoding ?? ""
        let refused = decoded.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\\" || $0.properties.isWhitespace }
            || next.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\\" || $0.properties.isWhitespace }
        guard !refused, decoded.hasPrefix("/"), !decoded.hasPrefix("//"), next.hasPrefix("/"), !next.hasPrefix("//") else { return "/" }
        let (path, query) = next.firstIndex(of: "?").map { (next[..<$0], String(next[$0...])) } ?? (next[...], "")
        let canonical = RequestPath.canonical(path)
        return canonical + query
    }

    func asset(_ name: String, type: String) -> Response {
        guard let body = assets[name] else { return text("", type: type, status: .notFound) }
        return text(body, type: type)
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
