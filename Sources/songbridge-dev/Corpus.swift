import ArgumentParser
import Foundation
import SongTesting

/// `songbridge-dev corpus`: every tune of the real tunebooks in `.corpus/` (scripts/fetch-corpus.sh) read by
/// Songbridge and by abc2midi, note for note; prints the pass rate by collection and each difference with its tune.
struct Corpus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Compare the ABC reader with abc2midi over real tunebooks (make corpus).")

    @Argument(help: "The corpus folder.") var folder = ".corpus"
    @Option(help: "Compare at most this many tunes of each collection (all when not given).") var limit: Int?
    @Flag(help: "Print every tune that differs, not only the counts.") var verbose = false

    func run() async throws {
        var total = (same: 0, different: 0, rejected: 0, skipped: 0)
        func line(_ name: String, _ c: (same: Int, different: Int, rejected: Int, skipped: Int)) -> String {
            let compared = c.same + c.different + c.rejected
            return name.padding(toLength: 16, withPad: " ", startingAt: 0)
                + String(format: " %5d tunes compared: %5d the same (%.1f%%), %4d differ, %4d refused; %d abc2midi made nothing of",
                         compared, c.same, 100 * Double(c.same) / Double(max(1, compared)), c.different, c.rejected, c.skipped)
        }
        for (collection, tunes) in try ABCCorpus.collections(at: URL(fileURLWithPath: folder)) {
            var counts = (same: 0, different: 0, rejected: 0, skipped: 0)
            for tune in tunes.prefix(limit ?? tunes.count) {
                let name = "\(collection)/\(tune.file)"
                switch await ABCCorpus.compare(tune.text, reference: tune.reference, name: name) {
                case .same: counts.same += 1
                case .different(let why):
                    counts.different += 1
                    if verbose { print("  differs   \(name) X:\(tune.reference): \(why)") }
                case .rejected(let why):
                    counts.rejected += 1
                    if verbose { print("  refused   \(name) X:\(tune.reference): \(why)") }
                case .skipped: counts.skipped += 1
                }
            }
            print(line(collection, counts))
            total.same += counts.same; total.different += counts.different; total.rejected += counts.rejected; total.skipped += counts.skipped
        }
        print(line("all", total))
    }
}
