import Foundation
import SongTesting
import Testing

/// `songbridge cert create|show` and `serve --tls` without an authority: what a facilitator sees at the command line.
@Suite struct CertCommandTests {
    @Test func theAuthorityIsMadeOnceAndShown() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try await CommandRunner.songbridge(["cert", "create", "--folder", "ca", "--name", "Songbridge on the tour laptop"], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        let lines = made.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[0].hasSuffix("ca/songbridge-ca.pem") && lines[1].wholeMatch(of: /SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/) != nil, "\(lines)")
        #expect(try await CommandRunner.songbridge(["cert", "show", "--folder", "ca"], in: dir).stdout == made.stdout)
        // Once per laptop: a second is refused, the first kept.
        let again = try await CommandRunner.songbridge(["cert", "create", "--folder", "ca"], in: dir)
        #expect(again.status == 73 && again.stderr.split(separator: "\n").count == 1 && again.stderr.contains("already"))
        #expect(try await CommandRunner.songbridge(["cert", "show", "--folder", "ca"], in: dir).stdout == made.stdout)
        // A name with a line break in it is not a name.
        #expect(try await CommandRunner.songbridge(["cert", "create", "--folder", "ca2", "--name", "Evil\nName"], in: dir).status == 64)
        // HTTPS without an authority: one line saying how to make one, and no server.
        let serve = try await CommandRunner.songbridge(["serve", "--tls", "--authority", "none", "--port", "0", "--archive", "a.sqlite"], in: dir)
        #expect(serve.status == 69 && serve.stderr.contains("songbridge cert create") && serve.stderr.split(separator: "\n").count == 1, "\(serve.stderr)")
    }
}
