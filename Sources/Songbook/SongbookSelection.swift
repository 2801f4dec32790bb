import SongArchive
import SongCore

/// Which songs a songbook holds: a stop's, a nation's, a year's, those a search finds, or all. In title order
/// (a search's in its order of relevance), each through the consent projection with today's consent.
public struct SongbookSelection: Sendable, Hashable {
    public var stop: String?
    public var nation: String?
    public var year: String?
    public var search: String?
    /// Narrowing further, as the browse page does: who wrote (a generation), a theme, a style.
    public var generation: String?
    public var theme: String?
    public var style: String?

    /// The most songs one book takes: a tour's worth, printed in well under a minute.
    public static let maximumSongs = 500

    public init(stop: String? = nil, nation: String? = nil, year: String? = nil, search: String? = nil,
                generation: String? = nil, theme: String? = nil, style: String? = nil) {
        self.stop = stop
        self.nation = nation
        self.year = year
        self.search = search
        self.generation = generation
        self.theme = theme
        self.style = style
    }

    /// Whether anything is chosen (else the book is every song).
    public var choosesAny: Bool { [stop, nation, year, search, generation, theme, style].contains { $0 != nil } }

    /// Why no book could be made of a selection.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The chosen songs, public projections, with their ids. Throws when none match or too many do, rather than
    /// make an empty or an endless book.
    public func songs(in archive: TourArchive) throws -> [(id: Int64, song: Song)] {
        let listed: [ArchivedSong]
        if let search, !search.isEmpty {
            listed = try archive.search(search, limit: Self.maximumSongs + 1)
        } else {
            listed = try archive.list(stop: stop, nation: nation, generation: generation, year: year, style: style, theme: theme, limit: Self.maximumSongs + 1)
        }
        guard listed.count <= Self.maximumSongs else {
            throw Problem(description: "more than \(Self.maximumSongs) songs match; choose a stop, a nation, a year or a search")
        }
        let songs = try listed.filter { $0.latestVersion > 0 }.map { (id: $0.id, song: try archive.publicSong(try archive.song($0.id))) }
        guard !songs.isEmpty else { throw Problem(description: "no songs match \(description(in: archive)); nothing to print") }
        return songs
    }

    /// What the book holds, for its title page: "Songs from Machynlleth, 2026-09-17", "Songs from Wales".
    public func description(in archive: TourArchive) -> String {
        if let search, !search.isEmpty { return "Songs found by “\(search)”" }
        var parts: [String] = []
        if let stop {
            let found = (try? archive.stops())?.first { $0.id == stop }
            parts.append(found.map { [$0.place, $0.date].compactMap { $0 }.joined(separator: ", ") } ?? stop)
        }
        if let nation { parts.append(TourStop.Nation(rawValue: nation).map(\.name) ?? nation) }
        if let year { parts.append(year) }
        var text = parts.isEmpty ? "Every song of the tour" : "Songs from " + parts.joined(separator: ", ")
        if let generation { text += ", written with \(generation.replacingOccurrences(of: "-", with: " ")) people" }
        if let theme { text += ", on \(theme)" }
        if let style { text += ", in the \(style) style" }
        return text
    }
}
