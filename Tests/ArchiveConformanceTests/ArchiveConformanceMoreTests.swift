import Foundation
import SongArchive
import SongCore
import SongTesting
import SongText
import Testing
import Transcription

/// The rest of the archive's behaviour on both engines: sessions, tokens, takes, erasure, the melodic index and
/// reference tunebooks, and sync between a laptop's SQLite file and the central PostgreSQL archive.
@Suite struct ArchiveConformanceMoreTests {
    @Test(arguments: ArchiveEngine.allCases)
    func sessionsAndTokens(_ engine: ArchiveEngine) async throws {
        let archive = try await engine.open()
        try archive.add(TourStop(id: "bangor-2026-10", place: "Bangor", nation: .northernIreland, venue: .communityHub, date: "2026-10-01"))
        let morning = try archive.addSession(stop: "bangor-2026-10", date: "2026-10-01", notes: "with the day centre")
        let afternoon = try archive.addSession(stop: "bangor-2026-10", date: "2026-10-02")
        #expect(try archive.sessions(stop: "bangor-2026-10").map(\.id) == [morning, afternoon])
        #expect(try archive.sessions().count == 2)
        #expect(try archive.sessions(stop: "nowhere").isEmpty)
        #expect(throws: ArchiveError.self) { try archive.addSession(stop: "nowhere") }

        let (id, token) = try archive.createToken(label: "Mair's tablet")
        #expect(try archive.tokenLabel(token) == "Mair's tablet")
        #expect(try archive.tokenLabel(String(repeating: "0", count: 64)) == nil)
        try archive.revokeToken(id)
        #expect(try archive.tokenLabel(token) == nil, "a revoked token opens nothing")
        #expect(try archive.tokens().first?.revokedAt != nil)
        #expect(throws: ArchiveError.self) { try archive.revokeToken(id + 1000) }
    }

    /// The archive's generation (what a server's kept answers are checked against) changes with every write, made
    /// through this handle or another program's on the same archive. On SQLite it changes with nothing else: reads
    /// and refused writes leave it alone. (PostgreSQL's snapshot is the whole server's: a write to another database
    /// on it, as the other tests make beside this one, changes it too, which only makes a kept answer again.)
    @Test(arguments: ArchiveEngine.allCases)
    func theGenerationChangesWithEveryWriteWhoeverMakesIt(_ engine: ArchiveEngine) async throws {
        let location = try await engine.newLocation()
        let server = try TourArchive.open(location, source: "server"), commandLine = try TourArchive.open(location, source: "cli")
        let alone = engine == .sqlite
        let start = try server.generation()
        _ = try server.list()
        _ = try server.search("harbour")
        #expect(try server.generation() == start || !alone, "a read changes nothing")
        try commandLine.add(TourStop(id: "rhyl-2026-11", place: "Rhyl", nation: .wales, venue: .careHome, date: "2026-11-02"))
        let afterStop = try server.generation()
        #expect(afterStop != start, "another program's write is seen at once")
        try commandLine.add(Contributor(id: "p-1", name: "Eira Hughes", generation: .olderAdult, consent: .fullName))
        let afterPerson = try server.generation()
        #expect(afterPerson != afterStop)
        try commandLine.setConsent("p-1", .withdrawn)
        #expect(try server.generation() != afterPerson, "a consent withdrawn is a write like any other")
        let settled = try server.generation()
        #expect(try commandLine.generation() == settled || !alone, "both handles read one count on SQLite")
        #expect(throws: ArchiveError.self) { try commandLine.add(Contributor(id: "p-1", name: "Eira again", generation: .olderAdult)) }
        #expect(try server.generation() == settled || !alone, "a write refused changed nothing")
    }

