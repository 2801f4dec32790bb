import ArgumentParser
import Foundation
import MelodicSearch
import SongArchive
import SongCore
import SongText
import SongTesting
import Transcription

/// The melodic search judged as the issue asks: every tune of the four real tunebooks (12,760, more than the
/// 10,000 asked for) indexed, 500 queries of 8–16 notes drawn from them and spoiled as a person would spoil them
/// (another key, tempo ±25%, each note with a chance of one in ten a semitone or a tone off, one note left out or put in, and in half
/// of them the rhythm flattened to even notes), and the rank of the true tune reported as MRR, top-1 and top-5 for
/// the search and for three baselines in the same run: the alignment's ranking without the likelihood's, the
/// n-gram prefilter's own ranking and a plain contour (up/down/repeat) alignment. A hit on another tune that holds the query's passage note for note (another setting
/// of the same tune: the collections share tunes) counts as the true tune, and so does a tune of the same title.
/// Beside them, passages sung by a synthetic voice and heard by the transcriber (`--hummed`).
struct TuneSearchBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tune-search", abstract: "Melodic search accuracy and speed on the real tunebooks.")
    @Option(help: "How many queries.") var queries = 500
    @Option(help: "Seed for drawing and spoiling the queries.") var seed: UInt64 = 16
    @Option(help: "Only these methods (aligned, alignment, ngrams, contour).") var methods: [String] = MelodicIndex.Method.allCases.map(\.rawValue)
    @Option(help: "Query steps times tunes the prefilter hands to the alignment.") var candidates = 12_000
    @Option(help: "Aligner scores to try, as name=value (same, semitoneOff, toneOff, farOff, rhythmSame, rhythmNear, rhythmFar, gap, slip, wrongNote, unmatchedEnd, rarity).")
    var score: [String] = []
    @Option(help: "Spoil the queries only so (changes, indel, flatten); all three unless given.") var spoil: [String] = ["changes", "indel", "flatten"]
    @Option(help: "What a tune's length costs, per doubling.") var lengthCost = 2.0
    @Option(help: "What a prefilter run with one slip undone counts, against one as sung (0: none).") var slipScale = 0.5
    @Option(help: "Steps beyond half the query's either side of where the prefilter lines a candidate up that it is scored over.") var windowSlack = 4
    @Option(help: "How many of the alignment's best are ranked again by likelihood (0: none; the search's own number unless given).") var rerank: Int?
    @Option(help: "Likelihood rates to try, as name=value (wrongNote, slip, drift, rhythmSame, rhythmNear, rhythmFar, rhythmAny).")
    var rate: [String] = []
    @Option(help: "Print this many misses, with the true tune's score beside the winner's.") var misses = 0
    @Option(help: "How many queries to sing (a synthetic voice, heard by the transcriber) and search, beside the spoiled ones (0: none).")
    var hummed = 300
    @Option(help: "Compare this many tunes' \"tunes like this\" (each whole tune the query) as the song page asks it with the full search, and stop (0: no).")
    var likeness = 0
    @Option(help: "The likeness search's candidates (query steps times tunes), to try.") var likenessCandidates: Int?
    @Option(help: "The likeness search's prefilter bound, to try.") var likenessVisits: Int?
    @Flag(help: "Leave out the count of queries found note for note in another tune (slow).") var quick = false
    @Flag(help: "Print how often each interval occurs in the tunebooks, in ten-thousandths (TuneAligner.intervalShares), and stop.")
    var intervalShares = false

    func run() throws {
        let started = Date()
        let collections = try ABCCorpus.collections(at: Fixtures.root.appendingPathComponent(".corpus"))
        var entries: [MelodicIndex.Entry] = []
        var titles: [String] = []
        for (name, tunes) in collections {
            // Each file read as one tunebook (the way `reference import` reads it).
            var byFile: [String: [ABCCorpus.Tune]] = [:]
            for t in tunes { byFile[t.file, default: []].append(t) }
            for file in byFile.keys.sorted() {
                let text = byFile[file]!.map(\.text).joined(separator: "\n\n")
                let (shapes, _) = ABCReader.mapEachTune(SourceText(text, name: "\(name)/\(file)")) { tune in
                    (tune.title ?? "?", TuneShape(melody: tune.melody))
                }
                for (title, shape) in shapes where shape.noteCount >= MelodicIndex.minimumNotes {
                    entries.append(MelodicIndex.Entry(group: Int64(entries.count), shape: shape))
                    titles.append("\(name): \(title)")
                }
            }
        }
        let read = Date().timeIntervalSince(started)
        if intervalShares {
            var counts: [Int: Int] = [:]
            for e in entries { for x in e.shape.intervals { counts[abs(Int(x)) <= 12 ? Int(x) : 99, default: 0] += 1 } }
            let total = Double(counts.values.reduce(0, +))
            print(counts.keys.sorted().map { "\($0): \(Int((10_000 * Double(counts[$0]!) / total).rounded()))" }.joined(separator: ", "))
            return
        }
        let t0 = Date()
        var index = MelodicIndex(entries: entries)
        index.candidates = candidates
        index.lengthCost = lengthCost
        index.slipScale = slipScale
        index.windowSlack = windowSlack
        if let rerank {
            index.rerank = rerank
            if rerank == 0 { index.likelihood = nil }
        }
        for setting in rate {
            let parts = setting.split(separator: "=")
            guard parts.count == 2, let value = Double(parts[1]) else { throw ValidationError("--rate name=value") }
            switch parts[0] {
            case "wrongNote": index.likelihood?.wrongNote = value
            case "slip": index.likelihood?.slip = value
            case "drift": index.likelihood?.drift = value
            case "rhythmSame": index.likelihood?.rhythmSame = value
            case "rhythmNear": index.likelihood?.rhythmNear = value
            case "rhythmFar": index.likelihood?.rhythmFar = value
            case "rhythmAny": index.likelihood?.rhythmAny = value
            case "faintest": index.likelihood?.faintest = value
            default: throw ValidationError("no rate \(parts[0])")
            }
        }
        for setting in score {
            let parts = setting.split(separator: "=")
            guard parts.count == 2, let value = Int32(parts[1]) else { throw ValidationError("--score name=value") }
            switch parts[0] {
            case "same": index.aligner.same = value
            case "semitoneOff": index.aligner.semitoneOff = value
            case "toneOff": index.aligner.toneOff = value
            case "farOff": index.aligner.farOff = value
            case "rhythmSame": index.aligner.rhythmSame = value
            case "rhythmNear": index.aligner.rhythmNear = value
            case "rhythmFar": index.aligner.rhythmFar = value
            case "gap": index.aligner.gap = value
            case "slip": index.aligner.slip = value
            case "wrongNote": index.aligner.wrongNote = value
            case "unmatchedEnd": index.aligner.unmatchedEnd = value
            case "rarity": index.aligner.rarity = value
            default: throw ValidationError("no score \(parts[0])")
            }
        }
        let built = Date().timeIntervalSince(t0)
        let notes = entries.reduce(0) { $0 + $1.shape.noteCount }
        print("tunes indexed: \(entries.count) (\(notes) notes; \(index.formCount) different); read \(String(format: "%.2f", read)) s, index built \(String(format: "%.2f", built)) s")

        if likeness > 0 {
            compareLikeness(index: index, entries: entries, cheap: index.forLikeness(candidates: likenessCandidates ?? MelodicIndex.likenessCandidates,
                                                                                     visits: likenessVisits ?? MelodicIndex.likenessVisits,
                                                                                     least: TourArchive.likenessLeast))
            return
        }
        var random = Mutator(seed: seed)
        var drawn: [(tune: Int, query: TuneShape, fragment: [Int8])] = []
        while drawn.count < queries {
            let tune = Int(random.next() % UInt64(entries.count))
            let shape = entries[tune].shape
            let length = 8 + Int(random.next() % 9)
            guard shape.noteCount >= length + 2 else { continue }
            let start = Int(random.next() % UInt64(shape.noteCount - length))
            let notes = SpoiledQuery.notes(of: shape, start: start, count: length)
            let spoiled = SpoiledQuery.spoil(notes, flatten: drawn.count % 2 == 1 && spoil.contains("flatten"), changes: spoil.contains("changes"), indel: spoil.contains("indel"), random: &random)
            drawn.append((tune, TuneShape(notes: spoiled), Array(shape.intervals[start..<(start + length - 1)])))
        }
        // How many spoiled queries occur note for note (intervals) in a tune that is not the true one: no search can
        // tell those apart from the true tune by their pitches.
        var verbatim = 0
        for q in drawn where !quick && entries.indices.contains(where: { $0 != q.tune && !TuneSearchBench.sameTune($0, q.tune, titles: titles) && SpoiledQuery.holds(entries[$0].shape.intervals, q.query.intervals) }) {
            verbatim += 1
        }
        print(String(format: "spoiled queries whose pitches occur note for note in another tune: %d of %d (%.1f%%)", verbatim, drawn.count, 100 * Double(verbatim) / Double(drawn.count)))
        if hummed > 0 { try singQueries(index: index, entries: entries, titles: titles) }
        for name in methods {
            guard let method = MelodicIndex.Method(rawValue: name) else { throw ValidationError("no method \(name)") }
            var reciprocal = 0.0, top1 = 0, top5 = 0, flatReciprocal = 0.0
            var times: [Double] = []
            var shown = 0, recalled = 0
            var byLength: [Int: (Double, Int)] = [:]
            var byCollection: [String: (Double, Int)] = [:]
            for q in drawn {
                if method == .aligned, index.prefilter(q.query, keep: candidates / q.query.intervals.count).contains(where: { $0.entry == q.tune }) { recalled += 1 }
                let t = Date()
                let hits = index.search(q.query, limit: 10, method: method)
                times.append(Date().timeIntervalSince(t) * 1000)
                let rank = TuneSearchBench.rank(of: q.tune, fragment: q.fragment, in: hits, entries: entries, titles: titles)
                if (rank ?? 9) > 0, shown < misses, method == .aligned, q.query.hasRhythm {
                    shown += 1
                    let truth = index.aligner.align(q.query, in: entries[q.tune].shape)
                    print("miss (rank \(rank.map { "\($0 + 1)" } ?? "-")): true \(titles[q.tune]) score \(truth?.score ?? 0) notes \(truth?.tuneNotes ?? 0..<0)")
                    print("   fragment \(q.fragment)\n   query    \(q.query.intervals) rhythm \(q.query.rhythm)")
                    for h in hits.prefix(3) {
                        let e = entries[h.entry].shape
                        print("   hit \(titles[h.entry]) score \(h.score): \(Array(e.intervals[h.tuneNotes.lowerBound..<max(h.tuneNotes.lowerBound, h.tuneNotes.upperBound - 1)])) query \(h.queryNotes)")
                    }
                }
                let bucket = q.fragment.count + 1 <= 10 ? 8 : (q.fragment.count + 1 <= 13 ? 11 : 14)
                byLength[bucket, default: (0, 0)].0 += rank.map { 1 / Double($0 + 1) } ?? 0
                byLength[bucket, default: (0, 0)].1 += 1
                let collection = String(titles[q.tune].prefix { $0 != ":" })
                byCollection[collection, default: (0, 0)].0 += rank.map { 1 / Double($0 + 1) } ?? 0
                byCollection[collection, default: (0, 0)].1 += 1
                if let rank {
                    reciprocal += 1 / Double(rank + 1)
                    if !q.query.hasRhythm { flatReciprocal += 1 / Double(rank + 1) }
                    if rank == 0 { top1 += 1 }
                    if rank < 5 { top5 += 1 }
                }
            }
            times.sort()
            let n = Double(drawn.count)
            print("   MRR by length: " + byLength.keys.sorted().map { k in String(format: "%d–%d notes %.3f (%d)", k, k + 2, byLength[k]!.0 / Double(byLength[k]!.1), byLength[k]!.1) }.joined(separator: ", "))
            print("   MRR by the collection the query came from: " + byCollection.keys.sorted().map { k in String(format: "%@ %.3f (%d)", k as NSString, byCollection[k]!.0 / Double(byCollection[k]!.1), byCollection[k]!.1) }.joined(separator: ", "))
            if method == .aligned { print(String(format: "prefilter: the true tune among the candidates (%d over the query's steps) for %.1f%% of the queries", candidates, 100 * Double(recalled) / n)) }
            let flat = Double(drawn.filter { !$0.query.hasRhythm }.count)
            print(String(format: "%-8@ MRR %.3f (even notes %.3f, with rhythm %.3f)  top-1 %5.1f%%  top-5 %5.1f%%  per query: median %.1f ms, p99 %.1f ms", name as NSString,
                         reciprocal / n, flatReciprocal / flat, (reciprocal - flatReciprocal) / (n - flat), 100 * Double(top1) / n, 100 * Double(top5) / n, times[times.count / 2], times[Int(Double(times.count) * 0.99)]))
        }
    }

    /// Queries as a take would bring them: each passage spoiled as a person sings it (a tenth of the notes off, one
    /// left out or put in), sung by a synthetic voice (the transcriber's bench voice: vibrato, a glide into each
    /// note, the take a little off pitch, room noise at 20 dB; half the takes legato, where notes that repeat the
    /// one before are heard as one held note), heard by the transcriber and searched, by the search and by the
    /// alignment alone. A query the transcriber heard fewer than six notes in counts as a miss.
    func singQueries(index: MelodicIndex, entries: [MelodicIndex.Entry], titles: [String]) throws {
        var random = Mutator(seed: seed &+ 1)
        var reciprocal: [MelodicIndex.Method: Double] = [:], top1: [MelodicIndex.Method: Int] = [:], top5: [MelodicIndex.Method: Int] = [:]
        var asked = 0, heard = 0
        while asked < hummed {
            let tune = Int(random.next() % UInt64(entries.count))
            let shape = entries[tune].shape
            let length = 8 + Int(random.next() % 9)
            guard shape.noteCount >= length + 2 else { continue }
            let start = Int(random.next() % UInt64(shape.noteCount - length))
            let fragment = Array(shape.intervals[start..<(start + length - 1)])
            var notes = SpoiledQuery.spoil(SpoiledQuery.notes(of: shape, start: start, count: length), flatten: false, random: &random)
            // Into a voice's range (around G3–G4) and a singing pace: the median note about a third of a second.
            let low = notes.map(\.pitch).min() ?? 60
            let lift = 55 + Int(random.next() % 8) - low
            let iois = notes.indices.map { i in i + 1 < notes.count ? notes[i + 1].onset - notes[i].onset : notes[i].length }
            let pace = 0.35 / max(1e-6, iois.sorted()[iois.count / 2])
            for i in notes.indices { notes[i].pitch += lift }
            var take = SungTake(notes: notes.indices.map { (notes[$0].pitch, max(0.12, iois[$0] * pace)) })
            take.vibratoCents = 30
            take.glideSeconds = 0.03
            take.detuneCents = Double(Int(random.next() % 61) - 30)
            take.snr = 20
            take.gapSeconds = random.next() % 2 == 0 ? 0.05 : 0
            take.seed = random.next()
            asked += 1
            let query = TuneQuery.shape(Transcriber.transcribe(Take(samples: take.samples, sampleRate: take.sampleRate)))
            guard query.noteCount >= MelodicIndex.minimumNotes else { continue }
            heard += 1
            for method in [MelodicIndex.Method.aligned, .alignment] {
                let hits = index.search(query, limit: 10, method: method)
                guard let rank = TuneSearchBench.rank(of: tune, fragment: fragment, in: hits, entries: entries, titles: titles) else { continue }
                reciprocal[method, default: 0] += 1 / Double(rank + 1)
                if rank == 0 { top1[method, default: 0] += 1 }
                if rank < 5 { top5[method, default: 0] += 1 }
            }
        }
        print("sung queries: \(asked), of which the transcriber heard six notes or more in \(heard)")
        for method in [MelodicIndex.Method.aligned, .alignment] {
            let n = Double(asked)
            print(String(format: "   sung, %-9@ MRR %.3f  top-1 %5.1f%%  top-5 %5.1f%%", method.rawValue as NSString, reciprocal[method, default: 0] / n,
                         100 * Double(top1[method, default: 0]) / n, 100 * Double(top5[method, default: 0]) / n))
        }
    }

    /// Where among `hits` the true tune stands (from 0), or another setting of it: one of the same title, or one
    /// that holds the query's passage (`fragment`) note for note.
    static func rank(of tune: Int, fragment: [Int8], in hits: [MelodicIndex.Hit], entries: [MelodicIndex.Entry], titles: [String]) -> Int? {
        hits.firstIndex { sameTune($0.entry, tune, titles: titles) || SpoiledQuery.holds(entries[$0.entry].shape.intervals, fragment) }
    }

    /// Whether two tunes are settings of one tune: the same tune, or the same title (letters only, any case, "The"
    /// and a trailing tune type such as "-- Reel" left out) where the title says something ("Do." or "Reel" alone do not).
    static func sameTune(_ a: Int, _ b: Int, titles: [String]) -> Bool {
        a == b || { let ta = plainTitle(titles[a]), tb = plainTitle(titles[b]); return ta.count >= 6 && ta == tb }()
    }

    static func plainTitle(_ full: String) -> String {
        // "collection: Title": the title only.
        var title = full.split(separator: ":", maxSplits: 1).last.map(String.init) ?? full
        if let dashes = title.range(of: "--") { title = String(title[..<dashes.lowerBound]) }
        if let paren = title.firstIndex(of: "(") { title = String(title[..<paren]) }
        var words = title.lowercased().split { !$0.isLetter }.map(String.init)
        words.removeAll { $0 == "the" || $0 == "a" }
        return words.joined(separator: " ")
    }
}
