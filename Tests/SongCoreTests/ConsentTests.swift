import Testing
@testable import SongCore

@Suite struct ConsentTests {
    @Test(arguments: [
        (Consent.fullName, "Margaret Hughes"), (.firstName, "Margaret"), (.initials, "M. H."), (.anonymous, "an older adult"),
    ])
    func creditFollowsConsent(consent: Consent, credit: String) {
        let c = Contributor(id: "c1", name: "Margaret Hughes", generation: .olderAdult, consent: consent)
        #expect(c.publicCredit == credit)
    }

    @Test func withdrawnIsNeverCredited() {
        #expect(Contributor(id: "c1", name: "Tomos Price", generation: .olderAdult, consent: .withdrawn).publicCredit == nil)
    }

    @Test func childrenNeedAGuardiansConsentToBeNamed() {
        var child = Contributor(id: "c2", name: "Josh Turner", generation: .child, consent: .fullName)
        #expect(child.publicCredit == "a child")
        child.guardianConsent = true
        #expect(child.publicCredit == "Josh Turner")
        let teen = Contributor(id: "c3", name: "Mia Stewart", generation: .teen, consent: .firstName)
        #expect(teen.publicCredit == "a teenager")
    }

    @Test func theDefaultIsAnonymous() {
        #expect(Contributor(id: "c4", name: "Someone").consent == .anonymous)
        #expect(Contributor(id: "c4", name: "Someone").publicCredit == "a participant")
    }
}
