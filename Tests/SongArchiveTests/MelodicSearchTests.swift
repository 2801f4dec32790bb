import Foundation
@testable import MelodicSearch
import SongArchive
import SongCore
import SongTesting
import SongText
import Testing
import Transcription

/// Finding a tune by its notes: the shapes the index compares, the alignment, and the archive's index kept as the
/// public may see it, against the demo songs and a real tunebook (O'Neill's 1850, which setup fetches).
@Suite struct MelodicSearchTests {
    static func archive() throws -> (TourArchive, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("melodic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let archive = try TourArchive(path: folder.appendingPathComponent("a.sqlite").path)
        for url in Fixtures.songFiles { try archive.importSong(try #require(try SongFile.read(path: url.path).songs.first)) }
        return (archive, folder)
    }

    @Test func aTuneHasOneShapeInEveryKeyAndAtEverySpeed() throws {
        let home = try TuneQuery.shape(abc: "K:G\nL:1/8\nD2 G2 G2 A2 | BA G2 G4 |")
        let higher = try TuneQuery.shape(abc: "K:A\nL:1/16\nE4 A4 A4 B4 | c2B2 A4 A8 |")
        #expect(home.intervals == higher.intervals && home.rhythm == higher.rhythm)
        #expect(home.intervals == [5, 0, 2, 2, -2, -2, 0])
        // Bars as a musician counts them: an upbeat is bar 0.
        let upbeat = try TuneQuery.shape(abc: "M:3/4\nK:D\nA | d2 f2 a2 | g4 f2 |")
        #expect(upbeat.bars == [0, 1, 1, 1, 2, 2])
        // Stored and read back whole.
        #expect(TuneShape(bytes: home.bytes) == home)
        #expect(TuneShape(bytes: Array(home.bytes.dropLast())) == nil)
    }

    @Test func theAlignmentForgivesAWrongNoteAndANoteLeftOut() throws {
        let tune = try TuneQuery.shape(abc: "K:D\nd2fd AdFA | dfaf gefd | cdec ABcA | dfed cAGE |")
        let other = try TuneQuery.shape(abc: "K:D\nA2FA dAFA | G2EG cGEG | A2FA dfaf | gece d4 |")
        // Bars 2–3 sung a tone higher and in half time, one note a semitone off and one left out.
        let query = try TuneQuery.shape(abc: "K:E\ng2b2 c'2ba | f2ga b2c2 e2f2 B2")
        let index = MelodicIndex(entries: [MelodicIndex.Entry(group: 1, shape: other), MelodicIndex.Entry(group: 2, shape: tune)])
        let hits = index.search(query)
        #expect(hits.first?.entry == 1, "\(hits)")
        #expect(hits.first.map { tune.bars[$0.tuneNotes.lowerBound] } == 2)
        // Nothing shorter than six notes is searched.
        #expect(index.search(try TuneQuery.shape(abc: "ABcd")).isEmpty)
    }

    /// However many tunes share the query's runs, the prefilter visits at most `mostVisits` places in the posting
    /// lists: the commonest runs, which weigh least, are left out first, and the tune is still found by the rest.
    @Test func theCommonestRunsAreLeftOutWhenTheyWouldTakeTooLong() throws {
        let tune = try TuneQuery.shape(abc: "K:D\nd2fd AdFA | dfaf gefd | cdec ABcA | dfed cAGE |")
        // 300 tunes sharing its first two bars, each ending its own way, and 700 of another (held by too many to
        // count at all). (Different tunes: copies of one would be one form, visited once.)
        let variant = try TuneQuery.shape(abc: "K:D\nd2fd AdFA | dfaf gefd | B2GB dBGB | A2FA D4 |")
        let other = try TuneQuery.shape(abc: "K:D\nA2FA dAFA | G2EG cGEG | A2FA dfaf | gece d4 |")
        var entries: [MelodicIndex.Entry] = []
        for n in 0..<300 {
            let tail: [Int8] = [Int8(15 + n % 13), Int8(-15 - n / 13 % 13), Int8(20 + n / 169)]   // leaps the tune never makes
            let shape = TuneShape(intervals: variant.intervals + tail, rhythm: variant.rhythm + [0, 0, 0], bars: variant.bars + [5, 5, 5])
            entries.append(MelodicIndex.Entry(group: Int64(n), shape: shape))
        }
        for n in 300..<1_000 { entries.append(MelodicIndex.Entry(group: Int64(n), shape: other)) }
        entries.append(MelodicIndex.Entry(group: 1_000, shape: tune))
        var index = MelodicIndex(entries: entries)
        #expect(index.formCount == 302)
        let everything = index.prefilter(tune, keep: 50)
        #expect(everything.first?.entry == 1_000)
        #expect(everything.contains { $0.entry < 300 }, "the copies share its opening")
        // When the runs the copies share (each visits at least 300 places) would pass the bound, they are left out
        index.mostVisits = 299
        #expect(index.prefilter(tune, keep: 50).map(\.entry) == [1_000], "only the runs the tune alone holds are left")
        #expect(index.search(tune).first?.entry == 1_000)
    }

    @Test func anABCFragmentThatDoesNotReadIsNamedByItsOwnLineAndColumn() {
        do {
            _ = try TuneQuery.shape(abc: "K:G\nGABc dBAG |\nGA[[B", name: "--tune")
            Issue.record("read")
        } catch {
            #expect(error.errors.first?.line == 3, "\(error)")
            #expect(error.description.hasPrefix("--tune:3:"), "\(error)")
        }
    }

    @Test func aSongIsFoundByAPhraseOfItsTuneWithItsVersionAndBars() throws {
        let (archive, folder) = try Self.archive()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The Tide Comes In, verse bars 3–4, a fourth higher.
        let hits = try archive.tuneSearch(try TuneQuery.shape(abc: "K:C\nE2 E2 F2 E2 | DC D2 G,4 |"))
        let first = try #require(hits.first)
        #expect(first.kind == .song && first.title == "The Tide Comes In" && first.version == 1, "\(hits.map(\.title))")
        #expect(first.section?.hasPrefix("Verse") == true && first.firstBar == 3 && first.lastBar == 4, "\(first)")
        #expect(first.similarity > 0.9)
        #expect(!hits.isClose, "\(hits.prefix(2).map(\.similarity))")
        // Too short to ask.
        #expect(throws: ArchiveError.self) { try archive.tuneSearch(try TuneQuery.shape(abc: "EEF")) }
    }

    @Test func aWithdrawnPersonsTuneIsNotFoundEvenWithTheIndexInMemory() throws {
        let (archive, folder) = try Self.archive()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Hush, the Harbour Sleeps: its tunes are Aoife Byrne's (c-ab14).
        let phrase = try TuneQuery.shape(abc: "K:F\nA2 A2 G2 F2 | G2 A2 F4 | d2 d2 c2 A2 |")
        #expect(try archive.tuneSearch(phrase).first?.title == "Hush, the Harbour Sleeps")
        try archive.setConsent("c-ab14", .withdrawn)
        let after = try archive.tuneSearch(phrase)
        #expect(!after.contains { $0.title == "Hush, the Harbour Sleeps" }, "\(after.map(\.title))")
        // In no version, and not in the tunes like another song either.
        for other in try archive.list() where other.title != "Hush, the Harbour Sleeps" {
            #expect(!(try archive.tunesLike(song: other.id, least: 0)).contains { $0.match.title == "Hush, the Harbour Sleeps" })
            #expect(!(try archive.tunesLike(song: other.id, shown: try archive.publicSong(try archive.song(other.id)), least: 0))
                .contains { $0.match.title == "Hush, the Harbour Sleeps" })
        }
    }

    @Test func aReferenceTunebookIsImportedFoundAndRemoved() throws {
        let (archive, folder) = try Self.archive()
        defer { try? FileManager.default.removeItem(at: folder) }
        let book = """
            X:1
            T:The Test Reel
            M:C|
            L:1/8
            K:D
            d2fd AdFA|dfaf gefd|cdec ABcA|dfed cAGE|

            X:2
            T:Broken
            K:D
            d2 [[ fd|

            X:3
            T:The Other Jig
            M:6/8
            K:G
            GAB cBA|BGE DEG|
            """
        let result = try archive.importReference([(book, "book.abc")], name: "Test book")
        #expect(result.tunes == 2)
        #expect(result.problems.count == 1 && result.problems.first?.hasPrefix("book.abc:11:4: error: chord is not closed") == true, "\(result.problems)")
        let hits = try archive.tuneSearch(try TuneQuery.shape(abc: "K:C\nc2ec GcEG|ceg"))
        #expect(hits.first?.kind == .reference && hits.first?.title == "The Test Reel" && hits.first?.collection == "Test book", "\(hits)")
        #expect(try archive.referenceCollections().map(\.tunes) == [2])
        #expect(throws: ArchiveError.self) { try archive.importReference([(book, "book.abc")], name: "Test book") }
        #expect(try archive.removeReference(named: "Test book") == 2)
        #expect(!(try archive.tuneSearch(try TuneQuery.shape(abc: "K:C\nc2ec GcEG|ceg"))).contains { $0.kind == .reference })
    }

    /// The prefilter also looks for the runs a query would have without one slip: a note a semitone or a tone off
    /// (two steps off by as much, the other way), or a note put in (two steps where the tune has one). So a short
    /// query whose own runs are all spoilt still reaches the tune's.
    @Test func thePrefilterLooksForTheQuerysRunsWithASlipUndone() {
        func slipRuns(_ steps: [Int8]) -> Set<[Int]> {
            var out = Set<[Int]>()
            MelodicIndex.forEachSlipGram(steps) { key, start in out.insert([key, start]) }
            return out
        }
        func run(_ steps: [Int8], at start: Int) -> [Int] { [MelodicIndex.key(of: steps[...]), start] }
        // A run's key is the one the index files it under.
        var filed = Set<Int>()
        MelodicIndex.forEachGram([2, 2, 1, 2]) { gram, position in if position == 0 { filed.insert(gram) } }
        #expect(filed.contains(run([2, 2, 1, 2], at: 0)[0]))
        // The tune goes 2 2 1 2 2 2 1: its second note sung a semitone high makes the query's first steps 3 1.
        let wrongNote: [Int8] = [3, 1, 1, 2, 2, 2, 1]
        #expect(slipRuns(wrongNote).contains(run([2, 2, 1, 2], at: 0)))
        // A note put in after the first: 2 1 1 1 2 ... where the tune has 2 2 1 2.
        let putIn: [Int8] = [2, 1, 1, 1, 2, 2, 2, 1]
        #expect(slipRuns(putIn).contains(run([2, 2, 1, 2], at: 0)))
        // A run the query has as sung is not looked for again, and a query of one step has no slips.
        #expect(!slipRuns(wrongNote).contains(run([1, 2, 2, 2], at: 2)))
        #expect(slipRuns([4]).isEmpty)
    }

    /// A candidate is scored over the steps about where the prefilter lined the query up with it, not over the whole
    /// tune: the prefilter gives the diagonal, and the window's score is the whole tune's.
    @Test func aCandidateIsScoredWhereThePrefilterLinedItUp() throws {
        let tune = try TuneQuery.shape(abc: "K:D\nd2fd AdFA | dfaf gefd | cdec ABcA | dfed cAGE | G2BG dGBG | A2cA eAcA | d2fd Adfa | gece d4 |")
        let other = try TuneQuery.shape(abc: "K:D\nA2FA dAFA | G2EG cGEG | A2FA dfaf | gece d4 |")
        // Bars 5–6, a fourth lower, with one note a semitone off: the tune's notes 32... (its step 32 is the query's 0).
        let query = try TuneQuery.shape(abc: "K:A\nD2FD AD^FD | E2GE BEGE |")
        // Tunes of leaps that share few runs with either, so that the two tunes' runs are rare enough to count.
        var seed: UInt64 = 7
        let leaps = (0..<8).map { _ in
            TuneShape(notes: (0..<40).map { i in
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                return TuneShape.Note(pitch: 48 + Int(seed >> 59) * 2, onset: Double(i), length: 1)
            })
        }
        let index = MelodicIndex(entries: [MelodicIndex.Entry(group: 1, shape: other), MelodicIndex.Entry(group: 2, shape: tune)]
            + leaps.enumerated().map { MelodicIndex.Entry(group: Int64(3 + $0.offset), shape: $0.element) })
        let found = index.prefilter(query, keep: 10)
        let lined = try #require(found.first { $0.entry == 1 })
        // (A tune scores its best diagonal with the two beside it, so one beside the true one may win.)
        #expect(abs(lined.diagonal - 32) <= 1, "\(found)")
        let aligner = TuneAligner()
        let whole = aligner.score(query, in: tune)
        let steps = query.intervals.count
        #expect(whole > 0)
        let window = index.window(around: lined.diagonal, of: query, in: tune)
        #expect(window.count < tune.intervals.count)
        #expect(aligner.score(query, in: tune, steps: window) == whole)
        // Elsewhere in the tune it scores less: the window is what is aligned.
        #expect(aligner.score(query, in: tune, steps: 0..<(steps + 4)) < whole)
    }

    /// A score asked with a floor is the same score when it reaches the floor, and some figure below the floor when
    /// it does not (the programme stopped once nothing could reach it): on real tunes, phrases of them spoiled and
    /// whole tunes, every floor from nothing to a perfect match.
    @Test func aScoreWithAFloorIsExactAtOrAboveItAndBelowItOtherwise() throws {
        let (shapes, _) = try Self.oneillsShapes()
        let aligner = TuneAligner()
        var seed: UInt64 = 5
        func next(_ n: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) % n }
        var stopped = 0, tried = 0
        for _ in 0..<300 {
            let tune = shapes[next(shapes.count)], source = shapes[next(shapes.count)]
            // A phrase of the source (with a note moved a semitone), or the whole of it.
            var query = source
            if next(2) == 0, source.noteCount > 14 {
                let start = next(source.noteCount - 12)
                var notes = (start..<(start + 12)).map { i in
                    TuneShape.Note(pitch: 60 + Int(source.intervals[start..<i].reduce(0) { $0 + Int($1) }), onset: Double(i), length: 1)
                }
                notes[6].pitch += 1
                query = TuneShape(notes: notes)
            }
            let reach = aligner.reach(query)
            let exact = aligner.score(query, in: tune)
            let perfect = aligner.perfect(query)
            for floor in [Int32(1), exact, exact + 1, perfect / 3, perfect * 3 / 5, perfect] {
                tried += 1
                let floored = aligner.score(query, in: tune, floor: floor, reach: reach)
                if exact >= floor { #expect(floored == exact, "floor \(floor): \(floored) against \(exact)") } else {
                    #expect(floored < floor, "floor \(floor): \(floored) against \(exact)")
                    if floored != exact { stopped += 1 }
                }
            }
        }
        #expect(tried == 1_800)
        // The floor did stop some programmes early (else the test would prove nothing about stopping).
        #expect(stopped > 100, "\(stopped)")
    }

    /// The search stops aligning a candidate once it cannot beat the best few groups; what it finds is what
    /// aligning every candidate to the end finds (an index whose aligner's bound is never reached shows it).
    @Test func stoppingCandidatesThatCannotWinChangesNoHit() throws {
        let (shapes, _) = try Self.oneillsShapes()
        let index = MelodicIndex(entries: shapes.enumerated().map { MelodicIndex.Entry(group: Int64($0.offset / 2), shape: $0.element) })
        var seed: UInt64 = 9
        func next(_ n: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) % n }
        for _ in 0..<60 {
            let source = shapes[next(shapes.count)]
            guard source.noteCount > 12 else { continue }
            let start = next(source.noteCount - 10)
            var notes = (start..<(start + 10)).map { i in
                TuneShape.Note(pitch: 62 + Int(source.intervals[start..<i].reduce(0) { $0 + Int($1) }), onset: Double(i), length: 1)
            }
            notes[4].pitch -= 2
            let query = TuneShape(notes: notes)
            for method in [MelodicIndex.Method.aligned, .alignment] {
                for limit in [1, 5, 10] {
                    #expect(index.search(query, limit: limit, method: method) == index.searchScoringEveryCandidate(query, limit: limit, method: method))
                }
            }
        }
    }

