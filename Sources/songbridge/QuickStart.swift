import ArgumentParser
import Arrangement
import SongSynth

/// The two commands run most often and most often in a row (`check` over a tunebook, `render` of a chart to MIDI),
/// read without ArgumentParser's parsing. ArgumentParser finds a command's options by reflection, and each of its
/// first casts to a protocol scans every protocol conformance the program holds (about 13,700, with the server and
/// the sync client linked in): a third of a `check` of 1,000 tunes, and more of a chart-to-MIDI render.
///
/// Only the plainest spelling is read here: each known option once, as `--name value` or `--name=value`, each known
/// flag once, and files that do not start with `-`. Anything else (help, a short option, `--`, a repeated or unknown
/// option, a value that does not read, a file list that is empty) is left to ArgumentParser, which reads it or
/// explains what is wrong, exactly as it would have; so is anything the command's own validation refuses. A render
/// is the same struct, its values set as ArgumentParser sets them; a check is the `CheckRequest` that `Check` runs,
/// made without `Check`'s option wrappers at all (their first use cost about half a millisecond at every start). A test
/// compares the two readings.
enum QuickStart {
    case check(CheckRequest)
    case render(Render)

    /// The command `arguments` (without the program's name) ask for, if this reader reads them; nil leaves them to
    /// ArgumentParser.
    static func command(_ arguments: [String]) -> QuickStart? {
        switch arguments.first {
        case "check": return check(Array(arguments.dropFirst()))
        case "render": return render(Array(arguments.dropFirst()))
        default: return nil
        }
    }

    /// Runs it, as the program runs what ArgumentParser read.
    func run() async throws {
        switch self {
        case .check(let request): try request.run()
        case .render(let command): try await command.run()
        }
    }

    private static func check(_ arguments: [String]) -> QuickStart? {
        guard let words = Words(arguments, options: ["tune"], flags: ["json", "no-warnings"]), !words.files.isEmpty,
              let tune = words.value("tune", { Int($0) }) else { return nil }
        // `Check` has no validation of its own beyond what ArgumentParser reads (a test holds the two readings alike).
        return .check(CheckRequest(files: words.files, tune: tune, json: words.flags.contains("json"), noWarnings: words.flags.contains("no-warnings")))
    }

    private static func render(_ arguments: [String]) -> QuickStart? {
        guard let words = Words(arguments, options: [
            "tune", "soundfont", "style", "tempo", "tempo-scale", "transpose", "key", "fit-key", "lead", "harmony", "my-lines", "ending", "lift-last-chorus",
            "midi", "audio", "sample-rate", "bits", "threads", "split",
        ], flags: ["practice", "kar", "count-in", "latin1", "verbose", "no-reverb", "no-chorus"], unconditional: ["transpose"]),
              words.files.count == 1,
              let tune = words.value("tune", { Int($0) }), let soundfont = words.value("soundfont", { $0 }),
              let style = words.value("style", { $0 }), let tempo = words.value("tempo", { Double($0) }),
              let tempoScale = words.value("tempo-scale", { Double($0) }), let transpose = words.value("transpose", { Int($0) }),
              let key = words.value("key", { $0 }), let fitKey = words.value("fit-key", { $0 }),
              let lead = words.value("lead", { $0 }), let harmony = words.value("harmony", { $0 }),
              let myLines = words.value("my-lines", { $0 }), let ending = words.value("ending", { EndingKind(argument: $0) }),
              let midi = words.value("midi", { $0 }), let audio = words.value("audio", { $0 }),
              let sampleRate = words.value("sample-rate", { Double($0) }), let bits = words.value("bits", { Int($0) }),
              let lift = words.value("lift-last-chorus", { Int($0) }),
              let threads = words.value("threads", { Int($0) }), let split = words.value("split", { RenderOptions.Splitting(argument: $0) })
        else { return nil }
        var song = SongOptions()
        song.file = words.files[0]
        (song.tune, song.soundfont, song.style, song.tempo, song.tempoScale, song.transpose) = (tune, soundfont, style, tempo, tempoScale, transpose)
        (song.key, song.fitKey, song.lead, song.harmony, song.myLines, song.ending) = (key, fitKey, lead, harmony, myLines, ending ?? .held)
        song.liftLastChorus = lift
        song.practice = words.flags.contains("practice")
        song.kar = words.flags.contains("kar")
        song.countIn = words.flags.contains("count-in")
        song.latin1 = words.flags.contains("latin1")
        song.verbose = words.flags.contains("verbose")
        var command = Render()
        command.song = song
        (command.midi, command.audio, command.sampleRate, command.bits, command.threads) = (midi, audio, sampleRate ?? 44_100, bits ?? 16, threads)
        command.split = split ?? .time
        command.noReverb = words.flags.contains("no-reverb")
        command.noChorus = words.flags.contains("no-chorus")
        guard (try? song.validate()) != nil, (try? command.validate()) != nil else { return nil }
        return .render(command)
    }

    /// A command's words in their plainest spelling: options that take a value, flags, and files (in arrays: a
    /// command has a few words).
    struct Words {
        private(set) var values: [(name: String, value: String)] = []
        private(set) var flags: [String] = []
        private(set) var files: [String] = []

        /// Nil for anything only ArgumentParser reads: an unknown or repeated name, a flag with a value, an option
        /// without one or whose value starts with `-` (unless the option is `unconditional`, as `--transpose -2`),
        /// a short option, `--` or a lone `-`.
        init?(_ words: [String], options: [String], flags known: [String], unconditional: [String] = []) {
            var i = 0
            while i < words.count {
                let word = words[i]
                i += 1
                guard word.hasPrefix("-") else { files.append(word); continue }
                guard word.hasPrefix("--"), word.count > 2 else { return nil }
                let body = word.dropFirst(2)
                let equals = body.firstIndex(of: "=")
                let name = String(body[..<(equals ?? body.endIndex)])
                if known.contains(name) {
                    guard equals == nil, !flags.contains(name) else { return nil }
                    flags.append(name)
                } else if options.contains(name) {
                    let value: String
                    if let equals {
                        value = String(body[body.index(after: equals)...])
                    } else {
                        guard i < words.count, !words[i].hasPrefix("-") || unconditional.contains(name) else { return nil }
                        value = words[i]
                        i += 1
                    }
                    guard !values.contains(where: { $0.name == name }) else { return nil }
                    values.append((name, value))
                } else {
                    return nil
                }
            }
        }

        /// Option `name`'s value read by `read`: .some(nil) when it is not given, nil when it does not read.
        func value<T>(_ name: String, _ read: (String) -> T?) -> T?? {
            guard let given = values.first(where: { $0.name == name })?.value else { return .some(nil) }
            return read(given).map { .some($0) }
        }
    }
}
