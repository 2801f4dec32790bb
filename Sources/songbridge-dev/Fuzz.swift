import ArgumentParser
import Foundation
import SongCore
import SongTesting
import SongText

/// `songbridge-dev fuzz`: mutates the corpus and the songs, runs both readers, and keeps any input that
/// breaks a round trip in `fuzz-crashes/` (a crash stops the run and the last input is in `fuzz-crashes/last.*`).
struct Fuzz: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fuzz the ABC and ChordPro readers with mutated files.")

    @Option(help: "Mutations to try per format.")
    var iterations = 100_000

    @Option(help: "Random seed (the same seed replays the same inputs).")
    var seed: UInt64 = 42

    func run() throws {
        let out = Fixtures.root.appendingPathComponent("fuzz-crashes")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        var failures = 0
        for format in [SongFile.Format.abc, .chordPro] {
            let seeds: [[UInt8]] = (format == .abc ? Fixtures.corpusFiles : Fixtures.songFiles).map { Array(Fixtures.text($0).utf8) }
            var mutator = Mutator(seed: seed)
            var accepted = 0, rejected = 0
            let started = Date()
            let ext = format == .abc ? "abc" : "cho"
            for i in 0..<iterations {
                let input = mutator.mutate(seeds[i % seeds.count])
                // Written before each run so a crash leaves the input that caused it.
                try Data(input).write(to: out.appendingPathComponent("last.\(ext)"))
                switch FuzzCase.run(input, format: format) {
                case .accepted: accepted += 1
                case .rejected: rejected += 1
                case .roundTripFailed:
                    failures += 1
                    try Data(input).write(to: out.appendingPathComponent("roundtrip-\(format.rawValue)-\(i).\(ext)"))
                }
            }
            let seconds = Date().timeIntervalSince(started)
            print("\(format.rawValue): \(iterations) inputs in \(String(format: "%.1f", seconds)) s, \(accepted) accepted, \(rejected) rejected, \(failures) round-trip failures so far")
        }
        try? FileManager.default.removeItem(at: out.appendingPathComponent("last.abc"))
        try? FileManager.default.removeItem(at: out.appendingPathComponent("last.cho"))
        if failures > 0 {
            print("inputs that failed to round-trip are in \(out.path)")
            throw ExitCode.failure
        }
    }
}