    /// The prefilter cuts its ranking at the k-th best score without sorting it all: the cut is the sorted list's,
    /// ties and all.
    @Test func theKthBestScoreIsTheSortedListsKth() {
        var seed: UInt64 = 11
        for count in [1, 2, 3, 10, 101, 1_000] {
            let values = (0..<count).map { _ -> Double in
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                return Double(seed >> 60)                                   // 16 values: many ties
            }
            let sorted = values.sorted(by: >)
            for k in Set([1, 2, count / 2, count - 1, count]) where k >= 1 && k <= count {
                var scratch = values
                #expect(MelodicIndex.largest(k, of: &scratch) == sorted[k - 1], "k \(k) of \(count)")
            }
        }
    }

    @Test func theRealTunebookFindsItsOwnTunesFromSpoiledPhrases() throws {
        // O'Neill's first fifty tunes, each searched by bars 2–4 sung a third lower with one note a semitone off:
        // nearly all found first (another setting holding the same notes counts).
        let (archive, folder) = try Self.archive()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = ABCCorpus.oneills.appendingPathComponent("0001-0050.abc")
        let text = try String(contentsOf: file, encoding: .utf8)
        _ = try archive.importReference([(text, file.lastPathComponent)], name: "O'Neill's 1850")
        let (shapes, _) = ABCReader.mapEachTune(SourceText(text, name: "o")) { tune in (tune.title ?? "", TuneShape(melody: tune.melody)) }
        var found = 0, asked = 0
        for (title, shape) in shapes where shape.noteCount >= 24 {
            asked += 1
            var notes = (4..<16).map { i in TuneShape.Note(pitch: 60 + Int(shape.intervals[4..<i].reduce(0) { $0 + Int($1) }) - 4, onset: Double(i), length: 1) }
            notes[5].pitch += 1
            let hits = try archive.tuneSearch(TuneShape(notes: notes), limit: 1)
            if hits.first?.title == title || hits.first.map({ $0.similarity > 0.99 }) == true { found += 1 }
        }
        #expect(asked >= 40)
        #expect(Double(found) / Double(asked) >= 0.9, "\(found) of \(asked)")
    }

