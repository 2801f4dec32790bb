import ArgumentParser
import Foundation
import SongArchive
import SongCore
import SongTesting
import SongText

/// The charity's central archive at full size, generated, for `make bench-scale`: 1,450 partner organisations
/// (each with a stop, a session with notes and its own people), 50,000 people with names and consent, 100,000 songs
/// each with a version (one of the demo songs' words and chords; its tunes from the four tunebooks setup fetches,
/// each with three notes moved a step, `TuneVariation`, so every song is drawn as its own and the melodic index is
/// as varied as a real one; its people the song's own) and 10
/// contributions each, 1,000,000 in all. It is written through the archive's own sync (`takeIn`), a batch of 2,000
/// songs at a time, so every index, trigger and rule runs as it would for real. With `--laptop`, it also makes a
/// laptop of the same tour holding 10,000 new contributions (200 people, 500 songs), to push into it.
struct ScaleArchive: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scale-archive", abstract: "Generate the central archive at full size (make bench-scale).")
    @Option(help: "The archive to fill: a file path or a postgres:// URL.") var archive: String
    @Option(help: "Songs.") var songs = 100_000
    @Option(help: "Contributions to each song.") var contributionsPerSong = 10
    @Option(help: "People.") var people = 50_000
    @Option(help: "Partner organisations.") var organisations = 1_450
    @Option(help: "Also make a laptop of the same tour at this path, with 10,000 contributions to push.") var laptop: String?
    @Option(help: "Seed for the ids, so both engines get the same archive.") var seed: UInt64 = 18

    /// The tour's id: the same for every archive the bench makes.
    static let tour = "5ca1e0000000000000000000000000aa"

    func run() throws {
        var random = Mutator(seed: seed)
        func uid() -> String { (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max, using: &random)) }.joined() }
        let target = try TourArchive.open(archive, source: "scale bench")
        let started = Date()
        // The templates: the demo songs as they travel between archives (people and stop by global id).
        let template = try Self.templates()
        // Their tunes: real ones from the four tunebooks setup fetches, so the archive's tunes are as varied as a
        // real archive's (the demo songs' five tunes would be drawn and searched once, then found in every cache).
        let tunebooks = (try? ABCCorpus.collections(at: Fixtures.root.appendingPathComponent(".corpus"))) ?? []
        let pool = tunebooks.flatMap(\.tunes).compactMap { TuneVariation.blockTune($0.text) }
        print(pool.isEmpty ? "scale: no tunebooks in .corpus (make setup fetches them): the songs keep the demo songs' tunes, varied"
                           : "scale: \(pool.count) tunes from \(tunebooks.count) tunebooks for the songs")
        // Changes are written as the wire format (JSON) and read back as sync reads a batch.
        let origin: [String: Any] = ["archive": "5ca1e0000000000000000000000000bb", "by": "scale bench"]
        func changes(_ parts: [String: [[String: Any]]]) throws -> SyncChanges {
            var all: [String: Any] = ["format": SyncChanges.currentFormat, "tour": Self.tour, "archive": "5ca1e0000000000000000000000000bb",
                                      "madeAt": "2026-12-02T09:00:00Z", "versions": [[String: Any]]()]
            for key in ["stops", "sessions", "people", "consent", "songs", "contributions", "erasures"] { all[key] = [[String: Any]]() }
            for (key, value) in parts { all[key] = value }
            return try JSONDecoder().decode(SyncChanges.self, from: JSONSerialization.data(withJSONObject: all))
        }

        // Organisations, each with its stop and a session; then people, each an organisation's, with their consent.
        var orgs: [String] = []
        for n in 0..<organisations { orgs.append(try target.addOrganisation(name: "Partner \(n + 1)").uid) }
        let nations: [TourStop.Nation] = [.england, .wales, .scotland, .northernIreland]
        let venues: [TourStop.Venue] = [.careHome, .school, .communityHub, .hospital]
        var stops: [[String: Any]] = [], sessions: [[String: Any]] = []
        for (n, org) in orgs.enumerated() {
            let stop = uid(), date = "2026-\(String(format: "%02d", n % 12 + 1))-15"
            stops.append(["uid": stop, "id": "stop-\(n + 1)", "place": "Place \(n + 1)", "nation": nations[n % 4].rawValue, "venue": venues[n % 4].rawValue,
                          "date": date, "partners": "Partner \(n + 1)", "origin": origin])
            sessions.append(["uid": uid(), "stop": stop, "date": date, "notes": "Notes of partner \(n + 1)'s session", "organisation": org, "origin": origin])
        }
        let firstNames = ["Ann", "Bethan", "Ciaran", "Dorothy", "Eileen", "Fergus", "Gwen", "Harold", "Isla", "Josh", "Kerry", "Lewis", "Mair", "Niamh", "Owen", "Peggy"]
        let surnames = ["Quigley", "Hughes", "Reilly", "Pottinger", "Doherty", "Jones", "Reed", "Turner", "Marsh", "Lane", "Evans", "Price", "Boyd", "Wilson"]
        let consents: [Consent] = [.firstName, .initials, .fullName, .anonymous]
        var personUIDs: [String] = [], people: [[String: Any]] = [], consent: [[String: Any]] = []
        for n in 0..<self.people {
            let person = uid()
            personUIDs.append(person)
            people.append(["uid": person, "id": "p\(n + 1)", "name": "\(firstNames[n % firstNames.count]) \(surnames[(n / 7) % surnames.count])",
                           "organisation": orgs[n % orgs.count], "generation": [Generation.olderAdult, .adult, .child, .teen][n % 4].rawValue,
                           "role": Role.participant.rawValue, "origin": origin])
            consent.append(["person": person, "origin": origin,
                            "change": ["uid": uid(), "consent": consents[n % consents.count].rawValue, "guardian": n % 2 == 0, "at": "2026-01-01T09:00:00Z", "supersedes": [String]()]])
        }
        let first = try changes(["stops": stops, "sessions": sessions, "people": people, "consent": consent])
        _ = try target.takeIn(first)
        print(String(format: "scale: %d organisations, %d stops, %d people in %.1f s", organisations, stops.count, self.people, Date().timeIntervalSince(started)))

        // Songs, a batch at a time, each with its version and contributions.
        let words = SongGeneratorWords.all
        var made = 0
        while made < songs {
            var batchSongs: [[String: Any]] = [], versions: [[String: Any]] = [], contributions: [[String: Any]] = []
            for i in made..<min(made + 2_000, songs) {
                let t = template[i % template.count]
                let song = uid(), stop = stops[i % stops.count]["uid"] as? String ?? ""
                // The song's people: the template's, each replaced by one of the partners' people.
                var text = t.text.replacingOccurrences(of: t.stop, with: stop)
                var own: [String] = []
                for (k, person) in t.people.enumerated() {
                    let chosen = personUIDs[(i * 13 + k * 7919) % personUIDs.count]
                    own.append(chosen)
                    text = text.replacingOccurrences(of: person, with: chosen)
                }
                text = text.replacingOccurrences(of: "{title: \(t.title)}", with: "{title: \(t.title) \(i + 1)}")
                // Its own tunes: the next of the tunebooks' (each used about eight times in 100,000 songs), three
                // notes of each moved a step, so no two songs are drawn as one.
                if !pool.isEmpty { text = TuneVariation.replacingTunes(in: text, with: (0..<4).map { pool[(i * 4 + $0) % pool.count] }) }
                text = TuneVariation.vary(text, seed: seed &+ UInt64(i))
                var record: [String: Any] = ["uid": song, "title": "\(t.title) \(i + 1)", "stop": stop, "themes": t.themes, "createdAt": "2026-06-01T10:00:00Z", "origin": origin]
                record["key"] = t.key
                record["meter"] = t.meter
                batchSongs.append(record)
                versions.append(["uid": uid(), "song": song, "parents": [String](), "merged": [String](), "text": text, "createdAt": "2026-06-01T11:00:00Z", "origin": origin])
                for c in 0..<contributionsPerSong {
                    let line = (0..<7).map { words[($0 * 31 + i * 7 + c * 3) % words.count] }.joined(separator: " ")
                    contributions.append(["uid": uid(), "song": song, "kind": Contribution.Kind.lyrics.rawValue, "payload": line, "section": "Verse \(c % 4 + 1)",
                                          "status": c % 3 == 0 ? "proposed" : "accepted", "people": [own.isEmpty ? personUIDs[i % personUIDs.count] : own[c % own.count]],
                                          "createdAt": "2026-06-01T10:30:00Z", "origin": origin])
                }
            }
            _ = try target.takeIn(try changes(["songs": batchSongs, "versions": versions, "contributions": contributions]))
            made += batchSongs.count
            if made % 20_000 == 0 || made == songs {
                print(String(format: "scale: %d songs, %d contributions in %.1f s", made, made * contributionsPerSong, Date().timeIntervalSince(started)))
            }
        }
        if let laptop { try Self.makeLaptop(at: laptop, joining: first) }
    }

    /// A demo song as it travels: its portable version text, with the global ids of the people and stop it names.
    struct Template {
        var title: String
        var key: String?
        var meter: String?
        var themes: String
        var text: String
        var people: [String]
        var stop: String
    }

    /// The demo songs, imported into a scratch archive and read back as its sync sends them.
    static func templates() throws -> [Template] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scale-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scratch = try TourArchive(path: folder.appendingPathComponent("t.sqlite").path, source: "scale bench")
        for url in Fixtures.songFiles { try scratch.importSong(try requireSong(url)) }
        let changes = try scratch.syncChanges()
        return try (changes.versions ?? []).compactMap { v in
            guard let song = changes.songs.first(where: { $0.uid == v.song }), let stop = song.stop else { return nil }
            let people = changes.people.map(\.uid).filter { v.text.contains($0) }
            _ = try ChordProReader.read(v.text, name: song.title)
            return Template(title: song.title, key: song.key, meter: song.meter, themes: song.themes, text: v.text, people: people, stop: stop)
        }
    }

    /// A laptop of the tour: the first stop, 200 people and 500 songs of its own, and 10,000 contributions made one
    /// at a time, as the sync bench's laptop.
    static func makeLaptop(at path: String, joining first: SyncChanges) throws {
        try? FileManager.default.removeItem(atPath: path)
        let laptop = try TourArchive(path: path, source: "scale bench laptop")
        var join = first
        join.stops = Array(first.stops.prefix(1))
        join.sessions = []
        join.people = []
        join.consent = []
        _ = try laptop.takeIn(join)
        let stop = try requireValue(join.stops.first?.id)
        let people = (0..<200).map { "laptop-p\($0)" }
        for (i, id) in people.enumerated() {
            try laptop.add(Contributor(id: id, name: "Laptop Person \(i)", generation: [.child, .adult, .olderAdult][i % 3], consent: .firstName, guardianConsent: true))
        }
        let songs = try (0..<500).map { i in try laptop.newSong(title: "Laptop Song \(i)", stop: stop) }
        let words = SongGeneratorWords.all
        for i in 0..<10_000 {
            let line = (0..<8).map { words[($0 * 17 + i * 11) % words.count] }.joined(separator: " ")
            try laptop.contribute(song: songs[i % songs.count], by: [people[i % people.count]], kind: .lyrics, payload: line, section: "Verse \(i % 4 + 1)")
        }
        print("scale: a laptop of the tour at \(path), with 10,000 contributions to push")
    }
}

/// The song in a demo file, or a one-line refusal.
private func requireSong(_ url: URL) throws -> Song {
    guard let song = try SongFile.read(path: url.path).songs.first else { throw ValidationError("\(url.lastPathComponent) holds no song") }
    return song
}

private func requireValue<T>(_ value: T?) throws -> T {
    guard let value else { throw ValidationError("the scale archive has no stop") }
    return value
}
