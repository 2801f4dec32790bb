import Foundation
import SongTesting
import Testing

/// Runs every command the README shows in its `console` blocks and checks the output it shows.
@Suite struct ReadmeTests {
    struct Example: Sendable, CustomStringConvertible {
        var command: [String]
        var status: Int32
        var expected: [String]
        var description: String { command.joined(separator: " ") }
    }

    static let examples: [Example] = {
        let readme = Fixtures.text(Fixtures.root.appendingPathComponent("README.md"))
        var examples: [Example] = []
        var inConsole = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inConsole = line == "```console"
                continue
            }
            guard inConsole else { continue }
            if line.hasPrefix("$ ") {
                var text = String(line.dropFirst(2))
                var status: Int32 = 0
                if let hash = text.range(of: "# exits ") {
                    status = Int32(text[hash.upperBound...].trimmingCharacters(in: .whitespaces)) ?? 0
                    text = String(text[..<hash.lowerBound])
                }
                examples.append(Example(command: ReadmeTests.words(text), status: status, expected: []))
            } else if !examples.isEmpty, !line.trimmingCharacters(in: .whitespaces).isEmpty {
                examples[examples.count - 1].expected.append(String(line))
            }
        }
        return examples
    }()

    /// Splits a command line as a shell would for the README's examples: spaces, and double quotes around a word.
    static func words(_ line: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false, any = false
        for c in line {
            if c == "\"" { quoted.toggle(); any = true; continue }
            if c == " " && !quoted {
                if any { out.append(current) }
                current = ""
                any = false
                continue
            }
            current.append(c)
            any = true
        }
        if any { out.append(current) }
        return out
    }

    @Test func commandLinesSplitLikeAShell() {
        #expect(Self.words(#"songbridge contributor add --name "Mair Lewis" --id c1 "#) == ["songbridge", "contributor", "add", "--name", "Mair Lewis", "--id", "c1"])
    }

    @Test func theReadmeShowsExamplesAndBothMakeCommands() {
        let readme = Fixtures.text(Fixtures.root.appendingPathComponent("README.md"))
        #expect(Self.examples.count >= 5)
        #expect(readme.contains("make run") && readme.contains("make test"))
    }

    @Test func everyExampleRunsAsShown() throws {
        // The examples run in a scratch folder that sees the repository's Songs/ and Tests/, so files they write stay out of the tree.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("songbridge-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for folder in ["Songs", "Tests"] {
            try FileManager.default.createSymbolicLink(at: scratch.appendingPathComponent(folder), withDestinationURL: Fixtures.root.appendingPathComponent(folder))
        }
        for example in Self.examples {
            #expect(example.command.first == "songbridge", "\(example)")
            let result = try CommandRunner.songbridge(Array(example.command.dropFirst()), in: scratch)
            #expect(result.status == example.status, "\(example): exit \(result.status)\n\(result.stderr)")
            let output = (result.stdout + "\n" + result.stderr).split(separator: "\n").map(String.init)
            for line in example.expected {
                // The line as shown, or the same words with the indentation (and a JSON comma) the README leaves out.
                let shown = line.trimmingCharacters(in: .whitespaces)
                let found = output.contains { out in
                    let trimmed = out.trimmingCharacters(in: .whitespaces)
                    return out == line || trimmed == shown || trimmed == shown + ","
                }
                #expect(found, "\(example): missing line \"\(line)\" in\n\(output.joined(separator: "\n"))")
            }
        }
    }
}
