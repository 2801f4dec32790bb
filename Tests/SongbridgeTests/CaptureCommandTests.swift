import Foundation
import SongTesting
import Testing

/// `songbridge capture --keyboard` where there is nothing to hear (no /dev/snd here, or no keyboard on a machine
/// that has a sequencer): one line and exit 69. What it does with what is played is KeyboardTakeTests'.
@Suite struct CaptureCommandTests {
    @Test func withoutAKeyboardItSaysSoInOneLine() async throws {
        for arguments in [["capture", "--keyboard"], ["capture", "--list"], ["capture", "--keyboard", "--port", "20:0"]] {
            let r = try await CommandRunner.songbridge(arguments)
            if FileManager.default.fileExists(atPath: "/dev/snd/seq") {
                #expect(r.status == 0 || r.status == 69 || r.status == 64, "\(arguments): \(r.status) \(r.stderr)")
            } else {
                #expect(r.status == 69 && r.stderr.contains("/dev/snd/seq") && r.stderr.split(separator: "\n").count == 1, "\(arguments): \(r.status) \(r.stderr)")
            }
        }
        // Asked wrongly: a usage error before any device is touched.
        for arguments in [["capture"], ["capture", "--keyboard", "--contribute"], ["capture", "--keyboard", "--tempo", "1000"], ["capture", "--keyboard", "--meter", "x"]] {
            #expect(try await CommandRunner.songbridge(arguments).status == 64, "\(arguments)")
        }
    }
}