    /// Reads inside `reading` share one transaction: another program's write made between two of them is seen by
    /// neither, and by the next read after.
    @Test(arguments: ArchiveEngine.allCases)
    func readsInsideReadingSeeOneMomentOfTheArchive(_ engine: ArchiveEngine) async throws {
        let location = try await engine.newLocation()
        let server = try TourArchive.open(location, source: "server"), commandLine = try TourArchive.open(location, source: "cli")
        try commandLine.add(TourStop(id: "rhyl-2026-11", place: "Rhyl", nation: .wales, venue: .careHome, date: "2026-11-02"))
        let (before, during) = try server.reading { () throws(ArchiveError) in
            let before = try server.stops().count
            // The other program writes from a thread of its own (a write inside this task's read is refused).
            let wrote = DispatchSemaphore(value: 0)
            Thread {
                _ = try? commandLine.add(TourStop(id: "bala-2026-11", place: "Bala", nation: .wales, venue: .communityHub, date: "2026-11-09"))
                wrote.signal()
            }.start()
            wrote.wait()
            return (before, try server.stops().count)
        }
        #expect(before == 1 && during == 1, "the second read saw the write made after the first")
        #expect(try server.stops().count == 2, "the next read sees it")
        // Only reads, as the task's viewer.
        #expect(throws: ArchiveError.self) { try server.reading { () throws(ArchiveError) in try server.add(Contributor(id: "p-2", name: "Not here", generation: .child)) } }
        #expect(throws: ArchiveError.self) {
            try server.reading { () throws(ArchiveError) in
                do { return try TourArchive.$viewer.withValue(.nobody) { try server.stops() } } catch let e as ArchiveError { throw e } catch { throw ArchiveError("\(error)", kind: .invalid) }
            }
        }
        #expect(try server.contributors().isEmpty, "nothing was written")
    }

    /// `withGeneration` gives the generation its body's first read transaction saw, read in that transaction
    /// (what a server keeps an answer under): one older than a write made after that read, which the body's later
    /// reads see; nothing when the body read nothing of this archive.
    @Test(arguments: ArchiveEngine.allCases)
    func withGenerationGivesTheGenerationOfTheFirstRead(_ engine: ArchiveEngine) async throws {
        let location = try await engine.newLocation()
        let server = try TourArchive.open(location, source: "server"), commandLine = try TourArchive.open(location, source: "cli")
        try commandLine.add(TourStop(id: "rhyl-2026-11", place: "Rhyl", nation: .wales, venue: .careHome, date: "2026-11-02"))
        let before = try server.generation()
        let (counts, generation) = try await server.withGeneration {
            let first = try server.stops().count
            try commandLine.add(TourStop(id: "bala-2026-11", place: "Bala", nation: .wales, venue: .communityHub, date: "2026-11-09"))
            return [first, try server.stops().count]
        }
        #expect(counts == [1, 2])
        let given = try #require(generation)
        #expect(given != (try server.generation()), "the write after the first read is not in the generation given")
        #expect(given == before || engine == .postgres, "on SQLite, the count before the write")
        // A body that reads nothing gives none; nor does one that reads another archive only.
        let other = try await engine.open()
        #expect(try await server.withGeneration { 7 }.generation == nil)
        #expect(try await server.withGeneration { try other.stops().count }.generation == nil)
        // On SQLite, with nothing written since, it is the generation read on its own (PostgreSQL's is the whole
        // server's snapshot, which the other tests' writes move).
        let now = try await server.withGeneration { try server.stops().count }.generation
        let alone = try server.generation()
        #expect(engine == .postgres || now == alone)
    }

    /// A name in free text (`{composer: …}`, a subtitle) is shown only as its person's consent allows, whoever
    /// reads: the public projection needs the name itself to find it, which a public reader (or another
    /// organisation's) may not read. Before, a server beyond loopback showed a withdrawn composer's full name, and
    /// the full name of someone credited by initials, in every public output.
    @Test(arguments: ArchiveEngine.allCases)
    func aNameInFreeTextIsShownAsConsentAllowsWhoeverReads(_ engine: ArchiveEngine) async throws {
        let archive = try await engine.open()
        let centre = try archive.addOrganisation(name: "Weymouth Day Centre"), choir = try archive.addOrganisation(name: "Portrush Community Choir")
        let song = try TeaDanceWaltz.song(consent: "initials")
        let id = try TourArchive.$viewer.withValue(.organisation(centre.uid)) { try archive.importSong(song) }
        let viewers: [ArchiveViewer] = [.nobody, .home, .organisation(choir.uid), .organisation(centre.uid), .everyone]
        func shown(_ viewer: ArchiveViewer) throws -> String {
            try TourArchive.$viewer.withValue(viewer) { ChordProWriter.write(try archive.newestPublicVersion(id).song) }
        }
        // Credited by initials: "W. P." wherever his name was, for every reader.
        for viewer in viewers {
            let sheet = try shown(viewer)
            #expect(!sheet.contains("Wilfred") && !sheet.contains("Pottinger"), "\(viewer): \(sheet)")
            #expect(sheet.contains("{composer: W. P.}"), "\(viewer): \(sheet)")
            #expect(try TourArchive.$viewer.withValue(viewer) { try archive.search("Pottinger") }.isEmpty, "\(viewer)")
        }
        // Withdrawn: no name at all, and his verse gone.
        try archive.setConsent("c-wil", .withdrawn)
        for viewer in viewers {
            let sheet = try shown(viewer)
            #expect(!sheet.contains("Wilfred") && !sheet.contains("Pottinger") && !sheet.contains("W. P.") && !sheet.contains("Round the hall"), "\(viewer): \(sheet)")
        }
    }

    /// An erasure takes the name out of the versions' free text too: once it is gone from the archive, no
    /// projection could find it there, and a `{composer: …}` named them to everyone whose consent showed a name.
    @Test(arguments: ArchiveEngine.allCases)
    func anErasureTakesTheNameOutOfFreeText(_ engine: ArchiveEngine) async throws {
        let archive = try await engine.open()
        let id = try archive.importSong(try TeaDanceWaltz.song(consent: "full-name"))
        #expect(ChordProWriter.write(try archive.newestPublicVersion(id).song).contains("{composer: Wilfred Pottinger}"))
        _ = try archive.erase("c-wil")
        for viewer in [ArchiveViewer.nobody, .everyone] {
            let shown = try TourArchive.$viewer.withValue(viewer) { ChordProWriter.write(try archive.newestPublicVersion(id).song) }
            #expect(!shown.contains("Wilfred") && !shown.contains("Pottinger"), "\(viewer): \(shown)")
            #expect(shown.contains("Round the hall"), "his verse stays, credited without his name")
        }
        let stored = ChordProWriter.write(try archive.song(id))
        #expect(!stored.contains("Wilfred Pottinger") && !stored.contains("{composer:"), "\(stored)")
    }

    /// Two partner organisations in one archive: each one's viewer reads its own people's names and session notes,
    /// and of the other's only what consent shows, through every read (people, one person, sessions, a song's
    /// people, the sync changes); a viewer with no token reads nobody's; the archive's keeper reads all. A consent
    /// change made by the other organisation can narrow what is shown, never widen it; an erasure reaches every
    /// organisation's rows.
    @Test(arguments: ArchiveEngine.allCases)
    func organisationsReadOnlyTheirOwnPrivateDetails(_ engine: ArchiveEngine) async throws {
        let archive = try await engine.open()
        let choir = try archive.addOrganisation(name: "Portrush Community Choir"), centre = try archive.addOrganisation(name: "Weymouth Day Centre")
        #expect(throws: ArchiveError.self) { try archive.addOrganisation(name: "Weymouth Day Centre") }
        #expect(try archive.organisation("Weymouth Day Centre") == centre)
        try archive.add(TourStop(id: "portrush-2026-12", place: "Portrush", nation: .northernIreland, venue: .careHome, date: "2026-12-01"))
        let song = try archive.newSong(title: "The Strand")
        try TourArchive.$viewer.withValue(.organisation(choir.uid)) {
            try archive.add(Contributor(id: "c-ann", name: "Ann Quigley", generation: .olderAdult, consent: .firstName))
            try archive.addSession(stop: "portrush-2026-12", date: "2026-12-01", notes: "Ann Quigley's son came too")
            _ = try archive.contribute(song: song, by: ["c-ann"], kind: .lyrics, payload: "Down on the strand the white horses run")
        }
        try TourArchive.$viewer.withValue(.organisation(centre.uid)) {
            try archive.add(Contributor(id: "c-wil", name: "Wilfred Pottinger", generation: .olderAdult, consent: .initials))
            try archive.addSession(stop: "portrush-2026-12", date: "2026-12-02", notes: "Wilfred's carer asked for a quiet room")
        }
        func everything(_ viewer: ArchiveViewer) throws -> String {
            try TourArchive.$viewer.withValue(viewer) {
                let people = try archive.contributors().map { "\($0.id)=\($0.name ?? "-")" }
                let notes = try archive.sessions().map { $0.notes ?? "-" }
                let changes = String(decoding: try JSONEncoder().encode(archive.syncChanges()), as: UTF8.self)
                return (people + notes + [changes, try archive.contributor("c-wil").name ?? "-", try archive.contributor("c-ann").name ?? "-"]).joined(separator: "\n")
            }
        }
        let seenByChoir = try everything(.organisation(choir.uid)), seenByCentre = try everything(.organisation(centre.uid))
        #expect(seenByChoir.contains("c-ann=Ann Quigley") && seenByChoir.contains("son came too") && seenByChoir.contains("c-wil=W. P."))
        #expect(!seenByChoir.contains("Pottinger") && !seenByChoir.contains("carer"), "the choir reads the day centre's details")
        #expect(seenByCentre.contains("c-wil=Wilfred Pottinger") && seenByCentre.contains("carer") && seenByCentre.contains("c-ann=Ann"))
        #expect(!seenByCentre.contains("Quigley") && !seenByCentre.contains("son came"), "the day centre reads the choir's details")
        let seenByNobody = try everything(.nobody), seenAtHome = try everything(.home)
        for word in ["Quigley", "Pottinger", "son came", "carer"] {
            #expect(!seenByNobody.contains(word) && !seenAtHome.contains(word), "'\(word)' without the organisation's token")
        }
        let seenByKeeper = try everything(.everyone)
        #expect(seenByKeeper.contains("Ann Quigley") && seenByKeeper.contains("Wilfred Pottinger") && seenByKeeper.contains("carer"))
        // Public credits are the same for every viewer: as much of the name as consent shows.
        for viewer in [ArchiveViewer.nobody, .organisation(choir.uid), .organisation(centre.uid), .everyone] {
            let credits = try TourArchive.$viewer.withValue(viewer) { [try archive.contributor("c-wil").publicCredit, try archive.contributor("c-ann").publicCredit] }
            #expect(credits == ["W. P.", "Ann"], "\(viewer)")
        }

        // The choir widens Wilfred's consent: without his name it cannot show more than it had.
        try TourArchive.$viewer.withValue(.organisation(choir.uid)) { try archive.setConsent("c-wil", .fullName) }
        #expect(try TourArchive.$viewer.withValue(.nobody) { try archive.contributor("c-wil").publicCredit } == "W. P.")
        // His own organisation can.
        try TourArchive.$viewer.withValue(.organisation(centre.uid)) { try archive.setConsent("c-wil", .fullName) }
        #expect(try TourArchive.$viewer.withValue(.nobody) { try archive.contributor("c-wil").publicCredit } == "Wilfred Pottinger")
        // An erasure asked for through the choir still takes his name from the day centre's rows.
        try TourArchive.$viewer.withValue(.organisation(choir.uid)) { _ = try archive.erase("c-wil") }
        #expect(!(try everything(.everyone)).contains("Pottinger"), "the erasure reached the other organisation's rows")
        // A token belongs to its organisation.
        let (_, token) = try archive.createToken(label: "Choir tablet", organisation: "Portrush Community Choir")
        #expect(try archive.facilitator(token)?.viewer == .organisation(choir.uid))
        #expect(try archive.tokens().last?.organisation == "Portrush Community Choir")
        #expect(throws: ArchiveError.self) { try archive.createToken(label: "Stray", organisation: "Nobody's Club") }
    }

    @Test(arguments: ArchiveEngine.allCases)
    func takesAreKeptApartAndAWithdrawalErasesThem(_ engine: ArchiveEngine) async throws {
        let archive = try await engine.open()
        let song = try archive.newSong(title: "The Lantern Quay")
        try archive.add(Contributor(id: "c-mair", generation: .olderAdult, consent: .firstName))
        try archive.add(Contributor(id: "c-tom", generation: .child, consent: .anonymous))
        let voice = Data("RIFF".utf8) + Data((0..<4000).map { UInt8($0 % 251) })
        let take = try archive.addTake(song: song, by: ["c-mair", "c-tom"], section: "Chorus", format: "wav", audio: voice, seconds: 3.5, transcription: "{}")
        let kept = try archive.addTake(song: song, by: ["c-tom"], section: nil, format: "wav", audio: voice, seconds: 1, transcription: "{}")
        #expect(try archive.take(take).singers == ["c-mair", "c-tom"])
        #expect(try archive.takeAudio(take) == voice, "the bytes come back as they were given")
        #expect(try archive.takes(song: song).map(\.id) == [take, kept])
        #expect(try archive.takeCounts() == ["c-mair": 1, "c-tom": 2])
        try archive.setConsent("c-mair", .withdrawn)
        #expect(try archive.takes(song: song).map(\.id) == [kept], "her voice went with her withdrawal")
        #expect(throws: ArchiveError.self) { try archive.takeAudio(take) }
        #expect(throws: ArchiveError.self) { try archive.addTake(song: song, by: ["c-mair"], section: nil, format: "wav", audio: voice, seconds: 1, transcription: "{}") }
        try archive.eraseTake(kept)
        #expect(try archive.takes(song: song).isEmpty)
    }

    @Test(arguments: ArchiveEngine.allCases)
    func anErasureTakesTheNameFromEveryVersionAndLeavesATombstone(_ engine: ArchiveEngine) async throws {
        let archive = try await engine.open()
        let songs = try ArchiveConformanceTests.demoSongs
        let cwm = try archive.importSong(try #require(songs.first { $0.metadata.title == "Cân y Cwm" }))
        #expect(try archive.song(cwm).provenance.contributors.first { $0.id == "c-gj41" }?.name == "Gwilym Jones")
        let done = try archive.erase("c-gj41")
        #expect(done.versions == 1)
        #expect(try archive.contributor("c-gj41").name == nil)
        #expect(try archive.song(cwm).provenance.contributors.first { $0.id == "c-gj41" }?.name == nil, "the version no longer names him")
        #expect(try archive.syncChanges().erasures.count == 1, "the tombstone is there to sync")
        #expect(throws: ArchiveError.self) { try archive.erase("nobody") }
    }

    @Test(arguments: ArchiveEngine.allCases)
    func tuneSearchFindsASongAndAReferenceTune(_ engine: ArchiveEngine) async throws {
        let archive = try await engine.open()
        for song in try ArchiveConformanceTests.demoSongs { try archive.importSong(song) }
        let corpus = try #require(Fixtures.corpusFiles.first)
        let imported = try archive.importReference([(Fixtures.text(corpus), corpus.lastPathComponent)], name: "Corpus sample")
        #expect(imported.tunes > 0)
        #expect(try archive.referenceCollections().map(\.name) == ["Corpus sample"])
        #expect(throws: ArchiveError.self) { try archive.importReference([(Fixtures.text(corpus), corpus.lastPathComponent)], name: "Corpus sample") }

        // A phrase of Cân y Cwm's verse, in another key: the song is the first hit.
        let hits = try archive.tuneSearch(try TuneQuery.shape(abc: "K:D\nA,2 D2 F2 A2 | BA G2 F4 | B2 B2 A2 F2 |"))
        #expect(hits.first?.title == "Cân y Cwm")
        #expect(hits.first?.song?.id != nil)
        // A reference tune found by its own opening.
        let tune = try archive.referenceTune(try #require(archive.tuneSearch(try TuneQuery.shape(abc: Self.opening(of: corpus))).first { $0.kind == .reference }?.referenceTune))
        #expect(tune.collection == "Corpus sample")
        let generation = try archive.tuneGeneration()
        #expect(try archive.removeReference(named: "Corpus sample") == imported.tunes)
        #expect(try archive.tuneGeneration() > generation)
        #expect(try archive.referenceCollections().isEmpty)
    }

    /// The first tune's header and first two lines of notes in an ABC file.
    static func opening(of file: URL) -> String {
        let lines = Fixtures.text(file).split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("X:") }) else { return "" }
        var out: [String] = []
        var notes = 0
        for line in lines[start...] {
            out.append(line)
            if line.first.map({ !$0.isLetter || line.dropFirst().first != ":" }) ?? false { notes += 1 }
            if notes == 2 { break }
        }
        return out.joined(separator: "\n")
    }

    /// A laptop's SQLite archive and the central PostgreSQL archive sync both ways: the same contributions and
    /// version graphs on both, nothing doubled by a second sync, and a withdrawal made on the laptop reaches the
    /// central archive's search.
    @Test func aLaptopAndTheCentralArchiveSyncBothWays() async throws {
        let laptop = try await ArchiveEngine.sqlite.open(source: "laptop")
        let central = try await ArchiveEngine.postgres.open(source: "central")
        let songs = try ArchiveConformanceTests.demoSongs
        // The laptop starts the tour; the central archive, empty, joins it with the first sync.
        for song in songs.prefix(3) { try laptop.importSong(song) }
        let joined = try central.takeIn(laptop.syncChanges())
        #expect(joined.songs == 3)
        #expect(try central.syncIdentity().tour == laptop.syncIdentity().tour)
        for song in songs.dropFirst(3) { try central.importSong(song) }
        let back = try laptop.takeIn(central.syncChanges())
        #expect(back.songs == songs.count - 3)
        #expect(try laptop.list().map(\.title) == central.list().map(\.title))
        #expect(try central.takeIn(laptop.syncChanges()).isEmpty, "the same changes again change nothing")
        #expect(try laptop.takeIn(central.syncChanges()).isEmpty)

        // A line added on the laptop, merged there, then synced: the central archive holds the same graph.
        let title = try #require(songs.first?.metadata.title)
        let onLaptop = try #require(laptop.list().first { $0.title == title }).id
        let person = try #require(songs[0].provenance.contributors.first { $0.consent != .withdrawn })
        let c = try laptop.contribute(song: onLaptop, by: [person.id], kind: .lyrics, payload: "the marigolds are nodding by the gate",
                                      section: songs[0].sections.first { !$0.lyricLines.isEmpty }?.id)
        try laptop.setStatus(c, .accepted)
        _ = try laptop.merge(song: onLaptop)
        _ = try central.takeIn(laptop.syncChanges())
        let onCentral = try #require(central.list().first { $0.title == title }).id
        #expect(try central.versions(onCentral).map(\.uid) == laptop.versions(onLaptop).map(\.uid))
        let foundAtCentre = try central.search("marigolds").map(\.title), foundOnLaptop = try laptop.search("marigolds").map(\.title)
        #expect(foundAtCentre == [title] && foundOnLaptop == [title], "\(foundAtCentre) at the centre, \(foundOnLaptop) on the laptop")

        // Withdrawn on the laptop: once synced, the central archive's search no longer finds the line.
        try laptop.setConsent(person.id, .withdrawn)
        let withdrawal = try central.takeIn(laptop.syncChanges())
        #expect(withdrawal.consentDecided == [person.id])
        #expect(try central.contributor(person.id).consent == .withdrawn)
        let stillFound = try central.search("marigolds").map(\.title)
        #expect(stillFound.isEmpty, "\(stillFound)")
    }
}