    /// "Tunes like this" asks with a whole tune and a quarter of the full search's work (`forLikeness`): among all of
    /// O'Neill's 1850, a song made on one of its tunes (every note sung evenly, two a semitone off, and a phrase of
    /// its own before it) still finds that tune first, as the full search does.
    @Test func aSongMadeOnATunebooksTuneFindsItAsTunesLikeThis() throws {
        let (entries, titles) = try Self.oneillsShapes()
        let index = MelodicIndex(entries: entries.enumerated().map { MelodicIndex.Entry(group: Int64($0.offset), shape: $0.element) })
        let likeness = index.forLikeness()
        #expect(likeness.candidates < index.candidates && likeness.mostVisits < index.mostVisits && likeness.likelihood == nil)
        var asked = 0, found = 0, agreed = 0
        for (k, shape) in entries.enumerated() where k % 40 == 0 && shape.noteCount >= 32 {
            asked += 1
            var pitch = 60
            var notes = [55, 57, 59, 60, 62, 64, 62, 60].enumerated().map { TuneShape.Note(pitch: $0.element, onset: Double($0.offset), length: 1) }
            for (i, step) in ([0] + shape.intervals.map(Int.init)).enumerated() {
                pitch += step
                notes.append(TuneShape.Note(pitch: pitch + (i == 10 || i == 20 ? 1 : 0), onset: Double(8 + i), length: 1))
            }
            let song = TuneShape(notes: Array(notes.prefix(500)))
            let first = likeness.search(song, limit: 9).first
            if first.map({ titles[$0.entry] == titles[k] }) == true { found += 1 }
            if first?.entry == index.search(song, limit: 9).first?.entry { agreed += 1 }
        }
        #expect(asked >= 30)
        #expect(Double(found) >= 0.9 * Double(asked), "\(found) of \(asked)")
        #expect(Double(agreed) >= 0.9 * Double(asked), "\(agreed) of \(asked)")
    }

