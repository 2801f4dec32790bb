import SongCore
import Testing

/// A person's consent history decides their consent: a withdrawal not yet seen by another change wins over any
/// change made apart, and only a change made knowing it undoes it.
@Suite struct ConsentChangeTests {
    static func change(_ uid: String, _ consent: Consent, at minute: Int, after: [String] = []) -> ConsentChange {
        ConsentChange(uid: uid, consent: consent, at: "2026-12-01T09:\(minute < 10 ? "0" : "")\(minute):00Z", supersedes: after)
    }

    @Test func aSingleChainIsDecidedByItsLatestChange() {
        let history = [Self.change("a", .anonymous, at: 0), Self.change("b", .firstName, at: 5, after: ["a"]), Self.change("c", .initials, at: 9, after: ["b"])]
        #expect(ConsentChange.heads(history).map(\.uid) == ["c"])
        #expect(ConsentChange.deciding(history)?.consent == .initials)
        #expect(ConsentChange.deciding(history.reversed())?.consent == .initials, "the order they arrive in does not matter")
    }

    @Test func aWithdrawalMadeApartWinsOverALaterWiderConsent() {
        let start = Self.change("a", .firstName, at: 0)
        let withdrawn = Self.change("w", .withdrawn, at: 5, after: ["a"])
        let widened = Self.change("f", .fullName, at: 8, after: ["a"])
        #expect(Set(ConsentChange.heads([start, withdrawn, widened]).map(\.uid)) == ["w", "f"])
        #expect(ConsentChange.deciding([start, withdrawn, widened])?.consent == .withdrawn)
        #expect(ConsentChange.deciding([widened, start, withdrawn])?.consent == .withdrawn)
        // Agreeing again, on a laptop that had heard of the withdrawal (and of the other change).
        let again = Self.change("g", .initials, at: 20, after: ["f", "w"])
        #expect(ConsentChange.deciding([start, withdrawn, widened, again])?.consent == .initials)
        // A change that knew only the wider one does not undo the withdrawal.
        let unaware = Self.change("h", .fullName, at: 30, after: ["f"])
        #expect(ConsentChange.deciding([start, withdrawn, widened, unaware])?.consent == .withdrawn)
    }

    @Test func changesMadeApartAtTheSameMomentFallToTheNarrowerConsent() {
        let start = Self.change("a", .anonymous, at: 0)
        let one = Self.change("x", .fullName, at: 7, after: ["a"]), other = Self.change("y", .initials, at: 7, after: ["a"])
        #expect(ConsentChange.deciding([start, one, other])?.consent == .initials)
        #expect(ConsentChange.deciding([other, start, one])?.consent == .initials)
        #expect(ConsentChange.deciding([]) == nil)
    }
}
