import ArgumentParser
import Foundation
import SongTesting
import SongText

/// `songbridge-dev generate --count N --to DIR`: many different song files, for import benchmarks and kill tests.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write generated song files (.cho).")

    @Option(help: "How many songs.") var count = 1_000
    @Option(help: "The folder to write them into.") var to: String

    func run() throws {
        try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: true)
        for n in 0..<count {
            try ChordProWriter.write(SongGenerator.song(n)).write(toFile: (to as NSString).appendingPathComponent(String(format: "song-%06d.cho", n)), atomically: false, encoding: .utf8)
        }
        print("\(count) songs in \(to)")
    }
}
