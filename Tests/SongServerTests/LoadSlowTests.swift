import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SongArchive
import SongTesting
import Testing
@testable import SongServer

/// A thousand requests at once on loopback against `songbridge serve` with renders in flight (`scripts/load-test.py`, plain sockets, one
/// connection each): no errors, and every contribution the server acknowledged is in the archive file, once.
@Suite struct LoadSlowTests {
    @Test func aThousandRequestsAtOnceWithRendersInFlightLoseNothing() async throws {
        let server = try await ServeProcess()
        defer { server.stop() }
        let archive = server.archive
        let (status, output) = try await CommandRunner.beside { () throws -> (Int32, String) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", Fixtures.root.appendingPathComponent("scripts/load-test.py").path, server.base.absoluteString, archive, "1000"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        #expect(status == 0, "\(output)")
        #expect(output.contains("1000 requests at once"), "\(output)")
        #expect(output.contains("334 contributions acknowledged, 334 in the archive, 0 lost"), "\(output)")
        // Renders were asked for while the rest arrived, and the server still answers afterwards.
        #expect(output.split(separator: "\n").contains { $0.hasPrefix("render") && $0.contains(" 0 errors") }, "\(output)")
        let (_, reply) = try await URLSession.shared.data(from: server.base.appendingPathComponent("api/v1/stops"))
        #expect((reply as? HTTPURLResponse)?.statusCode == 200)
        #expect(try TourArchive(path: archive).versions(try ServerTests.id(of: "The Tide Comes In", in: archive)).count == 1)
    }
}
