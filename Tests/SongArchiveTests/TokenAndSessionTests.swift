import Foundation
import SongCore
import Testing
@testable import SongArchive

@Suite struct TokenAndSessionTests {
    func scratch() throws -> (TourArchive, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString).sqlite").path
        return (try TourArchive(path: path), path)
    }

    /// FIPS 180-4 example digests (NIST CSRC "Examples with Intermediate Values", SHA-256).
    @Test func sha256MatchesTheStandardsExamples() {
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func tokensAreKeptHashedAndRevokedForGood() throws {
        let (archive, path) = try scratch()
        let made = try archive.createToken(label: "Sam's tablet")
        #expect(made.token.count == 64 && made.token.allSatisfy(\.isHexDigit))
        #expect(try archive.acceptsToken(made.token))
        #expect(try !archive.acceptsToken(String(made.token.reversed())))
        #expect(try !archive.acceptsToken(""))
        let other = try archive.createToken(label: "Lee's laptop")
        #expect(other.token != made.token)
        // The file never holds the token itself.
        try archive.backup(to: path + ".copy")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path + ".copy"))
        #expect(bytes.range(of: Data(made.token.utf8)) == nil)
        #expect(bytes.range(of: Data(SHA256.hex(made.token).utf8)) != nil)

        try archive.revokeToken(made.id)
        #expect(try !archive.acceptsToken(made.token))
        #expect(try archive.acceptsToken(other.token))
        let listed = try archive.tokens()
        #expect(listed.map(\.label) == ["Sam's tablet", "Lee's laptop"])
        #expect(listed[0].revokedAt != nil && listed[1].revokedAt == nil)
        #expect(throws: ArchiveError.self) { try archive.revokeToken(99) }
        #expect(throws: ArchiveError.self) { try archive.createToken(label: "  ") }
    }

    @Test func sessionsBelongToAStopAndCountContributions() throws {
        let (archive, _) = try scratch()
        let stop = try archive.add(TourStop(id: "oban-2026-06", place: "Oban", nation: .scotland, venue: .school, date: "2026-06-02"))
        let morning = try archive.addSession(stop: stop, date: "2026-06-02", notes: "P4 class")
        let song = try archive.newSong(title: "Oban Bay", stop: stop)
        try archive.add(Contributor(id: "c-1", generation: .child))
        _ = try archive.contribute(song: song, by: ["c-1"], kind: .lyrics, payload: "The [C]ferry waits", session: morning)
        _ = try archive.contribute(song: song, by: ["c-1"], kind: .idea, payload: "gulls")
        let sessions = try archive.sessions(stop: stop)
        #expect(sessions.map(\.contributions) == [1])
        #expect(sessions.first?.notes == "P4 class")
        #expect(try archive.sessions(stop: "elsewhere").isEmpty)
        // Refusals change nothing.
        #expect(throws: ArchiveError.self) { try archive.addSession(stop: "atlantis") }
        #expect(throws: ArchiveError.self) { try archive.addSession(stop: stop, date: "2 June") }
        #expect(throws: ArchiveError.self) { try archive.contribute(song: song, by: ["c-1"], kind: .idea, payload: "x", session: 42) }
        #expect(try archive.sessions().count == 1)
    }
}
