import ArgumentParser
import Foundation
import Lyrics
import SongCore
import SongText

/// `songbridge lyrics …`: syllables, rhymes, and words against the tune.
struct LyricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lyrics",
        abstract: "Count syllables, find rhymes, and check words against the tune (English and Welsh).",
        subcommands: [Syllables.self, Rhymes.self, LyricsCheck.self]
    )

    struct Syllables: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "syllables", abstract: "Each word's syllables and stress (1 stressed, 0 not).")

        @Flag(help: "Print JSON.")
        var json = false

        @Option(help: "The language; auto uses Welsh rules for lines that read as Welsh.")
        var lang: Language = .auto

        @Argument(help: "The words.")
        var text: [String]

        func validate() throws {
            if text.joined(separator: " ").trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("give some words") }
        }

        func run() throws {
            let analysis = LyricAnalyzer().analyze(line: text.joined(separator: " "), language: lang)
            if json {
                print(try JSONOutput.string(analysis))
                return
            }
            for w in analysis.words {
                print("\(w.word)  \(w.syllableCount)  \(w.hyphenated)  \(w.stressPattern)  \(w.source.rawValue)")
            }
            print("\(analysis.syllableCount) syllables (\(analysis.language == .welsh ? "Welsh" : "English")): \(analysis.stressPattern)")
        }
    }

    struct Rhymes: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rhymes", abstract: "Words that rhyme: perfect first, then near (--near); common words first.")

        @Flag(help: "Print JSON.")
        var json = false

        @Flag(help: "Add near rhymes: the same vowels (assonance) or the same closing consonants (consonance).")
        var near = false

        @Option(help: "Only words of this many syllables.")
        var syllables: Int?

        @Option(help: "At most this many.")
        var limit = 30

        @Argument(help: "The word.")
        var word: String

        func run() throws {
            let analyzer = LyricAnalyzer()
            guard analyzer.rhymePronunciation(word) != nil else {
                printError("songbridge: no pronunciation known for '\(word)', and no English word ends like it")
                throw ExitCode(ExitStatus.invalidInput)
            }
            let found = analyzer.rhymes(for: word, near: near, syllables: syllables, limit: max(1, limit))
            if json {
                print(try JSONOutput.string(found))
                return
            }
            if found.isEmpty { print("no rhymes found for \(word)") }
            for kind in [RhymeKind.perfect, .identical, .assonance, .consonance] {
                let words = found.filter { $0.kind == kind }.map(\.word)
                if !words.isEmpty { print("\(kind.rawValue): \(words.joined(separator: ", "))") }
            }
        }
    }

    struct LyricsCheck: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Each section's rhyme scheme, and each line's syllables, stress, fit to the tune and who wrote it.")

        @Argument(help: "A song file (.cho or .abc).")
        var file: String

        func run() throws {
            let contents = try readSongFile(file)
            let analyzer = LyricAnalyzer()
            var warnings = 0
            for song in contents.songs {
                print(song.metadata.title ?? file)
                for section in song.sections {
                    var lines = section.lyricLines
                    // A tune without sheet lines: its w: words, line by line.
                    let melodyLines = section.melody.map(analyzer.melodyLines) ?? []
                    if lines.isEmpty, let melody = section.melody, melody.verseCount > 0 {
                        lines = melodyLines.map { ns in ns.compactMap { $0.note.lyrics.first?.text }.joined(separator: " ") }
                    }
                    guard !lines.isEmpty else { continue }
                    print("  \(section.id)  rhyme scheme \(analyzer.rhymeScheme(lines))")
                    for (i, text) in lines.enumerated() {
                        let authors = song.provenance.authors(ofLine: i + 1, inSection: section.id).compactMap(\.publicCredit)
                        let by = authors.isEmpty ? "" : "  (\(authors.joined(separator: ", ")))"
                        if i < melodyLines.count, let meter = section.melody?.meter {
                            let fit = analyzer.fit(text, to: melodyLines[i], meter: meter)
                            print("    \(i + 1). \(fit.line.syllableCount)/\(fit.notes)  \(fit.line.stressPattern)  \(text)\(by)")
                            for w in fit.warnings { print("       ! \(w.message)") }
                            warnings += fit.warnings.count
                        } else {
                            let line = analyzer.analyze(line: text)
                            print("    \(i + 1). \(line.syllableCount)  \(line.stressPattern)  \(text)\(by)")
                        }
                    }
                }
            }
            print(warnings == 0 ? "every line fits its tune" : "\(warnings) thing\(warnings == 1 ? "" : "s") to look at")
        }
    }
}
