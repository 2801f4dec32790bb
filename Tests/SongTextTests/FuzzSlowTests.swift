import Foundation
import SongCore
import SongTesting
import Testing
@testable import SongText

/// Random mutations of valid files: the readers must answer with a song or with diagnostics, never crash or hang,
/// and whatever they accept must write out and read back. A bounded run here; `make fuzz` runs longer.
@Suite struct FuzzSlowTests {
    static let iterations = 1_500

    static func seeds(_ format: SongFile.Format) -> [[UInt8]] {
        switch format {
        case .abc: Fixtures.corpusFiles.map { Array(Fixtures.text($0).utf8) }
        case .chordPro: Fixtures.songFiles.map { Array(Fixtures.text($0).utf8) }
        }
    }

    @Test(arguments: [SongFile.Format.abc, .chordPro])
    func mutatedFilesNeverCrash(format: SongFile.Format) throws {
        let seeds = Self.seeds(format)
        #expect(!seeds.isEmpty)
        var mutator = Mutator(seed: format == .abc ? 1 : 2)
        var accepted = 0, rejected = 0
        for i in 0..<Self.iterations {
            let input = mutator.mutate(seeds[i % seeds.count])
            let outcome = FuzzCase.run(input, format: format)
            switch outcome {
            case .accepted: accepted += 1
            case .rejected(let diagnostics):
                rejected += 1
                #expect(diagnostics.contains { $0.isError })
                #expect(diagnostics.allSatisfy { $0.line >= 1 && $0.column >= 1 })
            case .roundTripFailed(let written):
                Issue.record("iteration \(i): accepted input did not read back after writing:\n\(written.prefix(600))")
            }
        }
        // Both outcomes happen, so the mutations are neither all harmless nor all fatal.
        #expect(accepted > 0 && rejected > 0)
    }
}
