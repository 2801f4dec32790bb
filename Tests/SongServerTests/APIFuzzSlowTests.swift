import Foundation
import SongTesting
import Testing
@testable import SongServer

/// Schemathesis (from PyPI, installed by `make test`) reads a running `songbridge serve`'s OpenAPI document and sends it
/// generated requests: the document's examples, boundary values (the coverage phase), random ones, and stateful
/// sequences. It checks that nothing answers 5xx and that every answer fits the document (status codes, media
/// types, JSON schemas, headers), that requests the document forbids are refused, and that methods a path does not
/// serve get 405 with Allow. Its settings, and the checks left out and why, are in `scripts/schemathesis.toml`.
@Suite struct APIFuzzSlowTests {
    @Test func schemathesisFindsNoServerErrorAndNoAnswerThatBreaksTheDocument() async throws {
        // It prints songbooks with Chromium among much else: heavy, so not while a test listens in real time.
        let gate = await RealTimeGate.shared.heavy()
        defer { gate.leave() }
        let server = try await ServeProcess()
        defer { server.stop() }
        let report = server.folder.appendingPathComponent("schemathesis.txt")
        // Waited for on a thread of its own, off the cooperative threads the other tests need.
        let status = try await CommandRunner.beside { () throws -> Int32 in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            // The settings (every phase, seed, one worker, the checks left out and why) are in the file, so a run by
            // hand is the same run.
            process.arguments = [
                "st", "--config-file", Fixtures.root.appendingPathComponent("scripts/schemathesis.toml").path,
                "run", server.base.appendingPathComponent("api/v1/openapi.json").absoluteString, "--no-color",
            ]
            // Schemathesis keeps a cache of what it found in its working folder: the scratch folder, not the tree.
            process.currentDirectoryURL = server.folder
            _ = FileManager.default.createFile(atPath: report.path, contents: nil)
            let out = try FileHandle(forWritingTo: report)
            process.standardOutput = out
            process.standardError = out
            try process.run()
            process.waitUntilExit()
            try out.close()
            return process.terminationStatus
        }
        let text = (try? String(contentsOf: report, encoding: .utf8)) ?? ""
        // What it found is listed before its summary; show that part.
        let found = (text.range(of: "= FAILURES =") ?? text.range(of: "= ERRORS =")).map { String(text[$0.lowerBound...].prefix(8000)) }
        #expect(status == 0, "schemathesis found problems:\n\(found ?? String(text.suffix(6000)))")
        // It really ran: many generated cases, all passed.
        let counts = text.split(separator: "\n").first { $0.contains(" generated, ") }.map(String.init) ?? ""
        let generated = counts.split(separator: " ").first.flatMap { Int($0) } ?? 0
        #expect(generated > 300, "\(counts)")
        #expect(counts.contains("\(generated) passed"), "\(counts)")
    }
}