    /// A tune held many times (a song's versions that kept it, one tune at two stops, two tunebooks' settings) is
    /// indexed and aligned once, and found as every entry holding it would be alone: on O'Neill's 1850 with each
    /// tune held as three versions of one song, a search gives the hits it gives with each tune held once, each at
    /// its song's first entry; with every tenth tune held by a second song too, both songs are found, at one score.
    @Test func aTuneHeldManyTimesIsFoundAsOnceForEachSong() throws {
        let (shapes, _) = try Self.oneillsShapes()
        let once = MelodicIndex(entries: shapes.enumerated().map { MelodicIndex.Entry(group: Int64($0.offset), shape: $0.element) })
        var entries: [MelodicIndex.Entry] = []
        for (n, shape) in shapes.enumerated() {
            for _ in 0..<3 { entries.append(MelodicIndex.Entry(group: Int64(n), shape: shape)) }
        }
        // (Each held three times, every run is held by three times as many tunes of three times as many: the same
        // weights, so the same hits.)
        let many = MelodicIndex(entries: entries)
        #expect(many.formCount == once.formCount && many.formCount < entries.count / 2)
        let twins = entries + shapes.indices.filter { $0 % 10 == 0 }.map { MelodicIndex.Entry(group: Int64(shapes.count + $0), shape: shapes[$0]) }
        let shared = MelodicIndex(entries: twins)
        var asked = 0, paired = 0
        for (n, shape) in shapes.enumerated() where n % 97 == 0 && shape.noteCount >= 20 {
            asked += 1
            let phrase = shape.notes(4..<16)
            for likeness in [false, true] {
                let a = (likeness ? once.forLikeness() : once).search(phrase, limit: 10)
                let b = (likeness ? many.forLikeness() : many).search(phrase, limit: 10)
                // Each song's hit is its first entry; the same tunes at the same scores, over the same notes.
                #expect(b.allSatisfy { (hit: MelodicIndex.Hit) in hit.entry % 3 == 0 })
                let groupsMany: [Int64] = b.map { (hit: MelodicIndex.Hit) in entries[hit.entry].group }
                let groupsOnce: [Int64] = a.map { (hit: MelodicIndex.Hit) in Int64(hit.entry) }
                #expect(groupsMany == groupsOnce, "\(n)")
                #expect(zip(b, a).allSatisfy { $0.score == $1.score && $0.tuneNotes == $1.tuneNotes && $0.queryNotes == $1.queryNotes })
                // A second song holding the tune found first is found too, at the same score.
                let c = (likeness ? shared.forLikeness() : shared).search(phrase, limit: 10)
                if let top = c.first, twins[top.entry].group % 10 == 0 {
                    paired += 1
                    #expect(c.contains { twins[$0.entry].group == Int64(shapes.count) + twins[top.entry].group && $0.score == top.score })
                }
            }
        }
        #expect(asked >= 20)
        #expect(paired >= 2, "\(paired)")
    }

