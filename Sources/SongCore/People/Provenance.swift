/// Where a song comes from: the tour stop, the people, and who wrote what.
public struct Provenance: Sendable, Hashable, Codable {
    /// The tour stop where it was written.
    public var stop: TourStop?
    /// Everyone credited, in the order listed.
    public var contributors: [Contributor]
    /// Who wrote which lines, chords and melody.
    public var credits: [Credit]

    /// Provenance.
    public init(stop: TourStop? = nil, contributors: [Contributor] = [], credits: [Credit] = []) {
        self.stop = stop
        self.contributors = contributors
        self.credits = credits
    }

    /// Whether nothing is recorded.
    public var isEmpty: Bool { stop == nil && contributors.isEmpty && credits.isEmpty }

    /// The contributor with `id`.
    public func contributor(_ id: String) -> Contributor? { contributors.first { $0.id == id } }

    /// The contributors credited with line `line` (1-based) of section `section`.
    public func authors(ofLine line: Int, inSection section: String) -> [Contributor] {
        credits.filter { $0.part == .lines && $0.section == section && ($0.lines.isEmpty || $0.lines.contains(line)) }
            .flatMap(\.contributors).compactMap(contributor)
    }
}
