import Foundation
@testable import MelodicSearch
import SongCore
import SongTesting
import SongText
import Testing
import Transcription

/// The likelihood the melodic search ranks its best few by: what a slip costs, what a tune's length costs, that the
/// key never matters, and that on a real tunebook it ranks spoiled phrases better than the alignment alone.
@Suite struct TuneLikelihoodTests {
    static let tune = "K:D\nL:1/8\nd2fd AdFA | dfaf gefd | cdec ABcA | dfed cAGE |"

    static func shape(_ notes: [Int], rhythm: Bool = false) -> TuneShape {
        TuneShape(notes: notes.enumerated().map { i, p in
            TuneShape.Note(pitch: p, onset: Double(i) + (rhythm && i % 2 == 1 ? 0.5 : 0), length: 1)
        })
    }

    /// The tune's notes from `range`, as pitches, moved by `shift` semitones.
    static func passage(_ range: Range<Int>, shift: Int = 0) throws -> [Int] {
        let tune = try TuneQuery.shape(abc: tune)
        var pitch = 60 + shift, out = [pitch]
        for k in range.lowerBound..<(range.upperBound - 1) { pitch += Int(tune.intervals[k]); out.append(pitch) }
        return out
    }

    @Test func aNoteSungOffIsOneSlipAndTheKeyNeverMatters() throws {
        let model = TuneLikelihood()
        let tune = try TuneQuery.shape(abc: Self.tune)
        let notes = try Self.passage(4..<14)
        let exact = model.logLikelihood(Self.shape(notes), in: tune)
        // In any key, the same.
        for shift in [-7, 5, 11] {
            #expect(abs(model.logLikelihood(Self.shape(try Self.passage(4..<14, shift: shift)), in: tune) - exact) < 1e-9)
        }
        // One note a semitone off costs about what one slip costs (0.9 against 0.1 / 4: 5.2 bits), not the two
        // steps it spoils; a second note off about as much again.
        var one = notes
        one[5] += 1
        var two = one
        two[8] -= 2
        let oneOff = model.logLikelihood(Self.shape(one), in: tune), twoOff = model.logLikelihood(Self.shape(two), in: tune)
        #expect((4.5...6).contains(exact - oneOff), "\(exact - oneOff)")
        #expect((4.5...6).contains(oneOff - twoOff), "\(oneOff - twoOff)")
        // A note left out, or one put in, is far likelier than the notes being another tune's.
        var leftOut = notes
        leftOut.remove(at: 4)
        var putIn = notes
        putIn.insert(notes[6] + 1, at: 7)
        let unrelated = Self.shape([60, 67, 59, 70, 62, 55, 66, 61, 72, 58])
        for slipped in [leftOut, putIn] {
            let l = model.logLikelihood(Self.shape(slipped), in: tune)
            #expect(l < exact && l > model.logLikelihood(unrelated, in: tune) + 20, "\(l)")
        }
    }

    @Test func aLongTunePaysForItsChancesAndARepeatedStrainCountsTwice() throws {
        let model = TuneLikelihood()
        let tune = try TuneQuery.shape(abc: Self.tune)
        let query = Self.shape(try Self.passage(4..<14))
        // The same tune with three bars of a scale after it: about log₂ of how many more notes it has to start on.
        let longer = try TuneQuery.shape(abc: Self.tune + " CDEF GABc | defg abc'b | agfe dcBA | GFED C4 |")
        let cost = model.logLikelihood(query, in: tune) - model.logLikelihood(query, in: longer)
        let expected = log2(Double(longer.noteCount) / Double(tune.noteCount))
        #expect(abs(cost - expected) < 0.1, "\(cost) for \(expected)")
        // The tune played twice: as many notes to start on as the tune with the scale after it, but the passage
        // found twice.
        let twice = try TuneQuery.shape(abc: Self.tune + " d2fd AdFA | dfaf gefd | cdec ABcA | dfed cAGE |")
        #expect(model.logLikelihood(query, in: twice) > model.logLikelihood(query, in: longer) + 0.9)
    }

    @Test func aVeryLongTuneIsFollowedOnlyAboutWhereTheQueryLies() throws {
        // 6,000 notes: leaps at random, with the tune written into them at note 4,500.
        let model = TuneLikelihood()
        let tune = try TuneQuery.shape(abc: Self.tune)
        var random = Mutator(seed: 9)
        var pitches = (0..<4_500).map { _ in 50 + Int(random.next() % 30) }
        pitches += try Self.passage(0..<tune.noteCount, shift: 7)
        while pitches.count < 6_000 { pitches.append(50 + Int(random.next() % 30)) }
        let long = Self.shape(pitches)
        let query = Self.shape(try Self.passage(4..<14))
        let found = try #require(TuneAligner().align(query, in: long))
        #expect(found.tuneNotes.lowerBound == 4_504)
        // Followed over 2,048 notes about the match: as likely as followed whole, to a tenth of a bit.
        let whole = model.logLikelihood(query, in: long)
        #expect(abs(model.logLikelihood(query, in: long, around: found.tuneNotes) - whole) < 0.1)
        // About the middle instead, the match is missed.
        #expect(model.logLikelihood(query, in: long, around: nil) < whole - 10)
        // A tune no longer than that is followed whole, wherever `around` points.
        #expect(model.logLikelihood(query, in: tune, around: 0..<1) == model.logLikelihood(query, in: tune))
    }

