import Foundation
import SongCore
import SongText

/// Compares how Songbridge and abc2midi read real tunebooks, tune by tune: the melody's notes, pitch and onset,
/// with repeats, endings and parts played out. Onsets are compared on a 1/24-quarter grid (abc2midi staggers a
/// chord's notes by 1/48 of a quarter), a chord's notes in pitch order, and hornpipes without the swing abc2midi
/// adds to tunes marked `R:hornpipe`.
public enum ABCCorpus {
    /// What came of one tune.
    public enum Outcome: Sendable {
        /// The same notes: how many.
        case same(Int)
        /// The first difference, described.
        case different(String)
        /// Songbridge refused a tune that abc2midi reads: its first error.
        case rejected(String)
        /// abc2midi made nothing of it (so there is nothing to compare with).
        case skipped(String)
    }

    /// The tunes of a tunebook, each as the file's header (everything before the first `X:`) and its own lines.
    public static func tunes(in text: String) -> [(reference: Int, text: String)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let first = lines.firstIndex(where: { $0.hasPrefix("X:") }) else { return [] }
        let header = lines[..<first].joined(separator: "\n")
        var out: [(Int, String)] = []
        var start = first
        for i in (first + 1)...lines.count where i == lines.count || lines[i].hasPrefix("X:") {
            let reference = Int(lines[start].dropFirst(2).trimmingCharacters(in: .whitespaces)) ?? 0
            out.append((reference, header + (header.isEmpty ? "" : "\n") + lines[start..<i].joined(separator: "\n")))
            start = i
        }
        return out
    }

    /// One tune of a collection: the file it is in, its X: number and its text (with the file's header).
    public struct Tune: Sendable {
        public var file: String
        public var reference: Int
        public var text: String
    }

    /// The collections in a corpus folder (`.corpus/`), each with every tune of every `.abc` file in it, in order.
    public static func collections(at root: URL) throws -> [(name: String, tunes: [Tune])] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).filter { !$0.hasPrefix(".") }.sorted().map { name in
            (name, try tunes(ofCollection: root.appendingPathComponent(name)))
        }
    }

    /// Every tune of every `.abc` file in one collection's folder, in order (`.corpus/oneills1850`).
    public static func tunes(ofCollection folder: URL) throws -> [Tune] {
        let files = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".abc") }.sorted()
        var tunes: [Tune] = []
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            // A few files are Latin-1: read as UTF-8 where they are, byte for byte otherwise.
            let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) ?? ""
            tunes += Self.tunes(in: text).map { Tune(file: file, reference: $0.reference, text: $0.text) }
        }
        return tunes
    }

    /// O'Neill's 1850 (music21's copy, which setup fetches into `.corpus/`): the collection the tests and benchmarks
    /// take real tunes from.
    public static var oneills: URL { Fixtures.root.appendingPathComponent(".corpus/oneills1850") }

    /// Reads `text` (one tune, with its file's header) both ways and compares the melodies.
    public static func compare(_ text: String, reference: Int, name: String) async -> Outcome {
        // Hornpipes are compared straight: abc2midi swings them unless told otherwise.
        let plain = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("R:") || !$0.lowercased().contains("hornpipe") }
            .joined(separator: "\n")
        let theirs: MIDINoteList
        do { theirs = try await ABC2MIDI.notes(abcText: plain, reference: reference) } catch { return .skipped("abc2midi: \(error)") }
        let melody = theirs.notes.filter { $0.channel == 0 }
        guard !melody.isEmpty else { return .skipped("abc2midi made no notes") }
        let book: ABCTuneBook
        do { book = try ABCReader.read(SourceText(plain, name: name)).value } catch {
            return .rejected(String(describing: error).split(separator: "\n").first.map(String.init) ?? "\(error)")
        }
        guard let tune = book.tune(reference: reference) ?? book.tunes.first else { return .rejected("no tune X:\(reference) read") }
        let performed = tune.melody.performedNotes
        guard let firstOurs = performed.first else { return .different("we play no notes; abc2midi plays \(melody.count)") }
        // abc2midi starts a tick or so after zero: measure from where its first note falls against ours.
        let division = theirs.division
        let lead = melody[0].tick - Int((firstOurs.onset.doubleValue * 4 * Double(division)).rounded())
        func grid(_ quarters: Double) -> Int { Int((quarters * 24).rounded()) }
        let mine = performed.map { (grid($0.onset.doubleValue * 4), $0.pitch.midiNumber) }.sorted { $0 < $1 }
        let abc = melody.map { (grid(Double($0.tick - lead) / Double(division)), $0.note) }.sorted { $0 < $1 }
        if let n = zip(mine, abc).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            func show(_ x: (Int, Int)) -> String { String(format: "%.3f q pitch %d", Double(x.0) / 24, x.1) }
            return .different("note \(n + 1): ours at \(show(mine[n])), abc2midi at \(show(abc[n])) [\(likelyCause(of: plain))]")
        }
        guard mine.count == abc.count else { return .different("ours \(mine.count) notes, abc2midi \(abc.count) [\(likelyCause(of: plain))]") }
        return .same(mine.count)
    }

    /// The likely cause of a difference, from what the tune holds: the places where abc2midi is known to depart from
    /// the tune as written, or "not yet explained".
    static func likelyCause(of text: String) -> String {
        let music = text.split(separator: "\n").filter { line in
            let c = Array(line.prefix(2))
            return !(c.count == 2 && c[1] == ":" && c[0].isLetter)
        }.joined(separator: "\n")
        if music.contains(/"[^"]*"\s*[<>]|[<>]\s*"/) { return "a broken rhythm beside an annotation, which abc2midi drops" }
        if music.contains(/-\s*[<>]|[<>]\s*-/) { return "a broken rhythm beside a tie, which abc2midi drops" }
        if music.contains(/\[2[^|]*\|\|/) || music.contains(/\|2[^|]*\|\|/) {
            return "a repeat after a second ending, which abc2midi sends back to the tune's start"
        }
        return "not yet explained"
    }
}