    /// Every tune of O'Neill's 1850 with six notes or more, and its title.
    static func oneillsShapes() throws -> ([TuneShape], [String]) {
        var shapes: [TuneShape] = [], titles: [String] = []
        for file in try FileManager.default.contentsOfDirectory(at: ABCCorpus.oneills, includingPropertiesForKeys: nil).sorted(by: { $0.path < $1.path }) where file.pathExtension == "abc" {
            let (read, _) = ABCReader.mapEachTune(SourceText(try String(contentsOf: file, encoding: .utf8), name: file.lastPathComponent)) { tune in
                (tune.title ?? "", TuneShape(melody: tune.melody))
            }
            for (title, shape) in read where shape.noteCount >= MelodicIndex.minimumNotes {
                shapes.append(shape)
                titles.append(title)
            }
        }
        return (shapes, titles)
    }

    @Test func songsThatShareATuneAcrossStopsAreLinked() throws {
        let (archive, folder) = try Self.archive()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The Portrush lullaby's tune, sung again at a Weymouth stop under another title.
        let hush = try String(contentsOf: Fixtures.songs.appendingPathComponent("hush-the-harbour-sleeps.cho"), encoding: .utf8)
        let again = hush.replacingOccurrences(of: "{title: Hush, the Harbour Sleeps}", with: "{title: The Night Boats}")
            .replacingOccurrences(of: "id=portrush-2026-06; place=Portrush; nation=northern-ireland", with: "id=weymouth-2026-11; place=Weymouth; nation=england")
        let song = try #require(try ChordProReader.read(again, name: "again.cho").value.first)
        let id = try archive.importSong(song)
        let links = try archive.tunesLike(song: id)
        // As a song page asks, with the song it has read already as the public sees it: the same likenesses.
        #expect(try archive.tunesLike(song: id, shown: try archive.publicSong(try archive.song(id))) == links)
        let hushLink = try #require(links.first { $0.match.title == "Hush, the Harbour Sleeps" }, "\(links.map(\.match.title))")
        #expect(hushLink.match.kind == .song && hushLink.match.song?.place == "Portrush" && hushLink.match.similarity > 0.95)
        // One phrase now finds two songs as alike as each other, and the search says the best are close.
        #expect(try archive.tuneSearch(try TuneQuery.shape(abc: "K:F\nA2 A2 G2 F2 | G2 A2 F4 | d2 d2 c2 A2 |")).isClose)
        // And the other way.
        let original = try #require(try archive.list().first { $0.title == "Hush, the Harbour Sleeps" })
        #expect(try archive.tunesLike(song: original.id).contains { $0.match.title == "The Night Boats" && $0.match.song?.place == "Weymouth" })
    }
}

extension MelodicIndex {
    /// The search as it was before candidates that cannot win were stopped: every candidate aligned to the end.
    func searchScoringEveryCandidate(_ query: TuneShape, limit: Int, method: Method) -> [Hit] {
        var index = self
        index.prunes = false
        return index.search(query, limit: limit, method: method)
    }
}
