/// A songwriting session at a tour stop (a morning in the care home, an afternoon with a Year 4 class).
public struct TourSession: Sendable, Hashable, Codable {
    /// Its number.
    public var id: Int64
    /// The stop it belongs to.
    public var stop: String
    /// Its date (YYYY-MM-DD), if recorded.
    public var date: String?
    /// Notes for the facilitators (who came, what worked). Not public.
    public var notes: String?
    /// How many contributions were captured in it.
    public var contributions: Int
}
