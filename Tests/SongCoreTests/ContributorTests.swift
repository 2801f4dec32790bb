import Testing
@testable import SongCore

/// The domain's one rule for each kind of id the archive makes.
@Suite struct ContributorTests {
    @Test func newIDsAreValidRandomAndSayNothingOfOrder() {
        let ids = (0..<500).map { _ in Contributor.newID() }
        #expect(ids.allSatisfy { $0.hasPrefix("c-") && $0.count == 10 && Contributor.isValidID($0) })
        #expect(Set(ids).count == ids.count, "500 random ids do not collide")
        #expect(ids != ids.sorted(), "not made in order")
    }

    @Test func aStopWithoutAnIdIsNamedByPlaceAndDate() {
        #expect(TourStop.id(place: "Port Talbot", date: "2026-05-14") == "port-talbot-2026-05-14")
        #expect(TourStop.id(place: "Ystradgynlais", date: "2026-06-02") == "ystradgynlais-2026-06-02")
    }
}
