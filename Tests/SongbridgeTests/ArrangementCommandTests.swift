import Foundation
import SongMIDI
import SongTesting
import Testing

@Suite struct ArrangementCommandTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-arrange-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func fitKeyReportsTheKeyAndWhatDoesNotFit() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await CommandRunner.songbridge(["render", Fixtures.songs.appendingPathComponent("the-tide-comes-in.cho").path, "--fit-key", "child", "--midi", dir.appendingPathComponent("t.mid").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("key for child: G (+0 semitones), melody D4–D5"))
        #expect(r.stdout.contains("every note is in everyone's comfortable range; easy on guitar, accordion and ukulele"))
        // The Pavilion Waltz (D4–D5) for children and older adults: C fits both (older adults' C5 is their top),
        // and the choice is one line.
        let both = try await CommandRunner.songbridge(["render", "Songs/the-pavilion-waltz.cho", "--fit-key", "child,older-adult", "--midi", dir.appendingPathComponent("both.mid").path])
        #expect(both.stdout.split(separator: "\n").first == "key for child, older-adult: C (-2 semitones), melody C4–C5; every note is in everyone's comfortable range; easy on guitar, accordion and ukulele", "\(both.stdout)")
        // Haul Away fits both only in F dorian, hard on every instrument: the line says where a guitar's capo makes
        // it easy (fret 1, fingered in E dorian, as `simplify --capo guitar` would give).
        let modal = try await CommandRunner.songbridge(["render", "Songs/haul-away-for-stonehaven.cho", "--fit-key", "child,older-adult", "--midi", dir.appendingPathComponent("modal.mid").path])
        #expect(modal.stdout.split(separator: "\n").first?.hasSuffix("not an easy key for guitar, accordion or ukulele; guitar: capo 1, shapes in Edor") == true, "\(modal.stdout)")
        #expect(!both.stdout.contains("capo"), "no capo where guitar is easy already")
        let narrow = try await CommandRunner.songbridge(["render", Fixtures.songs.appendingPathComponent("the-tide-comes-in.cho").path, "--fit-key", "tiny=E4-A4", "--midi", dir.appendingPathComponent("u.mid").path])
        #expect(narrow.stdout.contains("outside tiny's range"))
        let bad = try await CommandRunner.songbridge(["render", "Songs/the-tide-comes-in.cho", "--fit-key", "elves"])
        #expect(bad.status == 64)
    }

    @Test func aStyleFromTheLibraryRendersWithIntroAndEnding() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("s.mid")
        let r = try await CommandRunner.songbridge(["render", Fixtures.songs.appendingPathComponent("haul-away-for-stonehaven.cho").path, "--style", "shanty", "--midi", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let midi = try MIDIFile(bytes: [UInt8](Data(contentsOf: out)))
        #expect(midi.texts(type: MIDIEvent.MetaType.marker).first == "Intro")
        #expect(midi.texts(type: MIDIEvent.MetaType.marker).last == "Ending")
        #expect(midi.channelsWithNotes.contains(9))
        // A style in another meter plays it plainly: the waltz's band in the shanty's 6/8.
        let adapted = try await CommandRunner.songbridge(["render", Fixtures.songs.appendingPathComponent("haul-away-for-stonehaven.cho").path, "--style", "waltz", "--midi", dir.appendingPathComponent("w.mid").path])
        #expect(adapted.status == 0, "\(adapted.stderr)")
        #expect(try MIDIFile(bytes: [UInt8](Data(contentsOf: dir.appendingPathComponent("w.mid")))).channelsWithNotes.isSuperset(of: [0, 1, 2]))
        // A style whose file refuses a meter says so, leaving nothing behind.
        let styles = dir.appendingPathComponent("styles")
        try FileManager.default.createDirectory(at: styles, withIntermediateDirectories: true)
        try "style: strict\nmeter: 3/4\nrefuses: 6/8\npart bass: program 32, range E1-G3\n  1 root 1/4 100\n".write(to: styles.appendingPathComponent("strict.style"), atomically: true, encoding: .utf8)
        let wrong = try await CommandRunner.songbridge(["render", Fixtures.songs.appendingPathComponent("haul-away-for-stonehaven.cho").path, "--style", "strict", "--midi", dir.appendingPathComponent("x.mid").path],
                                                 environment: ["SONGBRIDGE_STYLES": styles.path])
        #expect(wrong.status == 65 && wrong.stderr.contains("strict style does not play 6/8"), "\(wrong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.mid").path))
    }

    @Test func simplifyAndHarmonise() async throws {
        let capo = try await CommandRunner.songbridge(["simplify", "Songs/hush-the-harbour-sleeps.cho", "--capo", "guitar"])
        #expect(capo.stdout.hasPrefix("capo 1: play guitar shapes in E"))
        #expect(capo.stdout.contains("{capo: 1}"))
        // The true chords stay, so the song sounds in F; the shapes to finger are a capo line at its head.
        #expect(capo.stdout.contains("[F]Hush now") && capo.stdout.contains("{comment: Capo 1, guitar shapes in E: F is E, C is B, Bb is A"), "\(capo.stdout)")
        let capoDir = try scratch()
        defer { try? FileManager.default.removeItem(at: capoDir) }
        let capoSheet = capoDir.appendingPathComponent("capo.cho"), capoMIDI = capoDir.appendingPathComponent("capo.mid")
        try capo.stdout.split(separator: "\n", maxSplits: 1).last.map(String.init)!.write(to: capoSheet, atomically: true, encoding: .utf8)
        #expect(try await CommandRunner.songbridge(["render", capoSheet.path, "--style", "folk", "--midi", capoMIDI.path]).status == 0)
        let comp = try MIDINoteList(data: Data(contentsOf: capoMIDI)).notes.filter { $0.channel == 1 }.map { $0.note % 12 }
        #expect(!comp.isEmpty && Set(comp).isSubset(of: [0, 2, 4, 5, 7, 9, 10]), "the guitar plays F's chords, as the tune is in F: \(Set(comp).sorted())")
        // Three chords in the mode: the A-dorian shanty gets Am, D and Em (its G natural kept), not E major and Dm.
        let dorian = try await CommandRunner.songbridge(["simplify", "Songs/haul-away-for-stonehaven.cho", "--three-chords"])
        let used = Set(dorian.stdout.matches(of: /\[([A-G][^\]]*)\]/).map { String($0.1) })
        #expect(used == ["Am", "D", "Em"], "\(used)")
        let three = try await CommandRunner.songbridge(["simplify", "Songs/the-tide-comes-in.cho", "--three-chords"])
        #expect(!three.stdout.contains("[Em]") && !three.stdout.contains("[Am]") && three.stdout.contains("[D]"))
        let bare = try scratch()
        defer { try? FileManager.default.removeItem(at: bare) }
        try "X:1\nT:Bare\nM:3/4\nL:1/4\nK:C\nC E G|F A c|G B d|c3|]\n".write(to: bare.appendingPathComponent("bare.abc"), atomically: true, encoding: .utf8)
        let h = try await CommandRunner.songbridge(["harmonise", bare.appendingPathComponent("bare.abc").path])
        #expect(h.stdout.contains("\"C\"C E G | \"F\"F A c | \"G\"G B d | \"C\"c3"), "\(h.stdout)")
    }
}
