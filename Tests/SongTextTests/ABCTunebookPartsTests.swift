import Foundation
import SongCore
import SongTesting
import Testing
@testable import SongText

/// A big tunebook is read in parts side by side; what comes back must be what one pass gives: the same tunes, the
/// same diagnostics in the same order, the same tunes marked as failed, and the same stop when errors overflow.
@Suite struct ABCTunebookPartsTests {
    /// O'Neill's 1850 as people typed it (music21's copy, fetched by setup), its first 400 tunes, with a few broken
    /// ones put in: a bad meter in tune 40, debris (warnings) and an unreadable tune at the end.
    static func realTunebook() throws -> String {
        let tunes = try ABCCorpus.tunes(ofCollection: ABCCorpus.oneills).prefix(400).map { tune in
            tune.reference == 40 ? tune.text.replacingOccurrences(of: "\nK:", with: "\nM:seven\nK:") : tune.text
        }
        return tunes.joined(separator: "\n\n") + "\n\nX:9001\nT:Debris\nK:G\nGAB = c|d e ^ f|=20 g|\n\nX:9002\nT:Broken\nL:1/0\nK:G\nGAB|\n"
    }

    static func read(_ text: String, parts: Int?) -> (tunes: [ABCTune], diagnostics: [Diagnostic], failed: Set<Int>) {
        let source = SourceText(text, name: "book.abc")
        var log = DiagnosticLog(source: source)
        var failed: Set<Int> = []
        let (_, tunes) = ABCReader.readBook(source, log: &log, failed: &failed, parts: parts) { tune, _ in tune }
        return (tunes, log.diagnostics, failed)
    }

    @Test func aRealTunebookReadInPartsGivesWhatOnePassGives() throws {
        let text = try Self.realTunebook()
        #expect(text.utf8.count > 150_000)
        let one = Self.read(text, parts: 1)
        #expect(one.tunes.count > 300)
        #expect(one.diagnostics.contains { $0.message == "'seven' is not a meter" }, "the error in the middle")
        #expect(one.failed.contains(39) && one.failed.contains(one.tunes.count - 1), "\(one.failed.sorted())")
        #expect(one.diagnostics.contains { !$0.isError })
        for parts in [2, 3, 7] {
            let split = Self.read(text, parts: parts)
            #expect(split.tunes == one.tunes, "\(parts) parts")
            #expect(split.diagnostics == one.diagnostics, "\(parts) parts")
            #expect(split.failed == one.failed, "\(parts) parts")
        }
    }

    @Test func partsAreCutOnlyWhereATuneBegins() throws {
        let text = try Self.realTunebook() + "\n\n%%MIDI program 1 \\\n\nX:9003\nK:C\nC|\n"
        let lines = SourceText(text, name: "book.abc").lines
        let start = try #require(lines.firstIndex { $0.hasPrefix("X:") })
        let parts = ABCReader.partsOfTunes(lines, from: start, count: 9)
        #expect(parts.count > 1)
        #expect(parts.first?.lowerBound == start && parts.last?.upperBound == lines.count)
        for (a, b) in zip(parts, parts.dropFirst()) {
            #expect(a.upperBound == b.lowerBound)
            #expect(lines[b.lowerBound].hasPrefix("X:") && lines[b.lowerBound - 1].isBlank)
        }
    }

    /// 150 tunes with an error each: one pass stops reading after the tune with the hundredth error, and so must
    /// the parts, whichever part that tune falls in.
    @Test func tooManyErrorsStopWhereOnePassStops() {
        let text = (1...150).map { "X:\($0)\nT:Tune \($0)\nM:seven\nK:G\nGABc|dedB|\n" }.joined(separator: "\n")
        let one = Self.read(text, parts: 1)
        #expect(one.diagnostics.filter(\.isError).count == DiagnosticLog.maximumErrors)
        #expect(one.tunes.count == DiagnosticLog.maximumErrors)
        for parts in [2, 5] {
            let split = Self.read(text, parts: parts)
            #expect(split.tunes == one.tunes)
            #expect(split.diagnostics == one.diagnostics)
            #expect(split.failed == one.failed)
        }
    }

    /// `check` sums each tune up as it is read: the same summaries, in order, as reading the whole book first.
    @Test func mappingEachTuneGivesTheTunesThatReadInOrder() throws {
        let text = try Self.realTunebook()
        let whole = Self.read(text, parts: 1)
        let (titles, diagnostics) = ABCReader.mapEachTune(SourceText(text, name: "book.abc")) { $0.title }
        let expected = whole.tunes.enumerated().filter { !whole.failed.contains($0.offset) }.map(\.element.title)
        #expect(titles == expected)
        #expect(diagnostics == whole.diagnostics)
    }
}
