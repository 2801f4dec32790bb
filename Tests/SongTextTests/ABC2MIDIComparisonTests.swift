import Foundation
import SongCore
import SongTesting
import Testing
@testable import SongText

/// Compares the notes we read from the corpus (pitch and onset, repeats and parts played out) with what
/// abc2midi (Debian `abcmidi`, installed by `make test`) makes of the same tunes.
@Suite struct ABC2MIDIComparisonTests {
    static let abc2midi = ABC2MIDI.path

    /// Every (file, X:) pair of the corpus.
    static let tunes: [String] = Fixtures.corpusFiles.flatMap { url in
        Fixtures.text(url).split(separator: "\n").filter { $0.hasPrefix("X:") }.map { "\(url.lastPathComponent)#\($0.dropFirst(2))" }
    }

    @Test func abc2midiIsInstalled() {
        #expect(Self.abc2midi != nil, "make test installs abcmidi; run make test, not swift test alone")
    }

    @Test(.enabled(if: abc2midi != nil), arguments: tunes)
    func notesMatchAbc2midi(tuneID: String) async throws {
        let parts = tuneID.split(separator: "#")
        let url = Fixtures.corpus.appendingPathComponent(String(parts[0]))
        let reference = Int(parts[1])!
        let ours = try #require(try ABCReader.read(SourceText(contentsOf: url)).value.tune(reference: reference))

        let midi = try await ABC2MIDI.notes(abcText: Fixtures.text(url), reference: reference)

        // Onsets in quarter notes as exact fractions of the file's division; the melody is on channel 1 (index 0).
        // abc2midi starts the music a tick or so after zero; measure from where its first note falls against ours.
        let melodyNotes = midi.notes.filter { $0.channel == 0 }
        let performed = ours.melody.performedNotes
        let lead = (melodyNotes.first?.tick ?? 0) - (performed.first.map { Int(($0.onset * NoteLength(midi.division * 4)).doubleValue) } ?? 0)
        #expect((0...midi.division / 8).contains(lead), "abc2midi's lead-in of \(lead) ticks is unexpected")
        let theirs = melodyNotes.map { "\(NoteLength($0.tick - lead, midi.division * 4)) \($0.note)" }
        let mine = performed.map { "\($0.onset) \($0.pitch.midiNumber)" }
        #expect(mine.count == theirs.count, "note counts differ: ours \(mine.count), abc2midi \(theirs.count)")
        let firstDifference = zip(mine, theirs).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(firstDifference == nil, "first difference at note \(firstDifference?.offset ?? -1): ours \(firstDifference?.element.0 ?? ""), abc2midi \(firstDifference?.element.1 ?? "")")
    }

    /// Tunebooks people typed (music21's copies of O'Neill's, Aird's, Ryan's and the Essen collection, fetched by
    /// `scripts/fetch-corpus.sh`, which `make test` runs): a fixed sample of 50 tunes from each, every one read,
    /// and nearly all played as abc2midi plays them. `make corpus` runs all 12,760 and prints each difference.
    @Test(.enabled(if: abc2midi != nil)) func aSampleOfRealTunebooksReadsAsAbc2midiReadsIt() async throws {
        let collections = try ABCCorpus.collections(at: Fixtures.root.appendingPathComponent(".corpus"))
        #expect(collections.count >= 4, "run scripts/fetch-corpus.sh (make test does)")
        var same = 0, compared = 0
        var problems: [String] = []
        for (collection, tunes) in collections {
            // Every n-th tune, so the sample spans the whole collection.
            let step = max(1, tunes.count / 50)
            for tune in stride(from: 0, to: tunes.count, by: step).prefix(50).map({ tunes[$0] }) {
                let name = "\(collection)/\(tune.file) X:\(tune.reference)"
                switch await ABCCorpus.compare(tune.text, reference: tune.reference, name: "\(collection)/\(tune.file)") {
                case .same: same += 1; compared += 1
                case .different(let why): compared += 1; problems.append("\(name) differs: \(why)")
                case .rejected(let why):
                    compared += 1
                    Issue.record("\(name) is refused, where abc2midi reads it: \(why)")
                case .skipped: break
                }
            }
        }
        #expect(compared >= 190)
        // The differences left are printed; most are where abc2midi itself departs from the tune as written (a
        // broken rhythm before a staccato dot dropped, a last repeat sent back to the tune's start).
        if !problems.isEmpty { print(problems.joined(separator: "\n")) }
        #expect(Double(same) >= 0.95 * Double(compared), "\(same) of \(compared) the same:\n\(problems.joined(separator: "\n"))")
    }
}
