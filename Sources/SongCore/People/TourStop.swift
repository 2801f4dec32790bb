/// A place the tour visited.
public struct TourStop: Sendable, Hashable, Codable {
    /// One of the four nations.
    public enum Nation: String, Sendable, Hashable, Codable, CaseIterable {
        case england, wales, scotland
        case northernIreland = "northern-ireland"
    }

    /// The kind of venue.
    public enum Venue: String, Sendable, Hashable, Codable, CaseIterable {
        case careHome = "care-home"
        case school
        case communityHub = "community-hub"
        case hospital
        case other
    }

    /// Stable id, e.g. `weymouth-2026-05`.
    public var id: String
    /// Town or city.
    public var place: String
    /// Nation.
    public var nation: Nation
    /// Venue kind.
    public var venue: Venue
    /// Date as ISO 8601 (`2026-05-14`).
    public var date: String?
    /// Partner organisations.
    public var partners: [String]

    /// The id a stop gets when none is given: its place in lower case with hyphens for spaces, then its date
    /// (`weymouth-2026-05-14`).
    public static func id(place: String, date: String) -> String {
        place.lowercased().split(separator: " ").joined(separator: "-") + "-" + date
    }

    /// A tour stop.
    public init(id: String, place: String, nation: Nation, venue: Venue, date: String? = nil, partners: [String] = []) {
        self.id = id
        self.place = place
        self.nation = nation
        self.venue = venue
        self.date = date
        self.partners = partners
    }
}