/// PostgreSQL's own faults: connections the server closes, and a server that cannot be reached.
@Suite struct PostgresFaultTests {
    /// The server closes every connection the archive keeps (as a restart does): the next reads and writes
    /// connect again by themselves and succeed.
    @Test func connectionsClosedByTheServerAreMadeAgain() async throws {
        let url = try await TestPostgres.newDatabase()
        let archive = try TourArchive.open(url, source: "fault test")
        try archive.add(Contributor(id: "c-1", consent: .initials))
        _ = try archive.list()
        let ended = try await TestPostgres.endConnections(to: url)
        #expect(ended >= 1, "connections ended: \(ended)")
        #expect(try archive.contributor("c-1").consent == .initials)
        try archive.setConsent("c-1", .anonymous)
        #expect(try archive.contributor("c-1").consent == .anonymous)
    }

    /// A server that cannot be reached: a one-line refusal of kind `busy` (which the HTTP server answers 503 with
    /// Retry-After), naming where, without the password.
    @Test func anUnreachableServerIsBusyNotACrash() throws {
        do {
            _ = try TourArchive.open("postgres://songbridge:secret@localhost/nowhere?host=/nonexistent-folder", source: "fault test")
            Issue.record("an archive opened on a server that is not there")
        } catch {
            #expect(error.kind == .busy)
            #expect(error.message.contains("cannot be reached") && !error.message.contains("secret"), "\(error.message)")
        }
        #expect(throws: ArchiveError.self) { try TourArchive.open("postgres://localhost/db?sslmode=sometimes", source: "fault test") }
    }
}