    @Test func rhythmCountsWhenTheQueryHasSome() throws {
        let model = TuneLikelihood()
        let dotted = TuneShape(notes: (0..<12).map { i in TuneShape.Note(pitch: 60 + [0, 2, 4, 5, 7, 5, 4, 2][i % 8], onset: Double(i / 2) + (i % 2 == 1 ? 0.75 : 0), length: 0.5) })
        let even = TuneShape(notes: (0..<12).map { i in TuneShape.Note(pitch: 60 + [0, 2, 4, 5, 7, 5, 4, 2][i % 8], onset: Double(i) / 2, length: 0.5) })
        // The dotted phrase, twice as slow: likelier in the dotted tune than in the even one with the same notes.
        let query = TuneShape(notes: (0..<9).map { i in TuneShape.Note(pitch: 65 + [0, 2, 4, 5, 7, 5, 4, 2][i % 8], onset: 2 * (Double(i / 2) + (i % 2 == 1 ? 0.75 : 0)), length: 1) })
        #expect(query.hasRhythm)
        #expect(model.logLikelihood(query, in: dotted) > model.logLikelihood(query, in: even) + 5)
        // The same notes without rhythm: the two tunes alike.
        let flat = TuneShape(notes: (0..<9).map { i in TuneShape.Note(pitch: 65 + [0, 2, 4, 5, 7, 5, 4, 2][i % 8], onset: Double(i), length: 1) })
        #expect(abs(model.logLikelihood(flat, in: dotted) - model.logLikelihood(flat, in: even)) < 1e-9)
    }

    @Test func onARealTunebookTheLikelihoodRanksSpoiledPhrasesBetterThanTheAlignmentAlone() throws {
        // Every tune of O'Neill's 1850 (which setup fetches), 150 phrases of 8–12 notes spoiled as the accuracy
        // bench spoils them: the search with the likelihood ranks the true tune higher on average (MRR 0.737 against
        // 0.615 for the alignment alone when written).
        var entries: [MelodicIndex.Entry] = []
        for file in try FileManager.default.contentsOfDirectory(at: ABCCorpus.oneills, includingPropertiesForKeys: nil).sorted(by: { $0.path < $1.path })
        where file.pathExtension == "abc" {
            let (shapes, _) = ABCReader.mapEachTune(SourceText(try String(contentsOf: file, encoding: .utf8), name: file.lastPathComponent)) { TuneShape(melody: $0.melody) }
            for shape in shapes where shape.noteCount >= 20 { entries.append(MelodicIndex.Entry(group: Int64(entries.count), shape: shape)) }
        }
        #expect(entries.count > 1_500)
        let index = MelodicIndex(entries: entries)
        var random = Mutator(seed: 3)
        var reciprocal: [MelodicIndex.Method: Double] = [:]
        for q in 0..<150 {
            let tune = Int(random.next() % UInt64(entries.count))
            let length = 8 + Int(random.next() % 5)
            let start = Int(random.next() % UInt64(entries[tune].shape.noteCount - length))
            let query = TuneShape(notes: SpoiledQuery.spoil(SpoiledQuery.notes(of: entries[tune].shape, start: start, count: length), flatten: q % 2 == 1, random: &random))
            let fragment = Array(entries[tune].shape.intervals[start..<(start + length - 1)])
            if q < 3 {
                // However many hits are asked for, they come in the likelihood's order.
                let many = index.search(query, limit: 150).map { TuneLikelihood().logLikelihood(query, in: entries[$0.entry].shape) }
                #expect(many.count > 100 && zip(many, many.dropFirst()).allSatisfy { $0 >= $1 })
            }
            for method in [MelodicIndex.Method.aligned, .alignment] {
                // Another tune holding the passage note for note counts as the true one (settings of one tune).
                let rank = index.search(query, method: method).firstIndex { hit in
                    hit.entry == tune || SpoiledQuery.holds(entries[hit.entry].shape.intervals, fragment)
                }
                reciprocal[method, default: 0] += rank.map { 1 / Double($0 + 1) } ?? 0
            }
        }
        let with = reciprocal[.aligned, default: 0] / 150, without = reciprocal[.alignment, default: 0] / 150
        #expect(with > without + 0.05, "MRR \(with) with the likelihood, \(without) without")
        #expect(with > 0.7, "MRR \(with)")
    }
}
