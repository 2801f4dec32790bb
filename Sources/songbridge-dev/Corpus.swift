import ArgumentParser
import Foundation
import SongTesting

/// `songbridge-dev corpus`: every tune of the real tunebooks in `.corpus/` (scripts/fetch-corpus.sh) read by
/// Songbridge and by abc2midi, note for note; prints the pass rate by collection and each difference with its tune.
struct Corpus: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Compare the ABC reader with abc2midi over real tunebooks (make corpus).")

    @Argument(help: "The corpus folder.") var folder = ".corpus"
    @Option(help: "Compare at most this many tunes of each collection (all when not given).") var limit: Int?
    @Flag(help: "Print every tune that differs, not only the counts.") var verbose = false

    func run() throws {
        let root = URL(fileURLWithPath: folder)
        let collections = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { !$0.hasPrefix(".") }.sorted()
        var total = (same: 0, different: 0, rejected: 0, skipped: 0)
        for collection in collections {
            let files = (FileManager.default.enumerator(atPath: root.appendingPathComponent(collection).path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".abc") }.sorted()
            var counts = (same: 0, different: 0, rejected: 0, skipped: 0)
            var done = 0
            files: for file in files {
                let url = root.appendingPathComponent(collection).appendingPathComponent(file)
                let text = (try? String(contentsOf: url, encoding: .utf8)) ?? (try? String(contentsOf: url, encoding: .isoLatin1)) ?? ""
                for (reference, tune) in ABCCorpus.tunes(in: text) {
                    if let limit, done >= limit { break files }
                    done += 1
                    switch ABCCorpus.compare(tune, reference: reference, name: "\(collection)/\(file)") {
                    case .same: counts.same += 1
                    case .different(let why):
                        counts.different += 1
                        if verbose { print("  differs   \(collection)/\(file) X:\(reference): \(why)") }
                    case .rejected(let why):
                        counts.rejected += 1
                        if verbose { print("  refused   \(collection)/\(file) X:\(reference): \(why)") }
                    case .skipped: counts.skipped += 1
                    }
                }
            }
            let compared = counts.same + counts.different + counts.rejected
            print(String(format: "%-16@ %5d tunes compared: %5d the same (%.1f%%), %4d differ, %4d refused; %d abc2midi made nothing of",
                         collection as NSString, compared, counts.same, 100 * Double(counts.same) / Double(max(1, compared)), counts.different, counts.rejected, counts.skipped))
            total.same += counts.same; total.different += counts.different; total.rejected += counts.rejected; total.skipped += counts.skipped
        }
        let compared = total.same + total.different + total.rejected
        print(String(format: "all              %5d tunes compared: %5d the same (%.1f%%), %4d differ, %4d refused; %d abc2midi made nothing of",
                     compared, total.same, 100 * Double(total.same) / Double(max(1, compared)), total.different, total.rejected, total.skipped))
    }
}
