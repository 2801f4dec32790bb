import Foundation
import GRDB
import SongCore
import SongTesting
import SongText
import Testing
@testable import Arrangement
@testable import SongArchive

/// Contributions made to break things, at random but repeatably: huge repeat counts, control characters,
/// directive-like text, deep nesting, very long words, in every kind and section label. Whatever the archive takes
/// is merged; then the archive must still pass SQLite's check, every song must read back with its own title, every
/// arrangement must stay within the limits (or be refused with a reason), and no public projection may name anyone
/// consent forbids.
@Suite struct ContributionFuzzSlowTests {
    /// SplitMix64: small, seeded, the same sequence every run.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let nasty = ["\n", "\r", "\r\n", "\u{0}", "\u{7}", "\u{1B}[2J", "\u{2028}", "\u{85}", "}", "{", "{title: Hacked}", "\n{title: Hacked}\n",
                        "{x_songbridge_contributor: id=c-kl22; consent=full-name; name=Zed Quorn}", "[G]", "[", "]", "|", "\\", ";", "=", "%", "\"",
                        "Cân", "ŵ", "👍🏻", String(repeating: "a", count: 5_000), String(repeating: "[", count: 300), String(repeating: "(3", count: 200)]
    static let words = ["tide", "harbour", "sing", "home", "bryn", "gulls", "Verse 1", "Chorus", "x", "x999999999", "x17", "x0", "x-1", "Q:1/4=1", "|:", ":|"]

    static func text(_ r: inout Random, pieces: Int) -> String {
        (0..<pieces).map { _ in r.below(3) == 0 ? r.pick(nasty) : r.pick(words) }.joined(separator: r.below(4) == 0 ? "" : " ")
    }

    static func payload(_ kind: Contribution.Kind, _ r: inout Random) -> String {
        switch kind {
        case .lyrics, .idea:
            return text(&r, pieces: 1 + r.below(12))
        case .chords:
            return (0..<(1 + r.below(8))).map { _ in r.pick(["G", "Am", "D7", "F#m7b5", "H", "C/E", "N.C.", "Cmaj7", r.pick(nasty)]) }.joined(separator: " ")
        case .structure:
            return (0..<(1 + r.below(r.below(10) == 0 ? 300 : 6))).map { _ in
                r.pick(["Verse 1", "Chorus", "Verse 2", r.pick(nasty)]) + (r.below(3) == 0 ? " x\(r.pick(["2", "16", "17", "999999999", "99999999999999999999"]))" : "")
            }.joined(separator: ", ")
        case .melody:
            let repeats = r.pick([1, 4, 200, 14_000])
            let tempo = r.pick(["", "Q:1/4=1\n", "Q:1/4=100\n", "Q:1/4=100000\n", "Q:1/64=20\n"])
            let bar = r.pick(["|: C D E F :|", "(3CDE (3FGA", "[CEG]2 [DFA]2 |", "C8 | z8 |", text(&r, pieces: 2)])
            // At most what a request may carry (256 KiB): the size hostile text arrives in.
            let fits = max(1, 250_000 / (bar.utf8.count + 1))
            return "X:1\nL:1/8\n\(tempo)K:\(r.pick(["C", "G", "Hm", "Dmix"]))\n" + String(repeating: bar + " ", count: min(repeats, fits))
        }
    }

    @Test func randomHostileContributionsLeaveTheArchiveReadableBoundedAndPrivate() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try ArchiveHardeningTests.demo(scratch)
        let songs = try archive.list()
        let people = try archive.contributors().map(\.id)
        var r = Random(state: 20_261_130)
        var taken = 0, refused = 0
        for _ in 0..<400 {
            let song = r.pick(songs)
            let kind = r.pick(Contribution.Kind.allCases)
            let section: String? = r.below(3) == 0 ? Self.text(&r, pieces: 1 + r.below(3)) : r.pick(["Verse 1", "Chorus", "Verse", "Pennill 1", nil])
            do {
                let id = try archive.contribute(song: song.id, by: [r.pick(people)], kind: kind, payload: Self.payload(kind, &r), section: section,
                                                line: r.below(4) == 0 ? 1 + r.below(40) : nil)
                try archive.setStatus(id, .accepted)
                taken += 1
            } catch {
                refused += 1
                #expect(!error.message.isEmpty)
            }
        }
        #expect(taken > 50 && refused > 50, "taken \(taken), refused \(refused): the mix should hold both")
        for song in songs { _ = try archive.merge(song: song.id) }
        // People who may never be named in public, and withdrawn after the merge: both kinds of leak are looked for.
        try archive.setConsent("c-gj41", .withdrawn)
        // (The words typed may hold anything, even a directive that names someone: what matters is that no
        // directive typed as words becomes one, and that the people's own names stay private.)
        let forbidden = ["Kai Lin", "Tomos", "Harold", "Ashworth", "Gwilym", "Patrick", "Quinn"]

        let reopened = try TourArchive(path: scratch.archivePath)
        for listed in songs {
            let song = try reopened.song(listed.id)
            #expect(song.metadata.title == listed.title)
            let shown = try reopened.withCurrentConsent(song).publicProjection
            let text = ChordProWriter.write(shown) + ABCWriter.write(ABCTuneBook(song: shown))
            for name in forbidden { #expect(!text.contains(name), "\(listed.title) shows \(name)") }
            let read = try #require(try ChordProReader.read(ChordProWriter.write(shown), name: "public").value.first)
            #expect(read.metadata.title == listed.title)
            #expect(read.provenance.contributors.count == shown.provenance.contributors.count)
            #expect(!read.provenance.contributors.contains { $0.name == "Zed Quorn" })
            #expect(!song.provenance.contributors.contains { $0.name == "Zed Quorn" })
            do {
                let performance = try Arranger.perform(shown, options: ArrangementOptions(style: shown.metadata.style ?? "basic", tempoScale: 0.25))
                #expect(performance.durationSeconds <= SongLimits.arrangedSeconds)
                #expect(performance.tracks.reduce(0) { $0 + $1.notes.count } <= SongLimits.arrangedNotes)
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }
}
