import ArgumentParser
@testable import songbridge
import SongTesting
import Testing

/// `check` and `render` in their plainest spelling are read without ArgumentParser (`QuickStart`), to start quickly.
/// ArgumentParser is the oracle: whatever the quick reader reads, ArgumentParser reads the same way, to the same
/// values; whatever ArgumentParser refuses or explains (help, errors), the quick reader leaves to it.
@Suite struct QuickStartTests {
    /// Both readings, as text (`Render(song: …)`, or a check's `CheckRequest(files: ["a.abc"], …)`), or nil where a
    /// reader does not read them.
    static func readings(_ arguments: [String]) -> (quick: String?, argumentParser: String?) {
        let quick: String? = switch QuickStart.command(arguments) {
        case .check(let request)?: String(describing: request)
        case .render(let command)?: String(describing: command)
        case nil: nil
        }
        let parsed = (try? Songbridge.parseAsRoot(arguments)).map { command in
            (command as? Check).map { String(describing: $0.request) } ?? String(describing: command)
        }
        return (quick, parsed)
    }

    @Test(arguments: [
        ["check", "Songs/the-tide-comes-in.cho"],
        ["check", "a.abc", "b.abc", "--json"],
        ["check", "--tune", "3", "a.abc", "--no-warnings"],
        ["check", "--tune=3", "a.abc"],
        ["render", "Songs/the-tide-comes-in.cho", "--style", "folk", "--midi", "out.mid"],
        ["render", "song.cho", "--transpose", "-2", "--audio", "a.flac", "--bits", "24", "--split", "channels"],
        ["render", "song.cho", "--transpose=-3", "--tempo=96", "--ending", "button", "--practice", "--kar", "--lead", "flute"],
        ["render", "song.cho", "--lift-last-chorus", "2", "--style", "waltz", "--midi", "lifted.mid"],
        ["render", "--midi", "x.mid", "song.abc", "--tune", "2", "--fit-key", "child,older-adult", "--my-lines", "p1,child", "--no-reverb"],
        ["render", "song.cho", "--tempo-scale", "0.8", "--harmony", "third", "--count-in", "--latin1", "--verbose", "--threads", "1", "--sample-rate", "22050"],
    ])
    func thePlainestSpellingsAreReadAsArgumentParserReadsThem(arguments: [String]) throws {
        let (quick, parsed) = Self.readings(arguments)
        let read = try #require(quick, "the quick reader leaves \(arguments) to ArgumentParser")
        #expect(read == parsed)
    }

    @Test(arguments: [
        ["check"], ["check", "--help"], ["check", "-h"], ["check", "--", "a.abc"], ["check", "-"], ["check", "--tune", "x", "a.abc"],
        ["check", "--tune", "a.abc"], ["check", "a.abc", "--json", "--json"], ["check", "--json=yes", "a.abc"], ["check", "--tunes", "1", "a.abc"],
        ["render"], ["render", "a.cho", "b.cho"], ["render", "a.cho", "--style", "no-such-style"], ["render", "a.cho", "--bits", "12"],
        ["render", "a.cho", "--midi"], ["render", "a.cho", "--midi", "--audio", "x.wav"], ["render", "a.cho", "--key", "H"],
        ["render", "a.cho", "--key", "G", "--transpose", "2"], ["render", "a.cho", "--tempo", "90", "--tempo-scale", "0.5"],
        ["render", "a.cho", "--audio", "x.mp3"], ["render", "a.cho", "--split", "halves"], ["render", "a.cho", "--ending", "fade"],
        ["render", "a.cho", "--tempo", "-90"], ["render", "a.cho", "--lift-last-chorus", "9"], ["render", "a.cho", "--style", "folk", "--style", "waltz"], ["render", "--version"],
        ["help", "check"], ["list"], [],
    ])
    func everythingElseIsLeftToArgumentParser(arguments: [String]) {
        #expect(Self.readings(arguments).quick == nil, "\(arguments)")
    }

    /// Random argument lists from the two commands' words, values good and bad, and stray words: wherever the quick
    /// reader reads one, ArgumentParser reads it too, to the same values.
    @Test func randomArgumentListsAreReadAlikeOrLeftAlone() {
        var random = Mutator(seed: 2026_12_01)
        let words = ["--tune", "--json", "--no-warnings", "--style", "folk", "waltz", "--midi", "o.mid", "--audio", "o.wav", "o.ogg",
                     "--transpose", "-2", "5", "--key", "A", "Bb", "--tempo", "90", "0", "--tempo-scale", "1.5", "--bits", "24", "16",
                     "--split", "time", "--ending", "held", "--practice", "--kar", "--verbose", "--lead", "choir", "--harmony", "sixth",
                     "song.cho", "tune.abc", "-", "--", "-x", "--tune=2", "--style=hymn", "--threads", "3", "x"]
        var readAlike = 0
        for _ in 0..<600 {
            let arguments = [Bool.random(using: &random) ? "check" : "render"] + (0..<Int.random(in: 0...7, using: &random)).map { _ in words.randomElement(using: &random)! }
            let (quick, parsed) = Self.readings(arguments)
            guard let quick else { continue }
            #expect(quick == parsed, "\(arguments)")
            readAlike += 1
        }
        #expect(readAlike > 40, "only \(readAlike) lists were read quickly")
    }
}
