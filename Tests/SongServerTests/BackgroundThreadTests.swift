import Foundation
import Testing
@testable import SongServer

/// A server's work beside its requests runs on threads of its own at a lower CPU priority, leaving the caller's as
/// it was.
@Suite struct BackgroundThreadTests {
    @Test func aLongNameIsCutToWhatLinuxTakes() async {
        let name = await withCheckedContinuation { continuation in
            BackgroundThread.start(name: "a-name-of-twenty-bytes", niceness: 0) { continuation.resume(returning: Thread.current.name) }
        }
        #expect(name == "sb-a-name-of-tw")
    }

    @Test func theWorkRunsNamedAtItsOwnNiceValue() async throws {
        let before = BackgroundThread.current()
        let (niceness, name, raised) = await withCheckedContinuation { continuation in
            BackgroundThread.start(name: "test", niceness: 12) {
                // Nor does it give itself back the priority it gave up (which root could).
                let raised = BackgroundThread.lower(to: 5)
                continuation.resume(returning: (BackgroundThread.current(), Thread.current.name, raised))
            }
        }
        #expect(niceness == max(12, before))
        #expect(name == "sb-test")
        #expect(!raised)
        #expect(BackgroundThread.current() == before)
    }
}
